import json
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from wagtail.models import Site

from parley.accounts import services as accounts
from parley.discussion import demo_content as discussion_content
from parley.discussion import demo_load as discussion_demo
from parley.moderation import demo_load as moderation_demo
from parley.newsroom.demo import load as newsroom_demo

DEMO_ACCOUNTS = [
    # (username, group, superuser)
    ("editor", "Editor", False),
    ("reporter", "Reporter", False),
    ("moderator", "Moderator", False),
]


class Command(BaseCommand):
    help = "Set up a local Parley with demo content and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument("--no-serve", action="store_true", help="Set up, then exit.")

    def handle(self, *args, host, port, workers, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready.")
        call_command("collectstatic", interactive=False, verbosity=0)
        self.point_site_at_base_url()
        if newsroom_demo.load(stdout=self.stdout):
            self.stdout.write("Demo newsroom loaded.")
        accounts = self.ensure_accounts()
        self.seed_discussions(accounts)
        if moderation_demo.load():
            words = ", ".join(term for term, *_ in moderation_demo.DEMO_TERMS[:2])
            self.stdout.write(f"Demo word list loaded: comments saying {words} wait for review.")
        self.stdout.write(self.style.SUCCESS("\nDemo accounts (admin at /admin/):"))
        for username, password in accounts.items():
            if username != "readers":
                self.stdout.write(f"  {username:10} password: {password}")
        if "readers" in accounts:
            names = ", ".join(r["username"] for r in discussion_content.READERS[:4])
            self.stdout.write(
                self.style.SUCCESS("Demo readers (sign in at /accounts/login/):")
                + f"\n  {names}, … password: {accounts['readers']}"
            )
        self.stdout.write("")
        if not no_serve:
            call_command("serve", host=host, port=port, workers=workers)

    def seed_discussions(self, accounts: dict) -> None:
        """Give every demo article a discussion, written by the demo readers."""
        from parley.newsroom.models import ArticlePage

        articles = {a.slug: a for a in ArticlePage.objects.live()}
        password = discussion_demo.load(
            articles=articles, password=accounts.get("readers"), stdout=self.stdout
        )
        if password:
            accounts["readers"] = password
            store = settings.DATA_DIR / "demo-accounts.json"
            store.write_text(json.dumps(accounts, indent=2))
            self.stdout.write("Demo discussions loaded.")

    def point_site_at_base_url(self):
        base = urlsplit(settings.PARLEY_BASE_URL)
        site = Site.objects.get(is_default_site=True)
        site.hostname = base.hostname
        site.port = base.port or (443 if base.scheme == "https" else 80)
        site.save()

    def ensure_accounts(self) -> dict[str, str]:
        """Create the demo staff once; their passwords are kept in the data folder."""
        store = settings.DATA_DIR / "demo-accounts.json"
        passwords = json.loads(store.read_text()) if store.exists() else {}
        user_model = get_user_model()
        for username, group, superuser in DEMO_ACCOUNTS:
            password = passwords.setdefault(username, secrets.token_urlsafe(9))
            if not user_model.objects.filter(username=username).exists():
                user = accounts.account_create(
                    username=username,
                    email=f"{username}@parley.example",
                    password=password,
                    verified=True,
                )
                user.is_staff, user.is_superuser = True, superuser
                user.save(update_fields=["is_staff", "is_superuser"])
                user.groups.add(Group.objects.get(name=group))
        store.write_text(json.dumps(passwords, indent=2))
        store.chmod(0o600)
        return passwords
