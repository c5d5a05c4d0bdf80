"""Deterministic demo data built from the seeds' real names (see `manage.py load_demo`)."""
