"""One view of a case: everything an output shows, built once per (case, assessment, lang, role).

Data flows one way: the case → the rules (:func:`fleksjob_tui.rules.assess`, the estimate and
the six-year check included) → this view → the outputs: the Rich summary and the wizard's
Overblik (:mod:`fleksjob_tui.documents.summary`), the HTML and Markdown pack
(:mod:`fleksjob_tui.documents.pack_render`), the Word pack, the draft agreement, the
municipality's version, the timeline and the calendar (:mod:`fleksjob_tui.documents`). No output computes a date, a word or an estimate
itself: it reads the view.

The derivations live here: :mod:`.words` (the status word and sentence, the finding groups with
their tags and due dates, the key dates as rows, the measures and meetings in words, the next
steps, the law line), :mod:`.pack` (the pack's facts, measures, meetings, findings and
estimate lines, user text stripped of CPR-like numbers), :mod:`.estimate` (the wage-subsidy
estimate in words) and :mod:`.index` (the case folder's list for the start screen, fast). This module adds the people, the hours,
the dates as dates (for the calendar and the timeline) and puts it all in one :class:`CaseView`.

Textual-free and Rich-free.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import content
from ..case.clean import clean_case, clean_text, needs_cleaning
from ..case.dates import format_date
from ..rules.engine import is_waiting
from .estimate import Line
from .estimate import lines as estimate_lines
from .pack import Pack, build_pack, redact
from .words import (
    counts_line,
    date_rows,
    due_text,
    finding_groups,
    finding_style,
    finding_tag,
    follow_up_line,
    next_steps,
    people_rows,
    status_sentence,
    status_short,
    status_word,
    summary_measures,
    summary_meetings,
    word,
)

if TYPE_CHECKING:
    from ..case.model import Case
    from ..rules.types import Assessment

__all__ = ["CaseView", "Event", "ViewFinding", "ViewGroup", "ViewItem", "build_view",
           "case_events", "cleaned", "dw", "hours_text"]


def dw(key: str, lang: str, **fmt: Any) -> str:
    """A text from ``content/documents.toml``."""
    return content.text("documents", key, lang, **fmt)


@dataclass(frozen=True, slots=True)
class Event:
    """A date of the case, for the timeline and the calendar. No health detail ever."""

    key: str  # stable: "twelve_months", "due:<finding id>", "meeting:<iso date>" …
    kind: str  # special_terms_start, twelve_months, six_year_mark, pension, today, due, …
    date: dt.date
    label: str  # in the view's language, e.g. "12 måneder nået"
    reference: str  # the law, e.g. "LAB § 119, stk. 1"


@dataclass(frozen=True, slots=True)
class ViewFinding:
    id: str
    severity: str
    responsible: str
    who: str  # "Lederen" …
    message: str
    reference: str
    due: dt.date | None
    group: str = ""  # blocker / act / waiting / municipality / advice (RULES.md section 7)


@dataclass(frozen=True, slots=True)
class ViewItem:
    """A finding as the summary lists it: ``[tag · due] message`` and its reference."""

    style: str  # blocker / missing / advice / waiting / municipality
    tag: str  # Spærrer / Mangler / Råd / Venter / Kommunen vurderer
    due: str  # "senest 01-03-2027", "så hurtigt som muligt" or ""
    message: str
    reference: str
    group: str = ""  # blocker / act / waiting / municipality / advice (RULES.md section 7)


@dataclass(frozen=True, slots=True)
class ViewGroup:
    key: str  # employee, manager, union_rep, doctor, waiting, municipality
    title: str  # "Dig" / "Lederen" / "Venter på" / "Det vurderer kommunen" …
    items: list[ViewItem]


@dataclass(slots=True)
class CaseView:
    """Everything every output shows, in one language, as plain (unescaped) text."""

    lang: str
    role: str
    as_of: dt.date
    as_of_text: str
    title: str  # the case's title, or "Sag uden titel"
    short_title: str  # the title, else the person's initials/name: used in the calendar
    status: str
    status_word: str
    status_sentence: str
    status_short: str
    findings: list[ViewFinding]
    dates: list[tuple[str, str]]
    dates_note: str | None
    events: list[Event]
    people: list[tuple[str, str, str | None]]  # (role key, label, name or None)
    normal_hours: float | None
    current_hours: float | None
    estimate: list[str]  # the estimate lines of the pack (last line: it is an estimate)
    pack: Pack  # the documentation pack's data (facts, measures, meetings, findings …)
    # --- the summary's reading (report.render_summary, the wizard's Overblik) -----------------
    heading_title: str  # the case's title as typed, or "Sag uden titel"
    heading_details: list[str]  # the person, the employer, the job title (those given)
    status_detail: str  # the status sentence; a waiting case's names the day it can go
    counts: str  # "2 ting mangler, 3 råd" or ""
    groups: list[ViewGroup]  # the findings by who should act, worded for the case's role
    next_steps_lead: str
    next_steps: list[str]
    measures: list[tuple[str, str, str, str, bool]]  # title, period, result, documented, has result
    meetings: list[str]  # by date: "01-03-2026 · Leder, Medarbejder · Drøftet: … · Aftalt: …"
    follow_up: str | None  # "Næste opfølgningsmøde: 05-01-2027", or None when none is planned
    people_rows: list[tuple[str, str]]  # the people around the case (names only), the hours
    estimate_lines: list[Line]  # the estimate in words (estimate.lines, no detail) or []
    law_line: str  # "Lovgrundlag: … (tjekket 01-12-2026)"
    law_outdated: str | None  # after law.valid_to: the law may have changed
    case: Case = field(repr=False)
    assessment: Assessment = field(repr=False)

    def text(self, value: str | None) -> str | None:
        """User text as it may be shown: stripped, CPR-like numbers removed; None when empty."""
        if value is None or not str(value).strip():
            return None
        return redact(str(value).strip(), self.lang)

    def date(self, value: dt.date | None) -> str | None:
        return format_date(value, self.lang) if value else None

    def finding_groups(self) -> list[tuple[str, list[ViewFinding]]]:
        """The findings grouped as the pack groups them (who should act, in its order), each
        with its due date."""
        by_message = {f.message: f for f in self.findings}
        groups = []
        for who, items in self.pack.findings:
            found = [by_message[f.message] for f in items if f.message in by_message]
            if found:
                groups.append((who, found))
        return groups

    def person(self, key: str) -> str | None:
        for k, _, name in self.people:
            if k == key:
                return name
        return None


def _who(responsible: str, lang: str, role: str | None) -> str:
    return word(f"responsible.{responsible}", lang, role)


# --------------------------------------------------------------------------------------------


def hours_text(hours: float | None, lang: str) -> str | None:
    """``25 timer om ugen`` / ``18,5 timer om ugen``; None when not known."""
    if hours is None:
        return None
    number = str(int(hours)) if float(hours) == int(hours) else f"{hours:g}"
    if lang != "en":
        number = number.replace(".", ",")
    return number


def _short_title(case: Case, lang: str) -> str:
    for value in (case.case.title, case.person.name):
        if value and value.strip():
            return redact(" ".join(value.split()), lang)
    return word("heading.untitled", lang)


def case_events(case: Case, assessment: Assessment, lang: str) -> list[Event]:
    """The case's dates (from the assessment and the case; none computed here)."""
    out: list[Event] = []
    tm = assessment.twelve_months

    def add(key: str, kind: str, date: dt.date | None, reference: str) -> None:
        if date is not None:
            out.append(Event(key, kind, date, dw(f"events.{kind}", lang), reference))

    add("special_terms_start", "special_terms_start", tm.start, "LAB § 119, stk. 2")
    if not tm.exemption:
        add("twelve_months", "twelve_months", tm.met_on, "LAB § 119, stk. 1")
    p = assessment.pension
    if p is not None:
        if tm.exemption != "self_employed":
            add("six_year_mark", "six_year_mark", p.six_year_mark, "LAB § 119, stk. 1")
        add("pension", "pension", p.date, p.reference)
    for f in assessment.findings:
        # What only waits for time is the twelve months' own date above, not anyone's deadline.
        if f.due is not None and not is_waiting(f):
            label = f"{dw('events.due', lang)}: {_who(f.responsible, lang, None)}"
            out.append(Event(f"due:{f.id}", "due", f.due, label, f.reference))
    add("next_meeting", "next_meeting", case.follow_up.next_meeting, "LAB § 119, stk. 2")
    planned = {case.follow_up.next_meeting}
    for m in case.meetings:  # meetings entered with a date still to come are planned too
        if m.date is not None and m.date > assessment.as_of and m.date not in planned:
            planned.add(m.date)
            add(f"meeting:{m.date.isoformat()}", "next_meeting", m.date, "LAB § 119, stk. 2")
    fj = assessment.flexjob
    if fj is not None:
        add("flexjob_start", "flexjob_start", fj.start, "LAB § 120")
        add("flexjob_follow_up", "flexjob_follow_up", fj.follow_up, "LAB § 121")  # None: not shown
        add("flexjob_status", "flexjob_status", fj.status, "LAB § 121")
        add("flexjob_end", "flexjob_end", fj.end, "LAB § 120")
    out.sort(key=lambda e: (e.date, e.key))
    return out


