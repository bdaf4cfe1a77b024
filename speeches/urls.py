from django.urls import path

from speeches.views import browse, compilations

urlpatterns = [
    path("", browse.home, name="home"),
    path("compilations/", compilations.compilation_list, name="compilation_list"),
    path("compilations/upload/", compilations.compilation_upload, name="compilation_upload"),
    path(
        "compilations/upload/<str:token>/",
        compilations.compilation_upload_preview,
        name="compilation_upload_preview",
    ),
    path("compilations/<int:pk>/", compilations.compilation_detail, name="compilation_detail"),
]
