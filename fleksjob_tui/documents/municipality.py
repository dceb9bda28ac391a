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

Page 1 says where the case stands, from the rules' dates: the 12 months reached (on a day), or
not yet (sent for an early dialogue, not a decision); never "eligible" (the municipality
decides). The start date rests on the written agreement or says there is none (RULES.md section
2). The employer confirms only what the case holds; what § 119, stk. 2 asks for and the case
lacks is said to be missing. The log marks the first and last day of the 12 months.

Nothing internal and nothing for the sender: no "who should do what", no deadlines, no
"today", no estimate of the subsidy (the municipality computes it and sets the hours), no
instructions. Every page carries the document's title and who it is about (the full name and
birth date when known, else the initials; never a CPR number) beside the page number, and the
subtitle is the same, never the internal case title.

Textual-free.
"""

from __future__ import annotations

import datetime as dt

from ..case.dates import format_date
from ..rules.pension import add_months
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


def who_it_is(view: CaseView) -> str | None:
    """"Mette Kirsten Knudsen, født 10-05-1966": the full name and birth date as far as known;
    without a full name the initials (``person.name``), with the birth date when known."""
    p = view.case.person
    name = view.text(p.full_name) or view.text(p.name)
    born = view.date(p.birth_date)
    if name and born:
        return _m("born", view.lang, person=name, day=born)
    return name


def short_reference(view: CaseView) -> str:
    """The reference on every page: the document's title and who it is about (the full name
    and birth date when known, else the initials), as page 1 already names them; the
    document's title alone when the case names no one."""
    ref = who_it_is(view)
    lang = view.lang
    return _m("page_mark", lang, ref=ref) if ref else _m("page_mark_plain", lang)


def subtitle(view: CaseView) -> str:
    """"Fastholdelsesfleksjob for Mette Kirsten Knudsen, født 10-05-1966", never the internal
    case title; the document's kicker alone when the case names no one."""
    who = who_it_is(view)
    own = _self(view)
    if who is None:
        return _m("kicker_self" if own else "kicker", view.lang)
    return _m("subtitle_self" if own else "subtitle", view.lang, who=who)


# -- where the case stands ----------------------------------------------------------------------


def _written(view: CaseView) -> bool:
    return view.case.agreement.written == "yes"


def status_line(view: CaseView) -> str | None:
    """Page 1: where the case stands on the 12 months, from the rules' own dates: not reached
    yet (an early dialogue, not a decision), reached on a day, an exemption, or no start date.
    Without a written agreement the date is the case's, and the view's sentence says the
    municipality may count from the signing (RULES.md section 2). None for the self-employed."""
    if _self(view):
        return None
    lang, tm = view.lang, view.assessment.twelve_months
    if tm.exemption:
        return _m("status_exempt", lang, exemption=word(f"exemption.{tm.exemption}", lang))
    if tm.met_on is None:
        return _m("status_no_start", lang)
    day = format_date(tm.met_on, lang)
    text = _m("status_met" if tm.met else "status_not_met", lang, date=day)
    if not _written(view):
        text += " " + _m("status_unwritten", lang)
    late = signed_after_start(view)
    return f"{text} {late}" if late else text


def signed_after_start(view: CaseView) -> str | None:
    """When the written agreement was signed after the start, the sentence that the
    municipality may count the 12 months from the signing, and when they are reached then
    (RULES.md section 2, as the advice ``agreement_signed_after_start``)."""
    tm, a, lang = view.assessment.twelve_months, view.case.agreement, view.lang
    if not _written(view) or tm.start is None or a.signed_on is None or a.signed_on <= tm.start:
        return None
    return _m("signed_after_start", lang, signed=format_date(a.signed_on, lang),
              date=format_date(add_months(a.signed_on, 1), lang))


