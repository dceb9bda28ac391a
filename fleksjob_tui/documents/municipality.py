"""The municipality's version of the pack, as a caseworker reads it.

Who sends it and how to reach the workplace (``[sender]``, else the manager or HR the case
names, else a line to write on); the employee by full name and birth date (never a CPR number);
the workplace and the people once; the answers as the own statements of whoever filled in the
case (``case.role``), not findings; the medical statement with its source and date; the written
agreement; the twelve months as one chronological log of what was tried (measures tried and
meetings held, with period, result and documentation), and apart from it the measures only
considered; the dates; the attachments that exist; and the employer's signature confirming the
attempt. A self-employed person's version speaks of the business and the person, not of a
workplace or an employer (LAB § 126; § 119 does not apply).

Nothing internal and nothing for the sender: no "who should do what", no deadlines, no
"today", no estimate of the subsidy (the municipality computes it and sets the hours), no
instructions. Every page carries the document's title and the case's short reference (the
initials, never the full name or a CPR number) beside the page number.

Textual-free.
"""

from __future__ import annotations

import datetime as dt

from ..case.dates import format_date
from ..view import CaseView, dw
from ..view.words import word
from .blocks import Document, Facts, Grid, Heading, Items, Para, Signatures
from .pack import _case_measures, _hours_rows, _people_rows, _period, _x


def _m(key: str, lang: str, **fmt) -> str:
    return dw(f"municipality.{key}", lang, **fmt)


def _self(view: CaseView) -> bool:
    return bool(view.case.person.self_employed)


def _answer(value: str | None, lang: str) -> str | None:
    """"ja" / "nej" / "ved ikke"; None (a line to write on) when not answered."""
    return word(f"answer.{value}", lang) if value else None


def _held(mt, view: CaseView) -> bool:
    """A meeting that has taken place (a planned one is not part of what was tried)."""
    return mt.date is None or mt.date <= view.as_of


def _recorded(mt, view: CaseView) -> bool:
    """A meeting held on a known day with a record (what was discussed or agreed)."""
    return mt.date is not None and mt.date in recorded_meetings(view.case, view.as_of)


def short_reference(view: CaseView) -> str:
    """The case's reference on every page: the initials (``person.name``), never the full name;
    the document's title alone when there are none."""
    p = view.case.person
    ref = view.text(p.name)
    full = view.text(p.full_name)
    if ref and full and ref.casefold() == full.casefold():
        ref = None  # the name typed is the full name: it is not put on every page
    lang = view.lang
    return _m("page_mark", lang, ref=ref) if ref else _m("page_mark_plain", lang)


# -- who sends it -------------------------------------------------------------------------------


def sender_rows(view: CaseView) -> list[tuple[str, str | None]]:
    """Who sends the papers, and whom the caseworker calls: the case's ``[sender]``; without it
    the person filling in the case (when named) and the manager (or HR); else lines to write on."""
    lang, case = view.lang, view.case
    s = case.sender
    sent = view.text(s.name)
    if _self(view):
        if sent is None and view.text(case.person.full_name):
            sent = f"{view.text(case.person.full_name)} ({_m('who_self', lang)})"
        return [(_m("sender", lang), sent),
                (_m("contact_phone_self", lang), view.text(s.contact_phone)),
                (_m("contact_email_self", lang), view.text(s.contact_email))]
    role = case.case.role
    if sent is None and role:
        name = (view.text(case.person.full_name) if role == "employee"
                else view.person(role))
        if name:
            sent = f"{name} ({_x(f'role.{role}', lang)})"
    contact = view.text(s.contact_name)
    if contact is None:
        for key in ("manager", "hr"):
            if view.person(key):
                contact = f"{view.person(key)} ({_m(f'who_{key}', lang)})"
                break
    return [(_m("sender", lang), sent),
            (_m("contact_name", lang), contact),
            (_m("contact_phone", lang), view.text(s.contact_phone)),
            (_m("contact_email", lang), view.text(s.contact_email))]


# -- the statements -----------------------------------------------------------------------------

#: The statements of an employee's case, (table, key) in the order of the questions.
_EMPLOYED = (("person", "receives_disability_pension"), ("person", "disability_pension_claim_pending"),
             ("eligibility", "capacity_reduced"), ("eligibility", "capacity_assessed"),
             ("eligibility", "medical_documentation"),
             ("eligibility", "relocation_retraining_examined"), ("eligibility", "acute_injury"),
             ("eligibility", "retention_pointless"), ("eligibility", "progressive_disease"),
             ("contacts", "hr"), ("contacts", "home_municipality"), ("contacts", "union"))
