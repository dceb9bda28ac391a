"""The minutes of one meeting, for the participants to sign.

``fleksjob export CASE --document minutes --meeting DATE``: titled by the kind of meeting (the
first logged meeting, a meeting the municipality took part in, or a follow-up meeting: the case
records no kind of its own, so it is read from the meetings' dates and participants), the date,
the participants (each role with the name the case knows, or a line to write the name on), what
was discussed, what was agreed, the next meeting, and
a place to sign for each of the employee, the manager and the union representative who took
part. Where the case has no answer there is an empty line to write on (the time and place:
the case holds the day only). Written after the meeting, they say "Skrevet ud fra sagens noter
den DATO". :func:`meeting_title` is the one source of their title (the municipality's list of
attachments names them by it). The municipalities ask
for written follow-up that shows a continuing dialogue over the twelve months: a signed set of
minutes a meeting is that.

Textual-free.
"""

from __future__ import annotations

import datetime as dt

from .. import content
from ..case.dates import DateError, format_date, parse_date
from ..case.model import Case, Meeting
from ..view import CaseView, dw
from .blocks import BLANK_LINE, Document, Facts, Heading, Items, Para, Signatures

#: The participants who sign the minutes, in this order (the others are listed, not asked to sign).
SIGNERS = ("employee", "manager", "union_rep")


def _n(key: str, lang: str, **fmt) -> str:
    return dw(f"minutes.{key}", lang, **fmt)


def choose_meeting(case: Case, text: str | None, lang: str) -> dt.date:
    """The date of the logged meeting ``text`` (``--meeting DATO``) names. Raises ValueError
    with the sentence to show: no dated meetings, no date given (naming the latest), a date
    that does not parse, or a day without a meeting (listing the meetings' dates)."""
    days = sorted({m.date for m in case.meetings if m.date is not None})
    if not days:
        raise ValueError(_n("no_meetings", lang))
    if text is None:
        raise ValueError(_n("need_meeting", lang, date=format_date(days[-1], lang)))
    try:
        day = parse_date(text, lang)
    except DateError as err:
        raise ValueError(_n("bad_date", lang, error=err.message(lang))) from None
    if day not in days:
        raise ValueError(_n("no_meeting", lang, date=format_date(day, lang),
                            dates=", ".join(format_date(d, lang) for d in days)))
    return day


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


#: The participants the case can name (``people`` and the person): the others get a line.
NAMED = ("employee", "manager", "union_rep", "hr")


def meeting_kind(case: Case, meeting: Meeting) -> str:
    """``first`` (no logged meeting before it), ``municipality`` (the municipality took part)
    or ``follow_up``: the minutes' title says which."""
    day = meeting.date
    if day is not None and not any(m.date is not None and m.date < day
                                   for m in case.meetings):
        return "first"
    if "municipality" in meeting.participants:
        return "municipality"
    return "follow_up"


def meeting_title(case: Case, meeting: Meeting | dt.date, lang: str) -> str:
    """The title of the minutes of ``meeting`` (the logged meeting, or its date), without the
    date: "Referat af første møde", "Referat af møde med kommunen", "Referat af
    opfølgningsmøde". The one source of it: the minutes and every list that names them (the
    municipality's attachments) say the same. A date without a logged meeting: a follow-up."""
    if isinstance(meeting, dt.date):
        found = next((m for m in case.meetings if m.date == meeting), None)
        if found is None:
            return _n("title_follow_up", lang)
        meeting = found
    return _n(f"title_{meeting_kind(case, meeting)}", lang)


def _role(view: CaseView, who: str) -> str:
    """The participant's role as the documents name it ("Nærmeste leder", "Kommunen")."""
    if who in NAMED:
        return dw(f"people.{who}", view.lang)
    return content.ui(f"participant.{who}", view.lang)


def _participant(view: CaseView, who: str) -> str:
    """"Nærmeste leder: Åse Ørsted", or "Kommunen: ______" when the case has no name."""
    name = view.person(who) if who in NAMED else None
    return f"{_role(view, who)}: {name or BLANK_LINE}"


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
    title = meeting_title(case, meeting, lang)
    doc = Document(lang=lang, title=f"{title} {view.date(day)} – {view.title}",
                   footer=_n("footer", lang), page=dw("docx.page", lang),
                   page_ref=_n("page_ref", lang, date=view.date(day),
                               who=view.person("employee") or "").rstrip(" –"),
                   kind=f"{title} {view.date(day)}")
    who = [_participant(view, p) for p in meeting.participants]
    doc.add(
        Para(_n("kicker", lang), "kicker"),
        Heading(title, 1),
        Para(_n("case", lang, title=view.title), "strong"),
        # Written after the meeting (the day of the document is later): from the case's notes,
        # and the minutes say so — not as if taken down at the table.
        *([Para(_n("from_notes", lang, date=view.as_of_text), "note")]
          if view.as_of > day else []),
        Facts([
            (_n("date", lang), view.date(day)),
            (_n("time", lang), None),  # the case holds the day only
            (_n("place", lang), None),
            (_n("employer", lang), view.text(case.employment.employer)),
            (_n("workplace", lang), view.text(case.employment.workplace)),
            (_n("employee", lang), view.person("employee")),
            (_n("writer", lang), None),  # who wrote the minutes: the case does not say
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
        parties=[(_role(view, p), view.person(p)) for p in signers],
        labels=(_n("name", lang), _n("sign_date", lang), _n("signature", lang)),
    ))
    doc.add(Para(_n("made", lang, date=view.as_of_text), "meta"))
    return doc
