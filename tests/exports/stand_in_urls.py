"""The project's URLs plus a stand-in speech page, for as long as the reader
(``speech_detail``) has not landed: exports link to paragraphs on it."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    path("speeches/<int:pk>/", lambda request, pk: HttpResponse(), name="speech_detail"),
]


def stand_in_speech_pages(settings) -> bool:
    """Serve the stand-in when the project has no speech page; True if it did."""
    from django.urls import NoReverseMatch, clear_url_caches, reverse

    try:
        reverse("speech_detail", args=[1])
    except NoReverseMatch:
        settings.ROOT_URLCONF = "tests.exports.stand_in_urls"
        clear_url_caches()
        return True
    return False
