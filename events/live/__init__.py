"""Live rooms over WebSockets (issue 6): run of show, questions, live counters.

The room's state is stored in PostgreSQL (:mod:`.models`); commands change it in
a transaction (:mod:`.services`) and, after commit, the new state is pushed to the
room's channel groups (:mod:`.publish`). Consumers (:mod:`.consumers`) are thin:
they authorise, send the stored state on connect, and forward pushes.
See README.md in this folder for the protocol and the close codes.
"""
