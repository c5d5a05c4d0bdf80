"""A covering index for the statistics: registrations per event answered from the index alone.

The events section counts registrations per event (status, check-in) and the
distinct people behind them; with ``(event_id, status) INCLUDE (user_id,
checked_in_at)`` PostgreSQL reads only index pages (measured in
bench/bench_dashboard.py: a province's year went from a scan of all 1M rows
to index-only scans). Built concurrently so that registrations keep flowing.
"""

from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("events", "0001_initial")]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS insight_registration_event_cover "
                "ON events_registration (event_id, status) INCLUDE (user_id, checked_in_at)"
            ),
            reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS insight_registration_event_cover",
        )
    ]
