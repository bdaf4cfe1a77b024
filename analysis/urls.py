from django.urls import path

from analysis import views

urlpatterns = [
    path("analysis/", views.crosstab_page, name="analysis_crosstab"),
    path("analysis/cooccurrence/", views.cooccurrence_page, name="analysis_cooccurrence"),
    path("analysis/trends/", views.trends_page, name="analysis_trends"),
    path("analysis/reuse/", views.reuse_page, name="analysis_reuse"),
    path("analysis/reuse/run/", views.reuse_start, name="analysis_reuse_start"),
    path("analysis/reuse/speech/<int:pk>/", views.speech_reuse_page, name="analysis_reuse_speech"),
    path(
        "analysis/reuse/compare/<int:left>/<int:right>/",
        views.compare_page,
        name="analysis_reuse_compare",
    ),
]
