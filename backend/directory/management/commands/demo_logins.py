"""``manage.py demo_logins``: the table of demo logins (role, login, name, organisation) and their password."""

from __future__ import annotations

import unicodedata

from django.core.management.base import BaseCommand

from backend.demo.logins import DEMO_LOGINS, DEMO_PASSWORD


def width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


class Command(BaseCommand):
    help = "Print the demo logins and the shared demo password."

    def handle(self, *args, **options):
        from backend.accounts.models import User

        present = set(User.objects.filter(email__in=[d.email for d in DEMO_LOGINS]).values_list("email", flat=True))
        header = ("role", "login", "name", "organisation")
        rows = [
            (d.role, d.email + ("" if d.email in present else " (未加载 · not loaded)"), d.name, d.organisation)
            for d in DEMO_LOGINS
        ]
        columns = [max(width(row[i]) for row in [header, *rows]) for i in range(len(header))]
        line = "  ".join("-" * c for c in columns)
        self.stdout.write("演示账号 · Demo logins")
        self.stdout.write("  ".join(pad(h, c) for h, c in zip(header, columns, strict=True)).rstrip())
        self.stdout.write(line)
        for row in rows:
            self.stdout.write("  ".join(pad(v, c) for v, c in zip(row, columns, strict=True)).rstrip())
        self.stdout.write(f"密码 · Password (all): {DEMO_PASSWORD}")
