"""The municipality's version of the pack, as a caseworker reads it.

Who sends it and how to reach the workplace; the employee by full name and birth date (never a
CPR number); the workplace and the people once; the workplace's own answers, labelled as its own
statements (not findings); the written agreement; the twelve months as one chronological log
(measures and meetings by date, with period, result and documentation); the key dates; only the
attachments that apply; and the employer's signature confirming the attempt. Nothing internal:
no "who should do what", no deadlines, no "today" on a timeline, no estimate of the subsidy
(the municipality computes it and sets the hours of a flex job).

Textual-free.
"""

from __future__ import annotations

import datetime as dt

from ..case.dates import format_date
from ..view import CaseView, dw
from ..view.pack import meeting_room_facts
from .blocks import Document, Facts, Grid, Heading, Para, Signatures
from .pack import _agreement, _case_measures, _hours_rows, _people_rows, _period, _x


def _m(key: str, lang: str, **fmt) -> str:
    return dw(f"municipality.{key}", lang, **fmt)


def _mark(answer: str | None, lang: str) -> str:
    return _m({"yes": "mark_yes", "no": "mark_no"}.get(answer or "", "mark_unknown"), lang)


def attachments(view: CaseView) -> list[tuple[str, str]]:
    """The papers to attach that apply to the case, each with what the case says about it.

    The agreement, the medical statements and the employer's documentation of the attempt are
    always asked for (the agreement and the attempt not for the self-employed); the minutes only
    when meetings are recorded; a § 56 agreement only when the case has one."""
    lang, case = view.lang, view.case
    rows: list[tuple[str, str]] = []
    if not case.person.self_employed:
        rows.append((_m("att_agreement", lang), _mark(case.agreement.written, lang)))
    n = len(case.meetings)
    if n:
        rows.append((_m("att_minutes", lang),
                     _m("minutes_one", lang) if n == 1 else _m("minutes_count", lang, n=n)))
    days = sorted(m.approved_on for m in case.measures
                  if m.approved_by_municipality == "yes" and m.approved_on)
    if any(m.approved_by_municipality == "yes" for m in case.measures):
        rows.append((_m("att_paragraph56", lang),
                     _m("mark_approved", lang, date=format_date(days[-1], lang)) if days
                     else _mark("yes", lang)))
    rows.append((_m("att_medical", lang), _mark(case.eligibility.medical_documentation, lang)))
    if not case.person.self_employed:
        rows.append((_m("att_attempt", lang), _mark(case.agreement.attempt_documented, lang)))
    return rows


def log_rows(view: CaseView) -> list[list[str]]:
    """The measures and the meetings as one log in date order (a measure by the day it began);
    what has no date comes last. Columns: date, what, course, result, documented."""
    lang, case, pk = view.lang, view.case, view.pack
    entries: list[tuple[dt.date | None, int, list[str]]] = []
    for i, (pm, m) in enumerate(zip(pk.measures, _case_measures(view, pk), strict=True)):
        start = m.from_ if m is not None else None
        period = _period(pm.period, m, lang)
        course = f"{period}. {pm.note}" if pm.note else period
        entries.append((start, i, [view.date(start) or _m("log_no_date", lang),
                                   _m("log_measure", lang, title=pm.title), course,
                                   pm.result, pm.documented]))
    meetings = sorted(case.meetings, key=lambda mt: (mt.date is None, mt.date or dt.date.min))
    for j, (mt, pm) in enumerate(zip(meetings, pk.meetings, strict=True)):
        key = "log_meeting_planned" if mt.date and mt.date > view.as_of else "log_meeting"
        entries.append((mt.date, 1000 + j, [
            pm.date, _m(key, lang),
            _m("log_discussed", lang, who=pm.participants, text=pm.summary),
            _m("log_agreed", lang, text=pm.agreed), "—"]))
    entries.sort(key=lambda e: (e[0] is None, e[0] or dt.date.min, e[1]))
    return [row for _, _, row in entries]


