"""Events, series, venues, slots, registrations, check-in and live rooms (issue 3)."""
