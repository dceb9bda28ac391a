"""Case text made safe to leave the program: for a terminal and for every document format.

A case's texts are the user's (or whoever wrote the file): they can hold control characters —
an escape sequence that clears the screen, sets the window title or writes to the clipboard
(OSC 52), a bell, a backspace that hides what came before — and CPR numbers. Text leaves through
a few doors (``summary`` and ``--plain`` on the terminal, the pack, the agreement, the
municipality's version, the calendar); each door uses this module:

* :func:`printable` — ``text`` without control characters: whole escape sequences (CSI, OSC, …)
  and every other C0/C1 control character are removed, as are the bidirectional overrides
  that make text read differently than it is stored; line breaks stay (``\\r\\n`` and ``\\r``
  become ``\\n``) and a tab becomes a space.
* :func:`clean_text` — :func:`printable`, and CPR-like numbers replaced by a marker
  (:mod:`.privacy` says what counts as one).
* :func:`clean_case` — a case whose every text is :func:`clean_text` (the case itself when no
  text needs it; otherwise a copy: the case on disk is never changed by showing it).

This module imports nothing from Textual.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .privacy import find_cpr, remove_cpr

if TYPE_CHECKING:
    from .model import Case

__all__ = ["printable", "clean_text", "clean_case", "needs_cleaning"]

# An escape sequence as a whole (CSI ... final, OSC/DCS/APC/PM/SOS ... ST or BEL, a two-char
# escape), or any single control character but the line break and tab: C0, DEL, C1, and the
# bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069).
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
_NEEDS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\t]")


def printable(text: str) -> str:
    """``text`` without control characters (see the module's words); line breaks kept."""
    if not _NEEDS.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text)


def needs_cleaning(text: str) -> bool:
    """Whether :func:`clean_text` would change ``text``."""
    return bool(_NEEDS.search(text)) or bool(find_cpr(text))


def clean_text(text: str, cpr_marker: str) -> str:
    """``text`` safe to show and to print: :func:`printable`, CPR numbers as ``cpr_marker``."""
    return remove_cpr(printable(text), cpr_marker)


def clean_case(case: Case, cpr_marker: str) -> Case:
    """``case`` with every text :func:`clean_text` — a copy when anything changes, else
    ``case`` itself. The copy is not validated again (a cleaned text is still text)."""
    if not _dirty(case):
        return case
    copy = case.model_copy(deep=True)
    _clean(copy, cpr_marker)
    return copy


def _dirty(value) -> bool:
    if isinstance(value, str):
        return needs_cleaning(value)
    if isinstance(value, BaseModel):
        return any(_dirty(getattr(value, name)) for name in type(value).model_fields)
    if isinstance(value, list):
        return any(_dirty(v) for v in value)
    return False


def _clean(model: BaseModel, marker: str) -> None:
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, str):
            # Straight into the fields: assignment would validate again, and a case of 20,000
            # measures is copied for a document, not checked once more.
            model.__dict__[name] = clean_text(value, marker)
        elif isinstance(value, BaseModel):
            _clean(value, marker)
        elif isinstance(value, list):
            items = []
            for item in value:
                if isinstance(item, str):
                    item = clean_text(item, marker)
                elif isinstance(item, BaseModel):
                    _clean(item, marker)
                items.append(item)
            model.__dict__[name] = items
