from django.urls import path

from speeches import views

urlpatterns = [
    path("", views.home, name="home"),
]
