"""Pages of the speeches app. Views stay thin: read, render."""

from django.shortcuts import render

from accounts.decorators import read_required
from speeches.models import Compilation, Paragraph, Speaker, Speech


@read_required
def home(request):
    """The corpus at a glance and the newest compilations."""
    context = {
        "counts": {
            "speeches": Speech.objects.count(),
            "speakers": Speaker.objects.current().count(),
            "paragraphs": Paragraph.objects.count(),
        },
        "recent_compilations": Compilation.objects.all()[:5],
    }
    return render(request, "speeches/home.html", context)
