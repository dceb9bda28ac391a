"""Whether the terminal is one the full-screen wizard can use, or the plain conversation is
needed. Tiny on purpose: ``fleksjob`` asks it before it starts either, so it loads neither.

Textual-free.
"""

from __future__ import annotations

import os


def auto_plain() -> bool:
    """True when the plain conversation should be used without ``--plain``: ``TERM=dumb``, or
    standard input or output is not a terminal. ``FLEKSJOB_PLAIN=1``/``0`` decides outright."""
    forced = os.environ.get("FLEKSJOB_PLAIN")
    if forced in ("0", "1"):
        return forced == "1"
    if os.environ.get("FLEKSJOB_BENCH_EXIT_AFTER_PAINT"):
        return False  # benchmarks/run.py measures the wizard's first paint
    if plain_terminal():
        return True
    try:
        return not (os.isatty(0) and os.isatty(1))
    except OSError:  # pragma: no cover
        return True


def plain_terminal() -> bool:
    """True when the terminal itself asks for plain text (``TERM=dumb``, or ``FLEKSJOB_PLAIN=1``):
    the rule for every command's output; a pipe alone keeps the drawn summary."""
    forced = os.environ.get("FLEKSJOB_PLAIN")
    if forced in ("0", "1"):
        return forced == "1"
    return os.environ.get("TERM", "") == "dumb"


def reopen_words() -> str:
    """The command that opens a case again, as the person would type it here: ``fleksjob open``
    where the plain conversation comes by itself (``TERM=dumb``, a pipe), else ``fleksjob
    --plain open``. A screen reader says "--plain" as "plain", so "--" is not asked for where
    it is not needed (found in a blind employee's trial)."""
    return "fleksjob open" if auto_plain() else "fleksjob --plain open"
