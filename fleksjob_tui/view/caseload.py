"""A caseload at a glance: for one case, the next date that matters, what it is and who acts.

A union representative follows many cases; on a Monday morning they ask which case needs
something this week, which deadline comes next and who is waiting for whom. :func:`next_step`
answers that for one case, from what the case view already derives (no date is computed here):

* the due dates of the findings someone at the workplace (or the doctor) must act on, as the
  view's events carry them (:func:`fleksjob_tui.view.case_events`); several due the same day
  for the same person count as one step ("2 ting");
* what holds the case back now without a date ("så hurtigt som muligt"): that is today;
* the day a waiting case can go to the municipality (:func:`.words.waiting_until`, or the
  six-year mark when it comes first, as the status sentence says);
* the next follow-up meeting (the view's meeting events); a planned meeting whose day has passed
  with no meeting logged on or after it is still the next step, past its date;
* a case that looks ready: contacting the municipality, now.

The earliest of these is the next step (what has no date counts as today). A date before the
day of the listing is past: the caseload says so in words. :func:`sort_key` orders a caseload by
that date; a case with nothing to act on comes after, a file that cannot be read last.

The step is stored as keys (``what``, ``actor``) so the folder's index (:mod:`.index`) keeps it
in any language; :func:`step_words` words it. Textual-free and Rich-free.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import content
from ..case.dates import format_date
from ..rules.engine import holds_back
from . import Event, case_events
from .words import PEOPLE_ORDER, finding_kind, waiting_until

if TYPE_CHECKING:
    from ..case.model import Case
    from ..rules.types import Assessment

__all__ = ["WHATS", "NextStep", "next_step", "sort_key", "step_words"]

#: What a next step can be: a due date, what is missing now (no date), the day a waiting case
#: can go to the municipality, a follow-up meeting, contacting the municipality now (ready),
#: or nothing to act on (a case that is blocked or has no dates at all).
WHATS = ("due", "asap", "municipality", "meeting", "contact", "none")

#: Among steps on the same day: a deadline first, then what is missing now, then the rest.
_ORDER = {w: i for i, w in enumerate(WHATS)}


@dataclass(frozen=True, slots=True)
class NextStep:
    """The next step of a case. ``date`` is None for what is to be done now without a date
    (``asap``, ``contact``) and for ``none``. ``actor`` is a person key (``employee``,
    ``manager``, ``union_rep``, ``doctor``), ``all`` for a meeting, or None for ``none``.
    ``count`` is how many items the actor has due that day (or missing now); ``others`` how
    many more the other people have due that day (or missing now): who else is waited for."""

    date: dt.date | None
    what: str
    actor: str | None
    count: int = 1
    others: int = 0
    #: The finding id of the first item of the step (``due`` and ``asap``): what it is, in words
    #: by :func:`step_words` ("mangler nu: skriftlig aftale").
    item: str | None = None

    def when(self, as_of: dt.date) -> dt.date | None:
        """The day the step is due as the caseload sorts it: its date, or today for what is to
        be done now; None when there is nothing to act on."""
        if self.what == "none":
            return None
        return self.date or as_of

    def past(self, as_of: dt.date) -> int:
        """How many days the step's date is past ``as_of`` (0 when not past, or no date)."""
        return max(0, (as_of - self.date).days) if self.date is not None else 0

    def to_json(self) -> dict:
        return {"date": self.date.isoformat() if self.date else None, "what": self.what,
                "actor": self.actor, "count": self.count, "others": self.others,
                "item": self.item}

    @classmethod
    def from_json(cls, data: Any) -> NextStep | None:
        """The step as :meth:`to_json` wrote it, or None for anything else."""
        try:
            date = dt.date.fromisoformat(data["date"]) if data["date"] is not None else None
            what, actor, count, others, item = (data["what"], data["actor"], data["count"],
                                                 data["others"], data["item"])
        except (KeyError, TypeError, ValueError):
            return None
        if (what not in WHATS or not (actor is None or isinstance(actor, str))
                or not (item is None or isinstance(item, str))
                or not all(isinstance(n, int) and not isinstance(n, bool)
                           for n in (count, others))):
            return None
        return cls(date, what, actor, count, others, item)


