"""Per-user notifications, stored first and pushed live later (issues 3 and 6)."""
