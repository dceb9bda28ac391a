"""The plain way through a case: a conversation line by line, for screen readers, braille
displays, large print and simple terminals (``fleksjob --plain``).

The same steps in the same order as the wizard, the same questions (:mod:`fleksjob_tui.plain.flow`,
``content/questions.toml``), the same role-aware wording, the same validation (dates as Danes
type them, numbers with comma or point) and the same rules. Every answer is saved at once
(atomically, through :func:`storage.save_case`) under the same lock as the wizard's; a reopened
case goes on after the last question answered. Output is plain lines only: no escape sequences,
no colour, no cursor movement, no box drawing; states are words.

``plain_summary`` gives the summary as plain text (also ``fleksjob summary --plain``).

This module imports nothing from Textual. Its words are in ``content/plain.toml``.

The parts: :mod:`.reading` (reading typed answers, the shared words), :mod:`.asking` (one
question), :mod:`.conversation` (the walk, measures, meetings), :mod:`.summary` (the plain
summary), :mod:`.start` (from the command line: which case, the lock, exit codes), :mod:`.lines`
(lines from a terminal, read so that Ctrl+C always ends the wait).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .asking import Asking
    from .conversation import Conversation
    from .reading import read_number, refusal, today
    from .start import auto_plain, run
    from .summary import plain_summary

__all__ = ["run", "auto_plain", "plain_summary", "read_number", "refusal", "today",
           "Conversation", "Asking"]

#: Where each public name lives. Loaded on first use: the wizard asks ``plain.terminal`` whether
#: the terminal can show it (which runs this file), and must not load the conversation for that.
_HOME = {"Asking": "asking", "Conversation": "conversation", "read_number": "reading",
         "refusal": "reading", "today": "reading", "auto_plain": "terminal", "run": "start",
         "plain_summary": "summary"}


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