def start_basis(view: CaseView) -> str | None:
    """The start date of the special terms with what it rests on: the written agreement (and
    the day it was signed), or the case alone when there is no written agreement."""
    case, lang = view.case, view.lang
    start = view.date(case.employment.special_terms_start)
    if start is None:
        return None
    if not _written(view):
        return _m("start_unwritten", lang, date=start)
    signed = view.date(case.agreement.signed_on)
    if signed is None:
        return _m("start_written_undated", lang, date=start)
    return _m("start_written", lang, date=start, signed=signed)


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


def _measure_course(pm, m, lang: str) -> str:
    """The period, saying of a measure begun and not ended whether it is still under way or
    its end date is not given (not a bare "fra 01-03-2026"); then the note."""
    if m is not None and m.from_ is not None and m.to is None:
        key = "log_ongoing" if m.status == "ongoing" else "log_no_end"
        period = _m(key, lang, date=format_date(m.from_, lang))
    else:
        period = _period(pm.period, m, lang)
    return f"{period}. {pm.note}" if pm.note else period


def _window_rows(view: CaseView) -> list[tuple[dt.date, int, list[str]]]:
    """The first and the last day of the 12 months on special terms, from the rules' dates
    (none for the self-employed, under an exemption or without a start date)."""
    lang, tm = view.lang, view.assessment.twelve_months
    if _self(view) or tm.exemption or tm.start is None or tm.met_on is None:
        return []
    if _written(view):
        basis = _m("log_window_basis_written", lang)
        signed = view.case.agreement.signed_on
        if signed:
            basis += ", " + _m("signed_on", lang, date=format_date(signed, lang))
        n = attachment_number(view, "agreement")
        documented = _m("log_agreement_attached", lang, n=n) if n else "—"
    else:
        basis = _m("log_window_basis_unwritten", lang)
        documented = "—"
    end = _m("log_window_end_met" if tm.met else "log_window_end_not_met", lang)
    return [(tm.start, -1, [format_date(tm.start, lang), _m("log_window_start", lang), basis,
                            "", documented]),
            (tm.met_on, 10_000, [format_date(tm.met_on, lang), end, "", "", ""])]


def log_rows(view: CaseView) -> list[list[str]]:
    """What was tried, in date order: the measures tried or under way (by the day each began)
    and the meetings held, between the first and last day of the 12 months; what has no date
    comes last. Columns: date, what, course, result, documented (a measure documented names
    its attachment, or says the documentation is with the employer). Measures not tried are
    not in it (:func:`not_tried`), nor planned meetings."""
    lang, case, pk = view.lang, view.case, view.pack
    entries: list[tuple[dt.date | None, int, list[str]]] = []
    attempt = attachment_number(view, "attempt")
    for i, (pm, m) in enumerate(zip(pk.measures, _case_measures(view, pk), strict=True)):
        if m is not None and not m.active:
            continue
        start = m.from_ if m is not None else None
        documented = pm.documented
        if m is not None and m.documented == "yes":
            documented = (_m("log_documented_attached", lang, n=attempt) if attempt
                          else _m("log_documented_self" if _self(view)
                                  else "log_documented_workplace", lang))
        entries.append((start, i, [view.date(start) or _m("log_no_date", lang),
                                   _m("log_measure", lang, title=pm.title),
                                   _measure_course(pm, m, lang), pm.result, documented]))
    meetings = sorted(case.meetings, key=lambda mt: (mt.date is None, mt.date or dt.date.min))
    for j, (mt, pm) in enumerate(zip(meetings, pk.meetings, strict=True)):
        if not _held(mt, view):
            continue
        n = attachment_number(view, ("minutes", mt.date)) if _recorded(mt, view) else None
        documented = _m("log_minutes", lang, n=n) if n else "—"
        kind = _meeting_kind(view, mt)
        entries.append((mt.date, 1000 + j, [
            pm.date, _m("log_meeting" if kind == "follow_up" else f"log_meeting_{kind}", lang),
            _m("log_discussed", lang, who=pm.participants, text=pm.summary),
            _m("log_agreed", lang, text=pm.agreed), documented]))
    entries += _window_rows(view)
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
        # The start rests on the written agreement, or the case says there is none (RULES.md
        # section 2): never a bare date printed as fact.
        rows.append((_m("date_start", lang), start_basis(view)))
        if _written(view):
            rows.append((_m("date_signed", lang), view.date(case.agreement.signed_on)))
        if tm.exemption:
            rows.append((_m("date_twelve_exempt", lang), word(f"exemption.{tm.exemption}", lang)))
        elif tm.met_on:
            key = "twelve_met" if tm.met else "twelve_not_met"
            value = _m(key, lang, date=format_date(tm.met_on, lang))
            if not _written(view):  # the view's own sentence (the summary's dates)
                value += " " + word("dates.twelve_months_unwritten", lang)
            late = signed_after_start(view)
            if late:
                value += f" ({late})"
            rows.append((_m("date_twelve", lang), value))
    # The six-year mark (when the pack shows it), the pension and the flex job's start if agreed.
    p = a.pension
    six = word("dates.six_year_mark", lang)
    for label, value in view.pack.dates:
        if label == six and p is not None and not _self(view):
            rows.append((label, format_date(p.six_year_mark, lang)))
        elif label in (word("dates.pension", lang), word("dates.flexjob_start", lang)):
            rows.append((label, value))
    return rows


