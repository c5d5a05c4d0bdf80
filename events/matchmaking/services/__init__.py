"""Commands of matchmaking days; each function is one rule, in a transaction.

Modules: :mod:`.common` (locking, messages, notifications), :mod:`.setup`
(settings, slots, tables, participants, unavailability), :mod:`.requests`
(requests, the cap, expiry and reminders), :mod:`.schedule` (the scheduler,
locks, publishing, repair), :mod:`.dayof` (check-in, cancellation with
backfill, outcomes and follow-ups).

Locking (after :mod:`events.services.locking`): a command that changes where
meetings sit locks the event row (:func:`events.services.locking.lock_events`)
first; a command that uses up a participant's request quota locks that
participant's row (:func:`.common.lock_participant`). When both are needed the
event comes first, so two commands never wait on each other in a circle.
"""
