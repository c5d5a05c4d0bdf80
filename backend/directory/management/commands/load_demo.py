"""``manage.py load_demo [--if-empty]``: the deterministic demo data (see backend/demo/loader.py)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from backend.demo.loader import demo_data_present, load_demo


class Command(BaseCommand):
    help = "Create or update the demo data (idempotent and deterministic)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the directory already holds organisations or carriers (keeps data between runs).",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if if_empty and demo_data_present():
            self.stdout.write("演示数据已存在，跳过 · Demo data present, nothing loaded.")
            return
        ctx = load_demo()
        stats = ctx.stats
        written = {k: v for k, v in sorted(stats.items()) if not k.endswith(" ms") and v}
        self.stdout.write(
            "\n".join(f"  {key}: {value}" for key, value in written.items()) or "  nothing changed",
        )
        timings = ", ".join(f"{k.removesuffix(' ms')} {stats[k] / 1000:.1f} s" for k in stats if k.endswith(" ms"))
        self.stdout.write(self.style.SUCCESS(f"演示数据已加载 · Demo data loaded ({timings})."))
