"""Remove a person's second factor, for a lost phone: `manage.py two_factor_remove EMAIL`.

For when nobody can do it in the admin, e.g. the only superuser lost their
phone. The person sets up a new authenticator app at their next sign-in.
"""

import logging

from django.core.management.base import BaseCommand, CommandError

from apps.accounts.models import User
from apps.accounts.security import security_event
from apps.accounts.services import two_factor_remove


class Command(BaseCommand):
    help = "Remove the authenticator app and recovery codes of the account with this email."

    def add_arguments(self, parser):
        parser.add_argument("email", help="the account's email address (case is ignored)")

    def handle(self, *args, email: str, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account has the email address {email!r}.")
        removed = two_factor_remove(user=user)
        security_event(
            "two_factor_removed", email=user.email, by="manage.py", level=logging.WARNING
        )
        if removed:
            self.stdout.write(
                f"Removed two-step sign-in of {user.email}: it is set up again at the next sign-in."
            )
        else:
            self.stdout.write(f"{user.email} had no two-step sign-in; nothing changed.")
