"""Dates answered "ved ikke" / "?" (``case.unknown_dates``): who can find each one, on which
step it is written, and by when (RULES.md section 7: every finding has an owner and a due date).

Practice, not law: the date is to be found by the next follow-up meeting when one is planned,
else as soon as possible (no date: a date counted from today would move every day and never be
passed) — so that the rules depending on it (the 12 months, the pension age) can be worked out
before the case goes on.
"""

from __future__ import annotations

import datetime as dt

from ..case.model import DATE_KEYS, Case

#: Who can find the date, and the step it is written on.
OWNER: dict[str, tuple[str, str]] = {
    "person.birth_date": ("employee", "person"),
    "employment.special_terms_start": ("manager", "employment"),
    "agreement.signed_on": ("manager", "checklist"),
    "flexjob.start": ("municipality", "eligibility"),
    "follow_up.next_meeting": ("manager", "meetings"),
}


def date_of(case: Case, key: str) -> dt.date | None:
    section, attr = key.split(".")
    return getattr(getattr(case, section), attr)


def not_known(case: Case) -> list[str]:
    """The dates recorded as not known and still without a date, in the order of DATE_KEYS."""
    marked = set(case.case.unknown_dates)
    return [key for key in DATE_KEYS if key in marked and date_of(case, key) is None]


def find_by(case: Case, as_of: dt.date) -> dt.date | None:
    """The next follow-up meeting when one is planned after today, else None: as soon as
    possible (worded with the reason, ``report.toml [due] why.date_not_known``)."""
    meeting = case.follow_up.next_meeting
    return meeting if meeting is not None and meeting > as_of else None
