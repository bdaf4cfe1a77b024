from django.urls import path

from speeches.exports import views

urlpatterns = [
    path("exports/speeches/<int:pk>.txt", views.speech_text, name="speech_text"),
    path("exports/speeches/<int:pk>.md", views.speech_markdown, name="speech_markdown"),
    path(
        "exports/compilations/<int:pk>.tei.xml",
        views.compilation_tei,
        name="compilation_tei",
    ),
]