def _events(case: Case, assessment: Assessment) -> list[Event]:
    lang = case.language if case.language in ("da", "en") else "da"
    return case_events(case, assessment, lang)


def _meeting_held(case: Case, day: dt.date) -> bool:
    return any(m.date is not None and m.date >= day for m in case.meetings)


def next_step(case: Case, assessment: Assessment, as_of: dt.date | None = None) -> NextStep:
    """The next step of ``case`` on ``as_of`` (default: the assessment's day); see the module."""
    as_of = as_of or assessment.as_of
    by_id = {f.id: f for f in assessment.findings}
    # (day it counts on, order, date shown, what, actor)
    candidates: list[tuple[dt.date, int, dt.date | None, str, str | None]] = []
    counts: dict[tuple[dt.date | None, str, str | None], int] = {}
    first: dict[tuple[dt.date | None, str, str | None], str] = {}

    def add(date: dt.date | None, what: str, actor: str | None, item: str | None = None) -> None:
        key = (date, what, actor)
        if key not in counts:
            candidates.append((date or as_of, _ORDER[what], date, what, actor))
            if item is not None:
                first[key] = item
        counts[key] = counts.get(key, 0) + 1

    for e in _events(case, assessment):
        if e.kind == "due":
            f = by_id.get(e.key.partition(":")[2])
            if f is not None and finding_kind(f) in PEOPLE_ORDER:
                add(e.date, "due", f.responsible, f.id)
        elif e.kind == "next_meeting":
            if e.date >= as_of or not _meeting_held(case, e.date):
                add(e.date, "meeting", "all")
    for f in assessment.findings:
        if f.due is None and holds_back(f):
            add(None, "asap", f.responsible, f.id)
    if assessment.status == "waiting":
        until = waiting_until(assessment)
        p = assessment.pension
        if until is not None and p is not None and as_of < p.six_year_mark < until:
            until = p.six_year_mark
        if until is not None:
            add(until, "municipality", "employee")
    elif assessment.status == "ready":
        add(None, "contact", "employee")
    if not candidates:
        return NextStep(None, "none", None, 0)
    # On the same day: a deadline before the rest; then the person with the most to do.
    _, _, date, what, actor = min(
        candidates, key=lambda c: (c[0], c[1], -counts[(c[2], c[3], c[4])],
                                   PEOPLE_ORDER.index(c[4]) if c[4] in PEOPLE_ORDER else 9))
    others = sum(n for (d, w, a), n in counts.items()
                 if d == date and w == what and a != actor)
    key = (date, what, actor)
    return NextStep(date, what, actor, counts[key], others, first.get(key))


def sort_key(step: NextStep | None, as_of: dt.date, title: str = "") -> tuple:
    """Orders a caseload: by the step's day (past days first, what is due now as today), then
    cases with nothing to act on, then files that cannot be read (``step`` None); then title."""
    if step is None:
        return (2, dt.date.max, title.casefold())
    when = step.when(as_of)
    return (0 if when is not None else 1, when or dt.date.max, _ORDER[step.what],
            title.casefold())


def _w(key: str, lang: str, **fmt: Any) -> str:
    return content.text("caseload", key, lang, **fmt)


def step_words(step: NextStep, as_of: dt.date, lang: str) -> tuple[str, str, str, str]:
    """The step in words: (date, what, who, past) — e.g. ``("01-12-2026", "frist for 2 ting",
    "Lederen", "OVER DATOEN: 5 dage")``; ``past`` is ``""`` unless the date is past."""
    if step.date is not None:
        date = format_date(step.date, lang)
    elif step.what == "none":
        date = "—"
    else:
        date = _w("now", lang)
    what = _w(f"what.{step.what}" + ("_many" if step.count > 1 else ""), lang, n=step.count)
    if step.item is not None and content.has("caseload", f"item.{step.item}"):
        item = _w(f"item.{step.item}", lang)
        if step.count > 1:
            what = _w("first_item", lang, what=what, item=item)
        else:
            what = _w("due_item" if step.what == "due" else "one_item", lang, what=what, item=item)
    if step.others:
        what += " " + _w("others", lang, n=step.others)
    who = _w(f"actor.{step.actor}", lang) if step.actor else "—"
    days = step.past(as_of)
    past = "" if not days else _w("past_one" if days == 1 else "past", lang, n=days)
    return date, what, who, past