#: The pack's facts about the workplace (the rest of its facts are the answers to questions).
_WORKPLACE_FACTS = ("employer", "workplace", "job_title", "collective_agreement",
                    "social_chapter", "special_terms_start", "self_employed")


def _sender(view: CaseView) -> list:
    """Who sends the papers, and whom the caseworker calls at the workplace."""
    lang, case = view.lang, view.case
    role = case.case.role
    sender = view.person(role) if role else None
    if sender and role:
        sender = f"{sender} ({_x(f'role.{role}', lang)})"
    contact = view.person("manager") or view.person("hr")
    return [Facts([
        (_m("sender", lang), sender),
        (_m("contact_name", lang), contact),
        (_m("contact", lang), None),  # the case keeps no phone numbers or e-mail addresses
    ])]


def municipality_document(view: CaseView) -> Document:
    lang, pk, case = view.lang, view.pack, view.case
    doc = Document(lang=lang, title=f"{_m('title', lang)} – {pk.case_title}",
                   footer=_m("footer", lang, date=view.as_of_text), page=dw("docx.page", lang))
    number = iter(range(1, 20))

    def section(key: str) -> Heading:
        return Heading(f"{next(number)}. {_m(key, lang)}")

    doc.add(
        Para(_m("kicker", lang), "kicker"),
        Heading(_m("title", lang), 1),
        Para(pk.case_title, "strong"),
        Para(pk.as_of, "meta"),
        Para(_m("intro", lang)),
        section("s_sender"), *_sender(view),
        section("s_person"),
        Facts([
            (_m("full_name", lang), view.text(case.person.full_name)),
            (_m("birth_date", lang), view.date(case.person.birth_date)),
            (_m("home_municipality", lang), view.text(case.person.home_municipality)),
        ]),
        Para(_m("no_cpr", lang), "note"),
        section("s_workplace"),
    )
    workplace = {_x(f"facts.{k}", lang) for k in _WORKPLACE_FACTS}
    skip = {_x("facts.person", lang), _x("facts.home_municipality", lang),
            _x("facts.filled_in_by", lang)}
    rows: list[tuple[str, str | None]] = [(k, v) for k, v in pk.facts if k in workplace]
    rows += _people_rows(view, skip=("employee",))
    rows += _hours_rows(view)
    doc.add(Facts(rows))
    # The answers to the questions, once, as the workplace's own statements: the people, the
    # hours and the next meeting stand above already.
    told = set(meeting_room_facts(case, lang))
    answers: list[tuple[str, str | None]] = [
        (k, v) for k, v in pk.facts if k not in workplace and k not in skip and (k, v) not in told]
    if answers:
        answers.append((_m("medical_source", lang), None))
        doc.add(section("s_answers"), Para(_m("answers_intro", lang), "note"), Facts(answers))
    doc.add(section("s_agreement"), *_agreement(view, lang))
    doc.add(section("s_log"), Para(_m("log_intro", lang), "note"))
    log = log_rows(view)
    if log:
        doc.add(Grid([_m(k, lang) for k in ("log_date", "log_what", "log_course", "log_result",
                                            "log_documented")], log, widths=[14, 18, 30, 21, 17]))
    else:
        doc.add(Para(_m("log_none", lang), "note"))
    doc.add(section("s_dates"))
    if pk.dates_note:
        doc.add(Para(pk.dates_note))
    if pk.dates:
        doc.add(Facts(list(pk.dates)))
    doc.add(section("s_attachments"), Para(_m("attachments_intro", lang)),
            Grid([_m("attachment", lang), _m("status", lang)],
                 [[a, b] for a, b in attachments(view)], widths=[64, 36]))
    # The employer confirms the attempt (LAB § 119, stk. 2); the self-employed sign themselves.
    if case.person.self_employed:
        intro, party = _m("confirm_self", lang), (_m("sign_self", lang), None)
    else:
        intro, party = _m("confirm", lang), (_m("sign_employer", lang), view.person("manager"))
    doc.add(section("s_signature"), Signatures(
        intro=intro,
        parties=[party],
        labels=(_m("name", lang), _m("date", lang), _m("signature", lang)),
    ))
    return doc
