"""Create a local editor account on a new installation and print its login once.

It speaks the site's language (LANGUAGE_CODE, active in commands), as
import_speeches does.
"""

import secrets

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from accounts.roles import Role


class Command(BaseCommand):
    help = "Create the account 'editor' (editor role) if no editor exists, and print its login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")

    def handle(self, *args, username: str, **options):
        group = Group.objects.get(name=Role.EDITOR.group_name)
        if group.user_set.filter(is_active=True).exists() or User.objects.filter(
            is_superuser=True, is_active=True
        ).exists():
            self.stdout.write(_("An editor account exists already; log in with it."))
            return
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "The account “%(username)s” exists but is not an editor: "
                        "give it the editor role in the admin."
                    )
                    % {"username": username}
                )
            )
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, password=password)
        user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(
                "\n"
                + _("A local editor account was created. It is shown only this once:")
                + "\n"
                + "    " + _("user name: %(username)s") % {"username": username} + "\n"
                + "    " + _("password: %(password)s") % {"password": password} + "\n"
                + _("Change it with: %(command)s")
                % {"command": f"python manage.py changepassword {username}"}
                + "\n"
            )
        )
