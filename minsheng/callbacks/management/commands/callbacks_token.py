from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from minsheng.callbacks.services import api_token_create
from minsheng.orgs.models import User


class Command(BaseCommand):
    help = "Create a mobile-app API token for a user (printed once; only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no such user: {options['username']}")
        _token, raw = api_token_create(actor=None, user=user, name=options["name"])
        self.stdout.write(raw)
