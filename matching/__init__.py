"""Innolink's matching engine: pure Python on networkx, no Django.

Feeds on plain data (dataclasses) built by the backend and returns plain
results; see the submodules for graph signals, scoring, assignment, stable
matching, recommendations and meeting scheduling.
"""

# One line per submodule (its __all__) so parallel additions merge cleanly.
from matching.assignment import *  # noqa: F403
from matching.schedule import *  # noqa: F403
from matching.stable import *  # noqa: F403
