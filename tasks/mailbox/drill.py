"""Crash drills only: named points where a fetch can be killed for real (SIGKILL), to prove exactly-once.

With LEGALCAP_DRILL_KILL_AT=<name>[:<n>] in the environment, the n-th time (default the first) the
process reaches checkpoint(<name>) it kills itself with SIGKILL: no cleanup, no rollback, no logout,
exactly as a power cut or the OOM killer would. Unset (always, outside the drill tests) it does nothing.
Points: written (a batch's .eml files written as .tmp, not renamed), saved (renamed, rows not committed),
stored (a batch's rows committed), intaken (a file's intake done inside its transaction, nothing of it
committed), imported (a message imported), marking (every message imported, none marked), marked (the
server marked, the rows not yet).
"""

from __future__ import annotations

import os
import signal
from collections import Counter

ENV = "LEGALCAP_DRILL_KILL_AT"
_reached: Counter[str] = Counter()


def checkpoint(name: str) -> None:
    """Die here by SIGKILL when the drill asks for this point (and this is the asked-for time)."""
    wanted = os.environ.get(ENV, "")
    if not wanted:
        return
    point, _, nth = wanted.partition(":")
    if point != name:
        return
    _reached[name] += 1
    if _reached[name] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
