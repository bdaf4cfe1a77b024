from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    path("", include("speeches.urls")),
    path("", include("annotations.urls")),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
