"""The project's URLs plus a stand-in speech page, for as long as the reader
(``speech_detail``) has not landed: exports link to paragraphs on it."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    path("speeches/<int:pk>/", lambda request, pk: HttpResponse(), name="speech_detail"),
]
