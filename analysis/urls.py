from django.urls import path

from analysis import views

urlpatterns = [
    path("analysis/", views.crosstab_page, name="analysis_crosstab"),
    path("analysis/cooccurrence/", views.cooccurrence_page, name="analysis_cooccurrence"),
    path("analysis/trends/", views.trends_page, name="analysis_trends"),
]
