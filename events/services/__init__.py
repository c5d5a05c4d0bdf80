"""Business rules of events: each function is one command, in a transaction.

Modules: :mod:`.locking` (the locking rule), :mod:`.events` (events, series,
rooms, lifecycle), :mod:`.registrations` (registration, waiting list,
check-in, feedback), :mod:`.pitches` (slots, bookings, scoring, rounds,
awards, interest).
"""
