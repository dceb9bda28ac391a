"""The product never needs a CPR number: find CPR-like numbers in text so they can be removed.

A CPR number is ``ddmmyy-xxxx`` (six digits of a birth date, then four digits); people also
write it without the dash (``ddmmyyxxxx``) or with a space. :func:`find_cpr` finds those whose
first six digits are a real day and month (29 February is allowed: the century is unknown), and
that do not stand inside a longer number (an account number, ``22-11-2026``, a phone number
``12 34 56 78`` are not CPR numbers). The check digit is not tested: since 2007 not every CPR
number passes it.

This module imports nothing from Textual (fields in the wizard and tests share it).
"""

from __future__ import annotations

import re

__all__ = ["find_cpr", "has_cpr", "remove_cpr"]

# Six digits, an optional dash or single space, four digits — not glued to more digits, nor to
# a dash/dot/slash that continues a number (e.g. 010203-1234-5, 12.010203-1234).
_CPR = re.compile(
    r"(?<![0-9])(?<![0-9][-./])"
    r"(?P<d>[0-3][0-9])(?P<m>[01][0-9])(?P<y>[0-9]{2})"
    r"(?:-| )?"
    r"(?P<x>[0-9]{4})"
    r"(?![0-9])(?![-./][0-9])",
    re.ASCII,
)

_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def find_cpr(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of CPR-like numbers in ``text``, in order."""
    spans = []
    for m in _CPR.finditer(text):
        day, month = int(m["d"]), int(m["m"])
        if 1 <= month <= 12 and 1 <= day <= _DAYS[month - 1]:
            spans.append(m.span())
    return spans


def has_cpr(text: str) -> bool:
    return bool(find_cpr(text))


def remove_cpr(text: str, replacement: str = "", keep: frozenset[str] | set[str] = frozenset()
               ) -> str:
    """``text`` with every CPR-like number replaced by ``replacement`` (tidying the spaces).

    Numbers in ``keep`` (the user said they are not CPR numbers) are left as they are.
    """
    spans = [(a, b) for a, b in find_cpr(text) if text[a:b] not in keep]
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    result = "".join(out)
    if not replacement:
        result = re.sub(r"[ \t]{2,}", " ", result)
        result = re.sub(r"[ \t]+([,.;:)])", r"\1", result)
        result = "\n".join(line.strip(" \t") if line.strip() else "" for line in
                           result.split("\n"))
    return result
