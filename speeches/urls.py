from django.urls import path

from speeches.views import browse

urlpatterns = [
    path("", browse.home, name="home"),
]
