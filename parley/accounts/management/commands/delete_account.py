"""Staff erase an account on the reader's request: `parley delete_account <username>`."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from parley.accounts import services


class Command(BaseCommand):
    help = "Delete an account as its owner could: comments removed or kept as 'deleted user'."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--comments",
            choices=services.COMMENT_CHOICES,
            default=None,
            help="remove the comments, or keep them as 'deleted user' "
            "(default: PARLEY_ACCOUNT_DELETE_COMMENTS)",
        )

    def handle(self, *args, username, comments, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account has the username {username!r}.")
        choice = comments or settings.PARLEY_ACCOUNT_DELETE_COMMENTS
        services.account_delete(user=user, comments=choice)
        kept = "kept as 'deleted user'" if choice == "keep" else "removed"
        self.stdout.write(f"Deleted the account {username!r}; its comments were {kept}.")
