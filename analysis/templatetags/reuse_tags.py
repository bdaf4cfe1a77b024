"""The reader's text-reuse links (templates/analysis/_reader.html, named in
settings.READER_EXTENSIONS): which paragraphs other speeches share."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import ngettext

from analysis.services.reuse import paragraph_counts

register = template.Library()


@register.simple_tag
def reuse_links(speech) -> list[dict]:
    """For each paragraph found elsewhere: its position, the link and its label (one query)."""
    base = reverse("analysis_reuse_speech", args=[speech.pk])
    return [
        {
            "position": position,
            "count": count,
            "url": f"{base}?{urlencode({'paragraph': position})}",
            "label": ngettext(
                "This paragraph also appears in %(n)s other speech",
                "This paragraph also appears in %(n)s other speeches",
                count,
            )
            % {"n": count},
        }
        for position, count in paragraph_counts(speech_id=speech.pk).items()
    ]
