import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal import demo

# Each app may contribute a `demo.py` with a `load()` function; they run in this order.
DEMO_MODULES = [
    "portal.demo",
    "sites.demo",
    "zones.demo",
    "seminars.demo",
    "recommendations.demo",
    "works.demo",
    "reminders.demo",
]


class Command(BaseCommand):
    help = "Load the demo data (idempotent: a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: this looks like production. Use --force to load demo data anyway.")
        with transaction.atomic():
            for name in DEMO_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name == name:
                        continue
                    raise
                module.load()
                self.stdout.write(f"  loaded {name}")
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Demo accounts (password: {demo.DEMO_PASSWORD}):"))
        for email, _name, role, *_rest in demo.DEMO_USERS:
            self.stdout.write(f"  {email:<24} {role}")