#: A self-employed person's (RULES.md section 5: no relocation, no § 119 exceptions).
_SELF = (("person", "receives_disability_pension"), ("person", "disability_pension_claim_pending"),
         ("eligibility", "capacity_reduced"), ("eligibility", "capacity_assessed"),
         ("eligibility", "medical_documentation"), ("self_employment", "main_occupation"),
         ("self_employment", "months_30h_last_24"), ("self_employment", "benefit_periods"),
         ("self_employment", "first_grant"), ("self_employment", "excluded_benefits"),
         ("contacts", "home_municipality"))


def medical_source(view: CaseView) -> str | None:
    """"egen læge, 12-03-2026": who wrote the medical statement and when, as far as given."""
    e = view.case.eligibility
    parts = [x for x in (view.text(e.medical_source), view.date(e.medical_date)) if x]
    return ", ".join(parts) or None


def statements(view: CaseView) -> tuple[str, str, list[tuple[str, str | None]]]:
    """The heading, the note and the rows of the statements, labelled by who gave them."""
    lang, case = view.lang, view.case
    who = "self" if _self(view) else (case.case.role or "none")
    name = view.person(who) if who in ("manager", "union_rep") else None
    rows: list[tuple[str, str | None]] = []
    for table, key in _SELF if _self(view) else _EMPLOYED:
        value = getattr(getattr(case, table), key)
        label_key = f"{table}_{key}" if table == "contacts" else key
        if key == "capacity_reduced" and _self(view):
            label_key = "capacity_reduced_self"
        if key == "months_30h_last_24":
            rows.append((_m(f"st.{label_key}", lang), str(value) if value is not None else None))
            continue
        rows.append((_m(f"st.{label_key}", lang), _answer(value, lang)))
        if key == "medical_documentation" and value == "yes":
            rows.append((_m("st.medical_source", lang), medical_source(view)))
    note = _m(f"answers_intro.{who}", lang, by=f" ({name})" if name else "")
    return _m(f"s_answers.{who}", lang), note, rows


# -- the log ------------------------------------------------------------------------------------


def log_rows(view: CaseView) -> list[list[str]]:
    """What was tried, in date order: the measures tried or under way (by the day each began)
    and the meetings held; what has no date comes last. Columns: date, what, course, result,
    documented. Measures not tried are not in it (:func:`not_tried`), nor planned meetings."""
    lang, case, pk = view.lang, view.case, view.pack
    entries: list[tuple[dt.date | None, int, list[str]]] = []
    for i, (pm, m) in enumerate(zip(pk.measures, _case_measures(view, pk), strict=True)):
        if m is not None and not m.active:
            continue
        start = m.from_ if m is not None else None
        period = _period(pm.period, m, lang)
        course = f"{period}. {pm.note}" if pm.note else period
        entries.append((start, i, [view.date(start) or _m("log_no_date", lang),
                                   _m("log_measure", lang, title=pm.title), course,
                                   pm.result, pm.documented]))
    meetings = sorted(case.meetings, key=lambda mt: (mt.date is None, mt.date or dt.date.min))
    for j, (mt, pm) in enumerate(zip(meetings, pk.meetings, strict=True)):
        if not _held(mt, view):
            continue
        n = minutes_number(view, mt.date) if _recorded(mt, view) else None
        documented = _m("log_minutes", lang, n=n) if n else "—"
        entries.append((mt.date, 1000 + j, [
            pm.date, _m("log_meeting", lang),
            _m("log_discussed", lang, who=pm.participants, text=pm.summary),
            _m("log_agreed", lang, text=pm.agreed), documented]))
    entries.sort(key=lambda e: (e[0] is None, e[0] or dt.date.min, e[1]))
    return [row for _, _, row in entries]


def not_tried(view: CaseView) -> list[str]:
    """The measures considered but not tried (not tried, not relevant, or no status given)."""
    lang, pk = view.lang, view.pack
    out = []
    for pm, m in zip(pk.measures, _case_measures(view, pk), strict=True):
        if m is None or m.active:
            continue
        status = word(f"measure_status.{m.status}", lang) if m.status else word("answer.unknown",
                                                                                  lang)
        item = _m("not_tried_item", lang, title=pm.title, status=status)
        out.append(f"{item}. {pm.note}" if pm.note else item)
    return out


