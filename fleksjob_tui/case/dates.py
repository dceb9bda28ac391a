"""Dates as Danes type them, and dates shown back in the user's language.

Accepted input (surrounding spaces are ignored; day and month may have one or two digits):

* ``22-11-2026`` and ``22.11.2026`` — day, month, year (the Danish order)
* ``3/2-2025`` and ``3/2/2025`` — day/month, then the year: the common Danish hand-written form
  (always day first: never read as the American month/day)
* ``2026-11-22`` — year, month, day (ISO 8601, also what a TOML case file holds)

A month without a day (``marts 2025``, ``3-2025``) is refused with a message that asks for a
whole date or ``?`` (kind ``"month_only"``). Anything else — a two-digit year, other mixed
separators, words — is refused with a
:class:`DateError` that says what form to use; so is a date that does not exist (30-02-2026),
and one outside the years the rules can compute with (:data:`MIN_DATE` .. :data:`MAX_DATE`:
a pension date or a follow-up interval added to 31-12-9999 does not exist). The case model
(``case/model.py``) refuses the same dates in a file, so both ways in agree.

``format_date(d, "da")`` gives ``22-11-2026``; ``format_date(d, "en")`` gives ``2026-11-22``.
Both forms are accepted by :func:`parse_date`, so a shown date can always be typed back.

This module imports nothing from Textual (the wizard and the command line share it).
"""

from __future__ import annotations

import datetime as dt
import re

from .. import content
from ..content import LANGUAGES, Msg

__all__ = [
    "MIN_DATE",
    "MAX_DATE",
    "DateError",
    "parse_date",
    "parse_optional_date",
    "format_date",
    "format_datetime",
    "means_not_known",
    "EXAMPLE",  # noqa: F822 - given by __getattr__ below, read from the data when first used
]

#: The first and last day any date of a case may have (issue 22). Wide enough for every real
#: birth date, meeting and agreement; narrow enough that the rules' largest offsets (a pension
#: age of about 70 years, the 5 years of a flex job, a day for the calendar) stay far from the
#: year 9999 Python's dates end at.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)

# The forms, as patterns that ``re`` compiles (and keeps) when a date is first typed, not when
# this module is imported: the command line and the wizard import it at start (issue 16).
_DMY = r"(?P<d>[0-9]{1,2})(?P<sep>[-.])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})"
_DMY_SLASH = r"(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})[-/](?P<y>[0-9]{4})"  # 3/2-2025, 3/2/2025
_MONTH_ONLY = r"(?:[0-9]{1,2}[-./]|[^\W\d_]+\.?\s+)[0-9]{4}"  # 3-2025, marts 2025
_YMD = r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"
_SHORT_YEAR = r"[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{2}"


def __getattr__(name: str):
    if name == "EXAMPLE":
        #: How a date should be typed, per language (shown in hints and placeholders); read from
        #: ``content/messages.toml`` when first asked for, so importing this module reads no file.
        return {lang: Msg.of("dates.example").get(lang) for lang in LANGUAGES}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class DateError(ValueError):
    """A date the user typed is in a wrong form or does not exist.

    ``message(lang)`` gives the text in Danish (``"da"``) or English (``"en"``); ``str(err)`` uses
    the language the error was raised with. ``kind`` is ``"empty"``, ``"form"``, ``"short_year"``,
    ``"month_only"``, ``"impossible"`` or ``"out_of_range"`` (before :data:`MIN_DATE` or after :data:`MAX_DATE`);
    ``text`` is what was typed; ``msg`` is the :class:`~fleksjob_tui.content.Msg` (the words are
    in ``content/messages.toml``).
    """

    def __init__(self, kind: str, text: str, msg: Msg, lang: str = "da") -> None:
        self.kind = kind
        self.text = text
        self.msg = msg
        self.lang = lang if lang in LANGUAGES else "da"
        super().__init__(self.message(self.lang))

    def message(self, lang: str | None = None) -> str:
        return self.msg.get(lang or self.lang)

    def __str__(self) -> str:
        return self.message(self.lang)


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 40 else text[:37] + "..."


_EXAMPLE = Msg.of("dates.example")


def parse_date(text: str, lang: str = "da") -> dt.date:
    """The date in ``text`` (``22-11-2026``, ``22.11.2026``, ``3/2-2025``, ``3/2/2025`` or
    ``2026-11-22``; day and month always in the Danish order).

    Raises :class:`DateError` (a ``ValueError``) for an empty text, a wrong form, a date that
    does not exist, or one before :data:`MIN_DATE` or after :data:`MAX_DATE`. ``lang`` only
    chooses the language of ``str(error)``; both texts are available through
    ``error.message(lang)``.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_date() needs a str, not {type(text).__name__}")
    s = text.strip()
    if not s:
        raise DateError("empty", text, Msg.of("dates.empty", example=_EXAMPLE), lang=lang)
    m = (re.fullmatch(_DMY, s, re.ASCII) or re.fullmatch(_DMY_SLASH, s, re.ASCII)
         or re.fullmatch(_YMD, s, re.ASCII))
    if m is None:
        if re.fullmatch(_SHORT_YEAR, s, re.ASCII):
            kind = "short_year"
        elif re.fullmatch(_MONTH_ONLY, s):
            kind = "month_only"
        else:
            kind = "form"
        raise DateError(kind, text, Msg.of(f"dates.{kind}", text=_shown(s), example=_EXAMPLE),
                        lang=lang)
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    try:
        result = dt.date(year, month, day)
    except ValueError:
        pass
    else:
        if MIN_DATE <= result <= MAX_DATE:
            return result
        raise DateError("out_of_range", text,
                        Msg.of("dates.out_of_range", text=_shown(s), first=MIN_DATE.year,
                               last=MAX_DATE.year), lang=lang)
    if not 1 <= month <= 12:
        msg = Msg.of("dates.bad_month", text=_shown(s))
    elif year < 1:
        msg = Msg.of("dates.year_zero", text=_shown(s))
    else:
        months = content.entry("messages", "dates.months")
        msg = Msg.of("dates.bad_day", text=_shown(s), year=year, last=_last_day(year, month),
                     month=Msg.either(months["da"][month - 1], months["en"][month - 1]))
    raise DateError("impossible", text, msg, lang=lang)


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


def means_not_known(text: str) -> bool:
    """True for what a person types for a date they do not know ("ved ikke", "?", in Danish
    or English): the answer is then "no date", not an error. (Here, beside the date forms, so
    the wizard's date field reads it without importing ``view``: issue 26.)"""
    said = " ".join(text.strip().lower().replace("’", "'").split())
    words = {w for lang in ("da", "en") for w in content.ui("field.date_not_known", lang).split("|")}
    return said in words
