"""Dates as Danes type them, and dates shown back in the user's language.

Accepted input (surrounding spaces are ignored; day and month may have one or two digits):

* ``22-11-2026`` and ``22.11.2026`` — day, month, year (the Danish order)
* ``2026-11-22`` — year, month, day (ISO 8601, also what a TOML case file holds)

Anything else — a two-digit year, slashes, mixed separators, words — is refused with a
:class:`DateError` that says what form to use; so is a date that does not exist (30-02-2026).

``format_date(d, "da")`` gives ``22-11-2026``; ``format_date(d, "en")`` gives ``2026-11-22``.
Both forms are accepted by :func:`parse_date`, so a shown date can always be typed back.

This module imports nothing from Textual (the wizard and the command line share it).
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = [
    "DateError",
    "parse_date",
    "parse_optional_date",
    "format_date",
    "format_datetime",
    "EXAMPLE",
]

#: How a date should be typed, per language (shown in hints and placeholders).
EXAMPLE = {"da": "dd-mm-åååå, fx 22-11-2026", "en": "dd-mm-yyyy or yyyy-mm-dd, e.g. 22-11-2026"}

_DMY = re.compile(r"(?P<d>[0-9]{1,2})(?P<sep>[-.])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})", re.ASCII)
_YMD = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})", re.ASCII)
_SHORT_YEAR = re.compile(r"[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{2}", re.ASCII)

_MONTHS_DA = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


class DateError(ValueError):
    """A date the user typed is in a wrong form or does not exist.

    ``message(lang)`` gives the text in Danish (``"da"``) or English (``"en"``); ``str(err)`` uses
    the language the error was raised with. ``kind`` is ``"empty"``, ``"form"``, ``"short_year"``
    or ``"impossible"``; ``text`` is what was typed.
    """

    def __init__(self, kind: str, text: str, da: str, en: str, lang: str = "da") -> None:
        self.kind = kind
        self.text = text
        self._messages = {"da": da, "en": en}
        self.lang = lang if lang in self._messages else "da"
        super().__init__(self.message(self.lang))

    def message(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        return self._messages.get(lang, self._messages["da"])

    def __str__(self) -> str:
        return self.message(self.lang)


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 40 else text[:37] + "..."


def parse_date(text: str, lang: str = "da") -> dt.date:
    """The date in ``text`` (``22-11-2026``, ``22.11.2026`` or ``2026-11-22``).

    Raises :class:`DateError` (a ``ValueError``) for an empty text, a wrong form, or a date that
    does not exist. ``lang`` only chooses the language of ``str(error)``; both texts are
    available through ``error.message(lang)``.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_date() needs a str, not {type(text).__name__}")
    s = text.strip()
    if not s:
        raise DateError(
            "empty", text,
            da=f"Skriv en dato ({EXAMPLE['da']}).",
            en=f"Enter a date ({EXAMPLE['en']}).",
            lang=lang,
        )
    m = _DMY.fullmatch(s) or _YMD.fullmatch(s)
    if m is None:
        if _SHORT_YEAR.fullmatch(s):
            raise DateError(
                "short_year", text,
                da=f"'{_shown(s)}': skriv året med fire cifre ({EXAMPLE['da']}).",
                en=f"'{_shown(s)}': write the year with four digits ({EXAMPLE['en']}).",
                lang=lang,
            )
        raise DateError(
            "form", text,
            da=f"'{_shown(s)}' er ikke en dato i formen {EXAMPLE['da']} (eller 2026-11-22).",
            en=f"'{_shown(s)}' is not a date in the form {EXAMPLE['en']}.",
            lang=lang,
        )
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    try:
        return dt.date(year, month, day)
    except ValueError:
        pass
    if not 1 <= month <= 12:
        da = f"'{_shown(s)}' findes ikke: måneden skal være 1-12."
        en = f"'{_shown(s)}' does not exist: the month must be 1-12."
    elif year < 1:
        da = f"'{_shown(s)}' findes ikke: år 0 findes ikke."
        en = f"'{_shown(s)}' does not exist: there is no year 0."
    else:
        last = _last_day(year, month)
        da = (f"'{_shown(s)}' findes ikke: {_MONTHS_DA[month - 1]} {year} "
              f"har {last} dage.")
        en = (f"'{_shown(s)}' does not exist: {_MONTHS_EN[month - 1]} {year} "
              f"has {last} days.")
    raise DateError("impossible", text, da=da, en=en, lang=lang)


def parse_optional_date(text: str | None, lang: str = "da") -> dt.date | None:
    """Like :func:`parse_date`, but an empty (or blank) text gives ``None`` ("not answered")."""
    if text is None or not text.strip():
        return None
    return parse_date(text, lang)


def format_date(d: dt.date | None, lang: str = "da") -> str:
    """``22-11-2026`` in Danish, ``2026-11-22`` in English; ``""`` for ``None``.

    A ``datetime`` is shown as its date.
    """
    if d is None:
        return ""
    if isinstance(d, dt.datetime):
        d = d.date()
    if lang == "en":
        return d.isoformat()
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"


def format_datetime(t: dt.datetime | None, lang: str = "da") -> str:
    """A timestamp in local time to the minute: ``22-11-2026 10:15`` / ``2026-11-22 10:15``."""
    if t is None:
        return ""
    if t.tzinfo is not None:
        t = t.astimezone()
    return f"{format_date(t.date(), lang)} {t.hour:02d}:{t.minute:02d}"


def _last_day(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day