# -- the dates and the attachments --------------------------------------------------------------


def date_rows(view: CaseView) -> list[tuple[str, str | None]]:
    """The dates a caseworker counts from, as facts (no notes to the sender)."""
    lang, case, a = view.lang, view.case, view.assessment
    rows: list[tuple[str, str | None]] = []
    if not _self(view):
        tm = a.twelve_months
        rows.append((_m("date_start", lang), view.date(case.employment.special_terms_start)))
        if case.agreement.written == "yes":
            rows.append((_m("date_signed", lang), view.date(case.agreement.signed_on)))
        if tm.exemption:
            rows.append((_m("date_twelve_exempt", lang), word(f"exemption.{tm.exemption}", lang)))
        elif tm.met_on:
            key = "twelve_met" if tm.met else "twelve_not_met"
            rows.append((_m("date_twelve", lang), _m(key, lang, date=format_date(tm.met_on, lang))))
    # The six-year mark (when the pack shows it), the pension and the flex job's start if agreed.
    p = a.pension
    six = word("dates.six_year_mark", lang)
    for label, value in view.pack.dates:
        if label == six and p is not None and not _self(view):
            rows.append((label, format_date(p.six_year_mark, lang)))
        elif label in (word("dates.pension", lang), word("dates.flexjob_start", lang)):
            rows.append((label, value))
    return rows


def attachments(view: CaseView) -> list[str]:
    """The papers that exist and go with this document, numbered, each with its date or source:
    the written agreement (when written), a § 56 agreement (when approved), the minutes of each
    meeting held with a record, the medical statement (when its source is given) and the
    employer's documentation of the attempt (when the case says it is documented)."""
    lang, case = view.lang, view.case
    rows: list[tuple[str, str | None]] = []
    if not _self(view) and case.agreement.written == "yes":
        signed = case.agreement.signed_on
        rows.append((_m("att_agreement", lang),
                     _m("signed_on", lang, date=format_date(signed, lang)) if signed else None))
    approved = [m for m in case.measures if m.approved_by_municipality == "yes"]
    if approved:
        days = sorted(m.approved_on for m in approved if m.approved_on)
        rows.append((_m("att_paragraph56", lang), _m("approved_on", lang, date=format_date(
            days[-1], lang)) if days else _m("approved", lang)))
    for day in minutes_to_attach(view):
        rows.append((_m("att_minutes", lang), _m("held_on", lang, date=format_date(day, lang))))
    e = case.eligibility
    if e.medical_documentation == "yes" and view.text(e.medical_source):
        rows.append((_m("att_medical", lang), medical_source(view)))
    if not _self(view) and case.agreement.attempt_documented == "yes":
        rows.append((_m("att_attempt", lang), None))
    return [_m("att_item", lang, n=n, text=f"{label}, {detail}" if detail else label)
            for n, (label, detail) in enumerate(rows, 1)]


def minutes_number(view: CaseView, day: dt.date) -> int | None:
    """The attachment number of the minutes of the meeting on ``day``."""
    for n, item in enumerate(attachments(view), 1):
        if item.endswith(format_date(day, view.lang)) and _m("att_minutes", view.lang) in item:
            return n
    return None


def minutes_to_attach(view: CaseView) -> list[dt.date]:
    """The days of the meetings whose minutes the attachments list (``--document minutes``)."""
    return recorded_meetings(view.case, view.as_of)


def recorded_meetings(case, as_of: dt.date) -> list[dt.date]:
    """The days of the meetings held by ``as_of`` with a record (discussed or agreed)."""
    return sorted(mt.date for mt in case.meetings
                  if mt.date is not None and mt.date <= as_of
                  and any(x and x.strip() for x in (mt.summary, mt.agreed)))


# -- the document -------------------------------------------------------------------------------


