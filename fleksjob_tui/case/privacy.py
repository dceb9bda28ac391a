"""The product never needs a CPR number: find CPR-like numbers in text so they can be removed.

This is the one CPR detector: the wizard's fields, the conversation and every document (the
pack, the agreement, the municipality's version, the calendar) use it.

A CPR number is ``ddmmyy-xxxx`` (six digits of a birth date, then four digits). People write it
in many ways, and a text pasted from Word or a web page brings its own characters, so the text
is first read as plain ASCII (:func:`_normalised`): any Unicode digit (full-width ``０１``,
Arabic-Indic …) as its digit, every dash (en dash as Word writes it, em dash, minus sign, non-
breaking hyphen …) as ``-``, every space (non-breaking, thin, a run of them) as one space, and
invisible characters (zero-width space, soft hyphen, word joiner) as nothing. Then these forms
are found, spans given in the original text:

* ``010203-1234``, ``0102031234``, ``010203 1234``, ``010203/1234``, ``010203 - 1234``,
  ``010203_1234``, ``010203:1234``, and a line break after the mark (``010203-⏎1234``)
* ``01 02 03-1234``, ``01.02.03-1234``, ``01-02-03-1234``, ``01 02 03 12 34`` (the same mark
  between day, month and year, and between the last pairs)

Compatibility digits (superscript ``¹``, circled ``①``) are read as digits by NFKC first.

— when the first six digits are a real day and month (29 February is allowed: the century is
unknown), and the number does not stand inside a longer number: ``22-11-2026`` (a date), a
phone number ``+45 12 34 56 78``, an amount ``1.234.567`` or an account number ``1234-
100566-1234`` are not CPR numbers. The check digit is not tested: since 2007 not every CPR
number passes it.

This module imports nothing from Textual (fields in the wizard and tests share it).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["find_cpr", "has_cpr", "remove_cpr"]

# Day, month and year, the same mark (or none) between them; then the four digits after an
# optional dash, slash, dot or space (a dash or slash may have a space either side). Not glued
# to more digits, nor to a dash/dot/slash that continues a number (010203-1234-5, 12.010203-1234).
_CPR = re.compile(
    r"(?<![0-9])(?<![0-9][-./])"
    r"(?P<d>[0-3][0-9])(?P<sep>[ .-]?)(?P<m>[01][0-9])(?P=sep)(?P<y>[0-9]{2})"
    r"(?:(?: ?[-/_:](?: ?\n)? ?|[ .])?(?P<x>[0-9]{4})"
    # or the last four in pairs, the same mark (not none) as in the date: 01 02 03 12 34
    r"|(?P=sep)(?<=[ .-])(?P<pairs>[0-9]{2}(?P=sep)[0-9]{2})(?!(?P=sep)[0-9]))"
    r"(?![0-9])(?![-./][0-9])",
    re.ASCII,
)

_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

#: Dashes read as "-" (hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal
#: bar, minus sign, small and full-width hyphen-minus).
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
#: Marks read as their ASCII form (full-width dot and slash, fraction and division slash).
_MARKS = {"\uff0e": ".", "\uff0f": "/", "\u2044": "/", "\u2215": "/"}
#: Invisible characters read as nothing (zero-width space/joiners, word joiner, soft hyphen,
#: byte order mark).
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u00ad\ufeff")


def _normalised(text: str) -> tuple[str, list[int]]:
    """``text`` read as ASCII for the search, and for each of its characters the index in
    ``text`` it came from (one past the end is ``len(text)``)."""
    if text.isascii() and "  " not in text and "\t" not in text:
        return text, list(range(len(text) + 1))  # the common case: nothing to read differently
    out: list[str] = []
    where: list[int] = []
    for i, original in enumerate(text):
        # NFKC first: superscript ¹, circled ①, full-width １ are their digit.
        for ch in original if original.isascii() else unicodedata.normalize("NFKC", original):
            if ch in _INVISIBLE:
                continue
            if ch.isdecimal():
                ch = str(unicodedata.decimal(ch))
            elif ch in _DASHES:
                ch = "-"
            elif ch in _MARKS:
                ch = _MARKS[ch]
            elif ch != "\n" and (ch.isspace() or unicodedata.category(ch) == "Zs"):
                if out and out[-1] == " ":
                    continue  # a run of spaces is one space
                ch = " "
            out.append(ch)
            where.append(i)
    where.append(len(text))
    return "".join(out), where


def find_cpr(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans (in ``text``) of CPR-like numbers in ``text``, in order."""
    plain, where = _normalised(text)
    spans = []
    for m in _CPR.finditer(plain):
        day, month = int(m["d"]), int(m["m"])
        if 1 <= month <= 12 and 1 <= day <= _DAYS[month - 1]:
            start, end = m.span()
            spans.append((where[start], where[end - 1] + 1))
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
