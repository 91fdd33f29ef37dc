"""Loads the demo organisation and its people. Safe to run again: it never duplicates anything."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from coreflect.accounts.models import User
from coreflect.actions.demo import seed_demo_actions
from coreflect.organisations.models import Membership, Organisation, OrganisationKind
from coreflect.organisations.permissions import Role
from coreflect.reflections.demo import seed_demo_rounds
from coreflect.workshops.demo import seed_demo_workshop

DEMO_PASSWORD = "reflect-together-demo"  # noqa: S105 - a published demo password for the local demo only
DEMO_ORGANISATION = "Riverside Council (demo)"
DEMO_PEOPLE = [
    ("alex.admin@example.org", "Alex Morgan", Role.ADMIN),
    ("fran.facilitator@example.org", "Fran Okafor", Role.FACILITATOR),
    ("val.viewer@example.org", "Val Singh", Role.VIEWER),
]


class Command(BaseCommand):
    help = "Create (or refresh) the demo organisation and its demo accounts, then print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even with DEBUG off. Its accounts have a published password: never on a live service.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            # The demo's admin has a password printed in the README: on a live service it would be a way in.
            raise CommandError(
                "The demo is for trying Coreflect on your own computer: its accounts have a published password. "
                "DEBUG is off, so this looks like a live service and nothing was loaded. To load it anyway "
                "(on a test server nobody else can reach), run: manage.py load_demo --force"
            )
        organisation, _ = Organisation.objects.get_or_create(
            name=DEMO_ORGANISATION, defaults={"kind": OrganisationKind.LOCAL_AUTHORITY}
        )
        people = {}
        for email, name, role in DEMO_PEOPLE:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email=email, name=name, password=DEMO_PASSWORD)
            Membership.objects.update_or_create(organisation=organisation, user=user, defaults={"role": role})
            people[role] = user
        rounds = seed_demo_rounds(organisation, people[Role.FACILITATOR])
        seed_demo_actions(rounds[0], people[Role.FACILITATOR])
        seed_demo_workshop(rounds[0], people[Role.FACILITATOR])

        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Coreflect demo data is ready."))
        self.stdout.write(
            f"Sign in at http://127.0.0.1:{self.port()}/sign-in/ with any of these (password: {DEMO_PASSWORD}):"
        )
        for email, _name, role in DEMO_PEOPLE:
            self.stdout.write(f"  {email:32} {role.label}")
        base = f"http://127.0.0.1:{self.port()}"
        self.stdout.write("")
        self.stdout.write(
            f"Take part in a demo reflection, with no account: {base}{reverse('journey:start', args=[rounds[0].link_code])}"
        )
        self.stdout.write("")

    @staticmethod
    def port():
        return os.environ.get("PORT", "8000")
