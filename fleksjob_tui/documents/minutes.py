"""The minutes of one follow-up meeting, for the participants to sign.

``fleksjob export CASE --document minutes --meeting DATE``: the date, the participants (their
roles, and the names the case knows), what was discussed, what was agreed, the next meeting, and
a place to sign for each of the employee, the manager and the union representative who took
part. Where the case has no answer there is an empty line to write on. The municipalities ask
for written follow-up that shows a continuing dialogue over the twelve months: a signed set of
minutes a meeting is that.

Textual-free.
"""

from __future__ import annotations

import datetime as dt

from .. import content
from ..case.model import Meeting
from ..view import CaseView, dw
from .blocks import Document, Facts, Heading, Items, Para, Signatures

#: The participants who sign the minutes, in this order (the others are listed, not asked to sign).
SIGNERS = ("employee", "manager", "union_rep")


def _n(key: str, lang: str, **fmt) -> str:
    return dw(f"minutes.{key}", lang, **fmt)


def find_meeting(view: CaseView, day: dt.date) -> Meeting | None:
    """The (first) logged meeting held on ``day``, or None."""
    return next((m for m in view.case.meetings if m.date == day), None)


def next_meeting(view: CaseView, day: dt.date) -> dt.date | None:
    """The next meeting as agreed at the meeting of ``day``: the planned next meeting, for the
    latest logged meeting only. For an earlier meeting the case does not hold what was agreed
    then (a later meeting's date was not known at the time): None, a line to fill in."""
    if any(m.date is not None and m.date > day for m in view.case.meetings):
        return None
    planned = view.case.follow_up.next_meeting
    return planned if planned is not None and planned > day else None


def _participant(view: CaseView, who: str) -> str:
    role = content.ui(f"participant.{who}", view.lang)
    name = view.person(who) if who in ("employee", "manager", "union_rep", "hr") else None
    return f"{role} ({name})" if name else role


def _text_or_lines(view: CaseView, value: str | None) -> list:
    text = view.text(value)
    if text is None:
        return [Items([], empty=_n("write_here", view.lang), blank_lines=3)]
    return [Para(line) for line in text.splitlines() if line.strip()]


def build_minutes(view: CaseView, day: dt.date) -> Document:
    """The minutes of the meeting held on ``day`` (raises LookupError if the case has none)."""
    meeting = find_meeting(view, day)
    if meeting is None:
        raise LookupError(day)
    lang, case = view.lang, view.case
    title = _n("title", lang)
    doc = Document(lang=lang, title=f"{title} {view.date(day)} – {view.title}",
                   footer=_n("footer", lang), page=dw("docx.page", lang))
    who = [_participant(view, p) for p in meeting.participants]
    doc.add(
        Para(_n("kicker", lang), "kicker"),
        Heading(title, 1),
        Para(_n("case", lang, title=view.title), "strong"),
        Facts([
            (_n("date", lang), view.date(day)),
            (_n("employer", lang), view.text(case.employment.employer)),
            (_n("workplace", lang), view.text(case.employment.workplace)),
            (_n("employee", lang), view.person("employee")),
        ]),
        Heading(_n("s_participants", lang)),
        Items(who, empty=_n("write_here", lang), blank_lines=3),
        Heading(_n("s_discussed", lang)), *_text_or_lines(view, meeting.summary),
        Heading(_n("s_agreed", lang)), *_text_or_lines(view, meeting.agreed),
        Heading(_n("s_next", lang)),
        Facts([(_n("next", lang), view.date(next_meeting(view, day)))]),
    )
    signers = [p for p in SIGNERS if p in meeting.participants] or list(SIGNERS)
    doc.add(Heading(_n("s_signatures", lang)), Signatures(
        intro=_n("sign_intro", lang),
        parties=[(content.ui(f"participant.{p}", lang), view.person(p)) for p in signers],
        labels=(_n("name", lang), _n("sign_date", lang), _n("signature", lang)),
    ))
    doc.add(Para(_n("made", lang, date=view.as_of_text), "meta"))
    return doc