def _workplace(view: CaseView) -> list:
    lang, e = view.lang, view.case.employment
    if _self(view):
        rows = [(_m("business", lang), view.text(e.employer)), (_m("cvr", lang), None),
                (_m("business_work", lang), view.text(e.job_title))]
        if view.text(e.workplace):
            rows.append((_x("facts.workplace", lang), view.text(e.workplace)))
        return [Facts(rows)]
    rows = [
        (_x("facts.employer", lang), view.text(e.employer)),
        (_m("cvr", lang), None),  # the case keeps no CVR number: a line to write it on
        (_x("facts.workplace", lang), view.text(e.workplace)),
        (_x("facts.job_title", lang), view.text(e.job_title)),
        (_x("facts.collective_agreement", lang), view.text(e.collective_agreement)),
        (_x("facts.social_chapter", lang), _answer(e.has_social_chapter, lang)),
    ]
    return [Facts(rows + _people_rows(view, skip=("employee",)) + _hours_rows(view))]


def _agreement(view: CaseView) -> list:
    lang, a, pk = view.lang, view.case.agreement, view.pack
    facts = [(_m("agreement_written", lang), _answer(a.written, lang))]
    if a.written == "yes":
        facts.append((_m("agreement_signed", lang), view.date(a.signed_on)))
    facts.append((_m("agreement_attempt", lang), _answer(a.attempt_documented, lang)))
    out: list = [Facts(facts)]
    for key, items in (("agreement_functions", pk.functions),
                       ("agreement_accommodations", pk.accommodations)):
        out += [Heading(_m(key, lang), 3), Items(list(items), empty=_m("none_given", lang))]
    return out


def municipality_document(view: CaseView) -> Document:
    lang, pk, case = view.lang, view.pack, view.case
    own = _self(view)
    doc = Document(lang=lang, title=f"{_m('title', lang)} – {pk.case_title}",
                   footer=_m("footer", lang, date=view.as_of_text), page=dw("docx.page", lang),
                   page_mark=short_reference(view))
    number = iter(range(1, 20))

    def section(key: str) -> Heading:
        return Heading(f"{next(number)}. {_m(key, lang)}")

    doc.add(
        Para(_m("kicker_self" if own else "kicker", lang), "kicker"),
        Heading(_m("title", lang), 1),
        Para(pk.case_title, "strong"),
        Para(pk.as_of, "meta"),
        Para(_m("intro_self" if own else "intro", lang)),
        section("s_sender"), Facts(sender_rows(view)),
        section("s_person_self" if own else "s_person"),
        Facts([
            (_m("full_name", lang), view.text(case.person.full_name)),
            (_m("birth_date", lang), view.date(case.person.birth_date)),
            (_m("home_municipality", lang), view.text(case.person.home_municipality)),
        ]),
        section("s_business" if own else "s_workplace"), *_workplace(view),
    )
    heading, note, rows = statements(view)
    doc.add(Heading(f"{next(number)}. {heading}"), Para(note, "note"), Facts(rows))
    if not own:
        doc.add(section("s_agreement"), *_agreement(view))
    doc.add(section("s_log"), Para(_m("log_intro", lang), "note"))
    log = log_rows(view)
    if log:
        doc.add(Grid([_m(k, lang) for k in ("log_date", "log_what", "log_course", "log_result",
                                            "log_documented")], log, widths=[13, 21, 30, 20, 16]))
    else:
        doc.add(Para(_m("log_none", lang), "note"))
    considered = not_tried(view)
    if considered:
        doc.add(Heading(_m("s_not_tried", lang), 3), Items(considered))
    dates = date_rows(view)
    if dates:
        doc.add(section("s_dates"), Facts(dates))
    doc.add(section("s_attachments"))
    att = attachments(view)
    if att:
        doc.add(Items(att))
    else:
        doc.add(Para(_m("attachments_none", lang)))
    # The employer confirms the attempt (LAB § 119, stk. 2), and the employee that the papers
    # (health information among them) go to the municipality; the self-employed sign themselves.
    labels = (_m("name", lang), _m("date", lang), _m("signature", lang))
    full_name = view.text(case.person.full_name)
    if own:
        doc.add(section("s_signature_self"), Signatures(
            intro=_m("confirm_self", lang), parties=[(_m("sign_self", lang), full_name)],
            labels=labels))
        return doc
    doc.add(section("s_signatures"),
            Signatures(intro=_m("confirm", lang),
                       parties=[(_m("sign_employer", lang), view.person("manager"))],
                       labels=labels),
            Signatures(intro=_m("confirm_employee", lang),
                       parties=[(_m("sign_employee", lang), full_name)], labels=labels))
    return doc
