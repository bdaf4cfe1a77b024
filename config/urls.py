from django.contrib import admin
from django.urls import include, path

from config.api import api
from config.jsi18n import javascript_catalog

urlpatterns = [
    path("", include("speeches.urls")),
    path("", include("search.urls")),
    path("", include("annotations.urls")),
    path("", include("speeches.exports.urls")),
    path("", include("annotations.exports.urls")),
    path("", include("analysis.urls")),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", javascript_catalog, name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
