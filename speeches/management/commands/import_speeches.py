"""Import compilation files and folders from the command line."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from speeches.services.imports import UploadRefused, import_file

# What a folder is searched for; a file named on the command line is tried
# whatever its name, and the parser says what is wrong with it.
FOLDER_SUFFIXES = {".txt", ".docx"}


class Command(BaseCommand):
    help = (
        "Import speech compilations (.txt or .docx). Folders are searched recursively "
        "for .txt and .docx files. Exits with status 1 when any file was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders.")
        parser.add_argument(
            "--title", default="", help="Title of the compilation (a single file only)."
        )
        parser.add_argument("--user", metavar="USERNAME", help="Record this user as uploader.")

    def handle(self, *args, paths: list[str], title: str, user: str | None, **options):
        uploader = self._user(user)
        files, refused = collect_files(paths)
        if title and len(files) + len(refused) != 1:
            raise CommandError(_("--title can only be given for a single file."))

        imported = present = 0
        total = len(files)
        for number, path in enumerate(files, start=1):
            # The outcome goes on a line of its own: log lines may come between.
            self.stdout.write(f"[{number}/{total}] {path}")
            try:
                with path.open("rb") as handle:
                    result = import_file(
                        file=File(handle), filename=path.name, user=uploader, title=title
                    )
            except UploadRefused as refusal:
                refused.append((path, refusal.message))
                self.stdout.write(self.style.ERROR("    " + _("refused: %s") % refusal.message))
                continue
            compilation = result.compilation
            if result.created:
                imported += 1
                count = compilation.speeches.count()
                self.stdout.write(
                    self.style.SUCCESS(
                        "    "
                        + ngettext(
                            "imported: %(title)s (%(count)d speech, #%(id)d)",
                            "imported: %(title)s (%(count)d speeches, #%(id)d)",
                            count,
                        )
                        % {
                            "title": compilation.title,
                            "count": count,
                            "id": compilation.pk,
                        }
                    )
                )
            else:
                present += 1
                self.stdout.write(
                    self.style.WARNING(
                        "    "
                        + _("already present: %(title)s (#%(id)d, imported %(date)s)")
                        % {
                            "title": compilation.title,
                            "id": compilation.pk,
                            "date": f"{compilation.created_at:%Y-%m-%d}",
                        }
                    )
                )

        self.stdout.write(
            _("Imported: %(imported)d, already present: %(present)d, refused: %(refused)d.")
            % {"imported": imported, "present": present, "refused": len(refused)}
        )
        for path, reason in refused:
            self.stdout.write(self.style.ERROR(f"  {path}: {reason}"))
        if refused:
            raise CommandError(_("%d file(s) refused.") % len(refused), returncode=1)

    def _user(self, username: str | None):
        if not username:
            return None
        User = get_user_model()
        try:
            return User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(_("No user named %s.") % username) from None


def collect_files(paths: list[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to import, in order, and the paths refused before reading (missing ones)."""
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in FOLDER_SUFFIXES
                    and not p.name.startswith((".", "~$"))
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            refused.append((path, _("no such file or folder")))
    return files, refused
