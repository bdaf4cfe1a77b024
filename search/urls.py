from django.urls import path

from search import views

urlpatterns = [
    path("search/", views.search_page, name="search_page"),
    path("exports/search.csv", views.search_csv, name="search_csv"),
]