# same rule as minutes.py's title (meeting_kind): kept here until minutes.py gives the one
# function that returns a meeting's title; then _minutes_title should call it instead.
def _meeting_kind(view: CaseView, mt) -> str:
    """``first``, ``municipality`` or ``follow_up``: same rule as minutes.py's title (the
    first logged meeting, one the municipality took part in, else a follow-up meeting)."""
    day = mt.date
    if day is not None and not any(x.date is not None and x.date < day
                                   for x in view.case.meetings):
        return "first"
    return "municipality" if "municipality" in mt.participants else "follow_up"


def _minutes_title(view: CaseView, day: dt.date) -> str:
    """"Referat af første møde 01-06-2025": same rule as minutes.py's title, so the attachment
    list names the minutes as they name themselves (until minutes.py gives one function)."""
    mt = next(x for x in view.case.meetings if x.date == day)
    title = dw(f"minutes.title_{_meeting_kind(view, mt)}", view.lang)
    return f"{title} {format_date(day, view.lang)}"


def _documented_measures(view: CaseView) -> list[str]:
    """The titles of the measures tried whose documentation the case says exists."""
    pk = view.pack
    return [pm.title for pm, m in zip(pk.measures, _case_measures(view, pk), strict=True)
            if m is not None and m.active and m.documented == "yes"]


def _attachment_rows(view: CaseView) -> list[tuple[object, str, str | None]]:
    """(key, paper, detail) of each paper that exists: the written agreement (when written), a
    § 56 agreement (when approved), the minutes of each meeting held with a record (titled as
    the minutes title themselves), the medical statement (when its source is given) and the
    employer's documentation of the attempt (when the case says it is documented, naming the
    measures documented; not listed when it names none)."""
    lang, case = view.lang, view.case
    rows: list[tuple[object, str, str | None]] = []
    if not _self(view) and _written(view):
        signed = case.agreement.signed_on
        rows.append(("agreement", _m("att_agreement", lang),
                     _m("signed_on", lang, date=format_date(signed, lang)) if signed else None))
    approved = [m for m in case.measures if m.approved_by_municipality == "yes"]
    if approved:
        days = sorted(m.approved_on for m in approved if m.approved_on)
        rows.append(("paragraph56", _m("att_paragraph56", lang), _m("approved_on", lang, date=(
            format_date(days[-1], lang))) if days else _m("approved", lang)))
    for day in minutes_to_attach(view):
        rows.append((("minutes", day), _minutes_title(view, day), None))
    e = case.eligibility
    if e.medical_documentation == "yes" and view.text(e.medical_source):
        rows.append(("medical", _m("att_medical", lang), medical_source(view)))
    measures = _documented_measures(view)
    if not _self(view) and case.agreement.attempt_documented == "yes" and measures:
        rows.append(("attempt", _m("att_attempt", lang),
                     _m("att_attempt_of", lang, measures="; ".join(measures))))
    return rows


