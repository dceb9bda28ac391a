"""The case's dates as a calendar (.ics) with icalendar — without any health detail.

All-day events for the twelve months reached, each due date, each planned follow-up meeting,
and, when a flex job has started, its 2½-year, 4½-year and 5-year marks (plus the start on
special terms). The state pension date and the six-year mark before it are computed from the
birth date: an event on such a day tells the calendar's server the person's birthday, so they
are left out unless asked for (``personal_dates``; ``fleksjob calendar --with-personal-dates``). Calendars are synced to other people's
servers, so an event holds only: what the date is ("12 måneder nået") and the law reference.
Not the case's title, which often holds the person's name (it would tell an outside server who
is in a flex-job case): only a neutral label when the user sets one (e.g. initials). Never the
functions, the accommodations, an illness, a measure or a note.

Event ids come from the case's identifier (``case.id``, a random UUID that a copy does not
share) and the kind of date, hashed: importing the file again updates the events instead of
duplicating them, a new title or file name changes nothing, and a copied case never overwrites
the first one's events. SEQUENCE rises with every change (the minutes since 2020 of the later of
the case's last save and the day the calendar is made), so a calendar takes the update.

Textual-free; icalendar is imported when a calendar is made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from ..view import CaseView, dw

if TYPE_CHECKING:
    from ..case.model import Case

#: The kinds of date that go into the calendar ("today" never does).
KINDS = ("special_terms_start", "twelve_months", "six_year_mark", "due", "next_meeting",
         "flexjob_start", "flexjob_follow_up", "flexjob_status", "flexjob_end", "pension")


def case_identity(case: Case) -> str:
    """What stays the same for a case while it is edited: its identifier; for an old file not
    saved since (no identifier yet), its creation time, else its title."""
    c = case.case
    if c.id:
        return c.id
    if c.created is not None:
        return c.created.isoformat()
    return (c.title or case.person.name or "fleksjob").strip()


def uid(case: Case, key: str) -> str:
    digest = hashlib.sha256(f"{case_identity(case)}\x00{key}".encode()).hexdigest()
    return f"{digest[:32]}@fleksjob-tui"


_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def sequence(view: CaseView) -> int:
    """The events' SEQUENCE: the minutes from 2020 to the later of the case's last save and the
    day the calendar is made (midnight, UTC). It rises when the case changes or time moves on
    (the due dates move with it), and stays when the same case is exported again."""
    day = dt.datetime.combine(view.as_of, dt.time(), tzinfo=dt.UTC)
    updated = view.case.case.updated
    if updated is not None and updated.tzinfo is None:
        updated = updated.replace(tzinfo=dt.UTC)
    latest = max(day, updated) if updated is not None else day
    return max(0, int((latest - _EPOCH).total_seconds() // 60))


#: The kinds of date computed from the birth date: an event on one of them gives the birthday
#: away, so they go into a calendar only when asked for.
PERSONAL = ("six_year_mark", "pension")


def _merged(view: CaseView, personal_dates: bool = False) -> list[tuple]:
    """The events for the calendar as (event, id key, how many): the due dates of one day for
    the same person are one event ("Frist: Lederen (4 ting)"), not four alike. Its id key is the
    person's and the day's, so importing again updates it. The dates computed from the birth
    date only with ``personal_dates``."""
    who = {f.id: f.responsible for f in view.findings}
    out: list[list] = []
    dues: dict[tuple, list] = {}
    for e in view.events:
        if e.kind not in KINDS or (e.kind in PERSONAL and not personal_dates):
            continue
        if e.kind != "due":
            out.append([e, e.key, 1])
            continue
        person = who.get(e.key.partition(":")[2], e.label)
        group = dues.get((e.date, person))
        if group is None:
            group = dues[(e.date, person)] = [e, f"due:{person}:{e.date.isoformat()}", 0]
            out.append(group)
        group[2] += 1
    return [tuple(x) for x in out]


def _calendar(name: str):
    from icalendar import Calendar  # lazy: only when a calendar is made

    cal = Calendar()
    cal.add("prodid", "-//fleksjob-tui//fleksjob-tui//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def _add_events(cal, view: CaseView, stamp: dt.datetime, label: str | None = None,
                personal_dates: bool = False) -> int:
    """The case's events into ``cal``; how many. ``label`` (e.g. the person's initials) is
    written beside each date; by default none, and never the case's title."""
    from icalendar import Event  # lazy: only when a calendar is made

    lang = view.lang
    title = view.text(label)  # stripped; a CPR-like number never gets into a calendar
    k = "" if title else "_plain"
    n, seq = 0, sequence(view)
    for e, key, count in _merged(view, personal_dates):
        ev = Event()
        ev.add("uid", uid(view.case, key))
        ev.add("dtstamp", stamp)
        ev.add("sequence", seq)
        ev.add("dtstart", e.date)
        ev.add("dtend", e.date + dt.timedelta(days=1))
        what = e.label if count == 1 else dw("calendar.due_count", lang, what=e.label, n=count)
        ev.add("summary", dw(f"calendar.summary{k}", lang, what=what, title=title))
        ev.add("description", dw(f"calendar.description{k}", lang, title=title,
                                  reference=e.reference))
        ev.add("transp", "TRANSPARENT")
        ev.add("class", "PRIVATE")
        cal.add_component(ev)
        n += 1
    return n


def build_calendar(view: CaseView, *, stamp: dt.datetime | None = None,
                   label: str | None = None, personal_dates: bool = False) -> tuple[bytes, int]:
    """The calendar as ``.ics`` bytes and the number of events in it. ``label`` (e.g. the
    person's initials) is written beside each date; by default none, and never the case's
    title. ``personal_dates``: the pension date and the six-year mark too (from the birth
    date; left out by default)."""
    title = view.text(label)
    cal = _calendar(dw("calendar.name" if title else "calendar.name_plain", view.lang,
                       title=title))
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    n = _add_events(cal, view, stamp, label, personal_dates)
    return cal.to_ical(), n


def build_calendar_all(views: list[CaseView], lang: str, *, stamp: dt.datetime | None = None,
                       personal_dates: bool = False) -> tuple[bytes, int]:
    """Every case's dates in one calendar (``fleksjob calendar --all``, issue 25): each event
    with the title and id it has in its own case's calendar, so the two can be imported
    side by side or one after the other without duplicates."""
    cal = _calendar(dw("calendar.name_all", lang))
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    n = sum(_add_events(cal, view, stamp, personal_dates=personal_dates) for view in views)
    return cal.to_ical(), n
