"""Create a local editor account on a new installation and print its login once."""

import secrets

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand

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
            self.stdout.write("An editor account exists already; log in with it.")
            return
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                self.style.WARNING(
                    f"The account {username!r} exists but is not an editor: "
                    "give it the editor role in the admin."
                )
            )
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, password=password)
        user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(
                "\nA local editor account was created. It is shown only this once:\n"
                f"    user name: {username}\n"
                f"    password:  {password}\n"
                f"Change it with: python manage.py changepassword {username}\n"
            )
        )