def attachments(view: CaseView) -> list[str]:
    """The papers that exist and go with this document, numbered, each with its date or
    source (:func:`_attachment_rows`)."""
    lang = view.lang
    return [_m("att_item", lang, n=n, text=f"{label}, {detail}" if detail else label)
            for n, (_, label, detail) in enumerate(_attachment_rows(view), 1)]


def attachment_number(view: CaseView, key: object) -> int | None:
    """The number of the attachment ``key`` ("agreement", "attempt", ("minutes", day)…)."""
    for n, (k, _, _) in enumerate(_attachment_rows(view), 1):
        if k == key:
            return n
    return None


def minutes_number(view: CaseView, day: dt.date) -> int | None:
    """The attachment number of the minutes of the meeting on ``day``."""
    return attachment_number(view, ("minutes", day))


def minutes_to_attach(view: CaseView) -> list[dt.date]:
    """The days of the meetings whose minutes the attachments list (``--document minutes``)."""
    return recorded_meetings(view.case, view.as_of)


def recorded_meetings(case, as_of: dt.date) -> list[dt.date]:
    """The days of the meetings held by ``as_of`` with a record (discussed or agreed)."""
    return sorted(mt.date for mt in case.meetings
                  if mt.date is not None and mt.date <= as_of
                  and any(x and x.strip() for x in (mt.summary, mt.agreed)))


def missing_for_confirmation(view: CaseView) -> list[str]:
    """What § 119, stk. 2 asks for that the case does not hold (a written agreement, the
    documented attempt): the employer confirms only what the case holds, and these are said to
    be missing instead of confirmed. None under an exemption (the rule does not apply)."""
    lang, a = view.lang, view.case.agreement
    if view.assessment.twelve_months.exemption:
        return []
    out = []
    for key, value in (("missing_agreement", a.written), ("missing_attempt",
                                                          a.attempt_documented)):
        if value != "yes":
            out.append(_m(key, lang, answer=_answer(value, lang) or _m("not_given", lang)))
    return out


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
    doc = Document(lang=lang, title=f"{_m('title', lang)} – {subtitle(view)}",
                   footer=_m("footer", lang, date=view.as_of_text), page=dw("docx.page", lang),
                   page_mark=short_reference(view))
    number = iter(range(1, 20))

    def section(key: str) -> Heading:
        return Heading(f"{next(number)}. {_m(key, lang)}")

    doc.add(
        Para(_m("kicker_self" if own else "kicker", lang), "kicker"),
        Heading(_m("title", lang), 1),
        Para(subtitle(view), "strong"),
        Para(pk.as_of, "meta"),
        Para(_m("intro_self" if own else "intro", lang)),
    )
    status = status_line(view)
    if status:
        doc.add(Para(status, "strong"))
    doc.add(
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
    doc.add(Heading(f"{next(number)}. {heading}"), Para(note, "note"), Facts(rows, split=True))
    if not own:
        doc.add(section("s_agreement"), *_agreement(view))
    intro = "log_intro" if _window_rows(view) else "log_intro_plain"
    doc.add(section("s_log"), Para(_m(intro, lang), "note"))
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
    missing = missing_for_confirmation(view)
    doc.add(section("s_signatures"))
    if missing:
        doc.add(Para(_m("missing_intro", lang), "strong"), Items(missing))
    doc.add(Signatures(intro=_m("confirm_partial" if missing or view.assessment.twelve_months
                                  .exemption else "confirm", lang),
                       parties=[(_m("sign_employer", lang), view.person("manager"))],
                       labels=labels, with_next=True),
            Signatures(intro=_m("confirm_employee", lang),
                       parties=[(_m("sign_employee", lang), full_name)], labels=labels))
    return doc