def cleaned(case: Case, assessment: Assessment, lang: str) -> tuple[Case, Assessment]:
    """The case and its assessment with every text :func:`~fleksjob_tui.case.clean.clean_text`
    (a finding can quote the case: the title of a measure); the same objects when clean."""
    marker = content.text("export", "privacy.cpr_removed", lang)
    case = clean_case(case, marker)
    if any(needs_cleaning(f.message) for f in assessment.findings):
        assessment = dataclasses.replace(assessment, findings=tuple(
            dataclasses.replace(f, message=clean_text(f.message, marker))
            for f in assessment.findings))
    return case, assessment


def build_view(case: Case, assessment: Assessment, lang: str | None = None,
               role: str | None = None) -> CaseView:
    """The one view of ``case`` with its ``assessment``, in ``lang`` (default: the case's) for
    ``role`` (default: the case's role; it chooses the "du"/"medarbejderen" wording)."""
    if lang not in ("da", "en"):
        lang = case.language if case.language in ("da", "en") else "da"
    role = role or case.case.role or "employee"
    # Every output reads this view: its texts leave here without control characters and CPR
    # numbers (case/clean.py), whichever document, format or terminal they go to (issue 22).
    case, assessment = cleaned(case, assessment, lang)
    pack = build_pack(case, assessment, lang)
    findings = [
        ViewFinding(f.id, f.severity, f.responsible, _who(f.responsible, lang, role),
                    f.message, f.reference, f.due, f.group)
        for f in assessment.findings
    ]

    def name(value: str | None) -> str | None:
        return redact(" ".join(value.split()), lang) if value and value.strip() else None

    pp = case.people
    people = [
        ("employee", dw("people.employee", lang), name(case.person.name)),
        ("manager", dw("people.manager", lang), name(pp.manager)),
        ("union_rep", dw("people.union_rep", lang), name(pp.union_rep)),
        ("union", dw("people.union", lang), name(pp.union)),
        ("hr", dw("people.hr", lang), name(pp.hr)),
    ]
    return CaseView(
        lang=lang,
        role=role,
        as_of=assessment.as_of,
        as_of_text=format_date(assessment.as_of, lang),
        title=pack.case_title,
        short_title=_short_title(case, lang),
        status=assessment.status,
        status_word=status_word(assessment.status, lang),
        status_sentence=status_sentence(assessment.status, lang),
        status_short=status_short(assessment.status, lang),
        findings=findings,
        dates=date_rows(assessment, lang, role),
        dates_note=pack.dates_note,
        events=case_events(case, assessment, lang),
        people=people,
        normal_hours=case.employment.normal_weekly_hours,
        current_hours=case.employment.current_weekly_hours,
        estimate=list(pack.economy),
        pack=pack,
        heading_title=case.case.title or word("heading.untitled", lang),
        heading_details=[x for x in (case.person.name, case.employment.employer,
                                     case.employment.job_title) if x],
        status_detail=pack.status_sentence,
        counts=counts_line(assessment, lang),
        groups=[
            ViewGroup(key, title, [ViewItem(finding_style(f), finding_tag(f, lang),
                                            due_text(f, lang, assessment), f.message, f.reference,
                                            f.group)
                                   for f in items])
            # The summary words the groups for the case's own role ("Dig" for the employee).
            for key, title, items in finding_groups(assessment, lang, case.case.role)
        ],
        next_steps_lead=word(f"next_steps.lead.{case.case.role or 'employee'}", lang),
        next_steps=next_steps(case, assessment, lang),
        measures=summary_measures(case, lang),
        meetings=summary_meetings(case, lang),
        follow_up=follow_up_line(case, lang),
        people_rows=people_rows(case, lang),
        estimate_lines=estimate_lines(assessment.estimate, lang, detail=False),
        law_line=pack.law_line,
        law_outdated=pack.law_outdated,
        case=case,
        assessment=assessment,
    )
