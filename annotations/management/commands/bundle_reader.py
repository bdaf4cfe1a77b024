"""Write static/js/annotations.bundle.js, the reader's modules as one file
(annotations.reader_bundle), or with --check only say whether it is current."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from annotations.reader_bundle import BUNDLE, build
from core.js_bundle import BundleError


class Command(BaseCommand):
    help = "Bundle the reader's JavaScript modules into static/js/annotations.bundle.js."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true",
            help="Write nothing; exit with status 1 if the bundle is out of date.",
        )

    def handle(self, *args, check: bool, **options):
        try:
            text = build()
        except BundleError as error:
            raise CommandError(str(error)) from error
        current = BUNDLE.is_file() and BUNDLE.read_text(encoding="utf-8") == text
        names = {"path": BUNDLE.name}
        if check:
            if not current:
                message = _("%(path)s is out of date: run manage.py bundle_reader.")
                raise CommandError(message % names)
            self.stdout.write(_("%(path)s is up to date.") % names)
            return
        if not current:
            BUNDLE.write_text(text, encoding="utf-8")
        self.stdout.write(_("Wrote %(path)s.") % names)
