"""Matchmaking days (银企对接, 科技金融路演, 成果对接): bilateral meetings in slots at tables.

A sub-app of :mod:`events` with its own models and migrations (label
``matchmaking``). Layers as elsewhere: :mod:`.rules` (who may do what),
:mod:`.models`, :mod:`.services` (commands), :mod:`.selectors` (reads),
:mod:`.recommend` (the matching engine's scores), :mod:`.tasks` (the
scheduler job and the periodic expiry, reminders and follow-up asks), and the
thin API in :mod:`.views`.
"""
