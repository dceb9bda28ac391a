"""The draft written agreement on employment on special terms (LAB § 119, stk. 2).

Built from the case view only, as people sign it: the parties (the manager signs for the
employer; lines for the employer's CVR number and the date the employee was employed, which the
case does not hold), the collective agreement and its social-chapter provision (or "særlige
vilkår"), the date it is made and the start date, the current tasks (with the changed tasks the
case records under the measure "Ændrede arbejdsopgaver", begun by the day of the document, each
with its period), the functions the employee finds hard or cannot do, the concrete
accommodations, the hours (normal → now), pay and pension, follow-up and evaluation, revision
when conditions change, how it ends, and three places to sign with a date (employer, employee,
union representative).

Marked as a draft to adapt ("UDKAST" on every page), unless it is asked for as the final version
to sign (``final=True``: ``fleksjob export … --document agreement --final``): then no "Udkast"
anywhere, nor the program's title of the case, no instruction to the user, and of the changed
tasks only those still in force. Where the case has no answer there is an empty line — the text
of the agreement is never invented, and a day that has not come is never written as if it had
(no "twelve months reached", no meetings before it).

Never back-dated: the agreement is made the day it is signed, so "Aftalen er indgået den" is a
line to write on; a written agreement the case records as signed earlier is named as the one
this replaces ("Aftalen afløser den skriftlige aftale, der blev indgået den 01-06-2025"). The
final is refused (:func:`final_missing`, via :func:`fleksjob_tui.documents.not_for_case`) while
the parts LAB § 119, stk. 2 requires — the functions and the accommodations — are empty; the
draft is made then. One name on either basis, "Aftale om ansættelse på særlige vilkår (socialt
kapitel)" (title, Word property); every page's footer "Aftale – M.K. – Side x af y" (initials);
the employee by the full name in § 1 and the signatures, else a line. In English a first line
says it is a translation and the Danish version applies.

An agreement between employer and employee does not apply to the self-employed (LAB § 119 is
not theirs; they apply under LAB § 126): :func:`fleksjob_tui.documents.not_for_case` says so,
and no agreement is made.

Textual-free.
"""

from __future__ import annotations

from .. import content
from ..view import CaseView, dw, hours_text
from .blocks import Document, Facts, Heading, Items, Para, Signatures


def _a(key: str, lang: str, **fmt) -> str:
    return dw(f"agreement.{key}", lang, **fmt)


def _lines(values: list[str], view: CaseView) -> list[str]:
    out = []
    for value in values:
        text = view.text(value)
        if text:
            out.append(text)
    return out


#: The measures whose note says how the tasks were changed (LAB § 116, stk. 3).
TASK_MEASURES = ("changed_tasks",)


def task_changes(view: CaseView, *, in_force: bool = False) -> list[str]:
    """The changes of tasks the case records (the measure "Ændrede opgaver", tried or ongoing,
    begun by the day of the document), each with its period: the parties check them.
    ``in_force`` (the final version): only those still in force (no end, or an end after the
    day of the document) — a change that has ended is not one of the tasks agreed now."""
    out = []
    for m in view.case.measures:
        if m.id not in TASK_MEASURES or not m.active:
            continue
        if m.from_ is not None and m.from_ > view.as_of:
            continue  # a plan, not yet the tasks
        if in_force and m.to is not None and m.to <= view.as_of:
            continue  # ended: history, not the tasks agreed now
        note = view.text(m.note)
        if note is None:
            continue
        if m.from_ is not None and m.to is not None and m.to < view.as_of:
            when = _a("tasks_period", view.lang, start=view.date(m.from_), end=view.date(m.to))
        elif m.from_ is not None:
            when = _a("tasks_since", view.lang, start=view.date(m.from_))
        else:
            when = ""
        out.append(f"{note} {when}".strip())
    return out


def final_missing(case) -> str | None:
    """What the final version cannot be made without: the parts LAB § 119, stk. 2 requires
    (``functions``, ``accommodations`` or ``both`` of them empty), or None when both are there.
    A version to sign that says "write them here" is not an agreement; the draft still is made."""
    a = case.agreement

    def empty(values: list[str]) -> bool:
        return not any(v.strip() for v in values)

    functions, accommodations = empty(a.difficult_functions), empty(a.accommodations)
    if functions and accommodations:
        return "both"
    if functions:
        return "functions"
    if accommodations:
        return "accommodations"
    return None


def earlier_agreement(view: CaseView):
    """The day of the written agreement the case records as signed (by the day of the
    document), or None. The agreement made now never takes that day as its own."""
    a = view.case.agreement
    if a.written == "yes" and a.signed_on is not None and a.signed_on <= view.as_of:
        return a.signed_on
    return None


def build_agreement(view: CaseView, *, final: bool = False) -> Document:
    """The agreement: a draft to adapt (marked "Udkast" on every page), or with ``final`` the
    version the parties sign (no draft mark; empty lines still where the case has no answer)."""
    lang = view.lang
    case = view.case
    e, a = case.employment, case.agreement
    # One name for what it is, on either basis (the social chapter, or special terms where
    # there is none): the title, the window's title, the Word property; § 2 says which basis.
    heading = _a("doc_name", lang)
    who = view.person("employee") or view.text(case.person.name) or ""
    doc = Document(lang=lang, title=heading if final else f"{heading} – {view.title}",
                   footer=_a("footer_final" if final else "footer", lang),
                   page=dw("docx.page", lang),
                   page_mark="" if final else _a("page_mark", lang),
                   page_ref=_a("page_ref", lang, who=who).rstrip(" –"),
                   kind=_a("kind_final" if final else "kind", lang))
    if lang != "da":  # a translation: the Danish agreement is the one that applies
        doc.add(Para(_a("translation", lang), "strong"))
    doc.add(Para(_a("kicker", lang), "kicker"), Heading(heading, 1))
    if not final:  # the case's title is the program's; the version to sign names the parties
        doc.add(Para(_a("case", lang, title=view.title), "strong"),
                Para(_a("draft", lang), "draft"))
    doc.add(Para(_a("reference", lang), "note"))

    # 1. The parties: the manager signs for the employer unless the parties write another name.
    # The employee by the full name when the case has it, else a line to write it on: an
    # agreement is signed by a person, not by initials.
    manager = view.person("manager")
    full_name = view.text(case.person.full_name)
    doc.add(Heading(_a("s_parties", lang)), Facts([
        (_a("employer", lang), view.text(e.employer)),
        (_a("cvr", lang), None),  # the employer's company number: the case does not hold it
        (_a("workplace", lang), view.text(e.workplace)),
        (_a("employer_signatory", lang), manager),
        (_a("employee" if full_name else "employee_full", lang), full_name),
        (_a("job_title", lang), view.text(e.job_title)),
        (_a("employed_since", lang), None),  # seniority (notice): the case does not hold it
        (_a("union_rep", lang), view.person("union_rep")),
        (_a("union", lang), view.person("union")),
    ]))

    # 2. The collective agreement and its social chapter (the provision), or special terms
    doc.add(Heading(_a("s_basis", lang)), Facts([
        (_a("collective_agreement", lang), view.text(e.collective_agreement)),
        (_a("provision", lang), None),  # the clause number is the parties' to write
    ]))
    key = {"yes": "social_chapter_yes", "no": "social_chapter_no"}.get(
        e.has_social_chapter or "", "social_chapter_unknown")
    doc.add(Para(_a(key, lang)))

    # 3. When it is made and when it starts. The agreement is made the day it is signed: a
    # line to write that day on, never an earlier day as if signing now made it so. An earlier
    # written agreement the case records is named as the one this replaces.
    earlier = earlier_agreement(view)
    doc.add(Heading(_a("s_start", lang)))
    if earlier is not None:
        doc.add(Para(_a("replaces", lang, date=view.date(earlier))))
    doc.add(Facts([
        (_a("made_on", lang), None),
        # Without a written agreement the start is not yet agreed in writing: a line to fill in,
        # with the day the case gives as the start beside it (the municipality may count the
        # twelve months from the signing), never that day as if the agreement said so.
        (_a("start", lang), view.date(e.special_terms_start) if a.written == "yes"
         or e.special_terms_start is None
         else _a("start_unwritten", lang, date=view.date(e.special_terms_start))),
    ]), Para(_a("twelve_intro", lang), "note"))
    tm = view.assessment.twelve_months
    if tm.exemption:
        from .summary import word  # lazy: only for an exemption's words

        doc.add(Para(_a("twelve_exempt", lang,
                        why=word(f"exemption.{tm.exemption}", lang)), "note"))

    # 4. The current tasks: the job title, the changes of tasks the case records (the measure
    # "Ændrede opgaver", with its period), and lines to write the tasks on.
    doc.add(Heading(_a("s_tasks", lang)),
            Facts([(_a("job_title", lang), view.text(e.job_title))]))
    # The draft asks the parties to check every change; the final has no instructions and
    # lists only the changes still in force.
    changes = task_changes(view, in_force=final)
    if changes:
        measure = content.text("measures", f"{TASK_MEASURES[0]}.title", lang)
        doc.add(Para(_a("tasks_changed_final" if final else "tasks_changed", lang,
                        measure=measure)), Items(changes))
    doc.add(Items([], empty=_a("tasks_write", lang), blank_lines=3))

    # 5–6. Functions and accommodations (empty lines to write on when none are listed)
    for section, values in (("s_functions", a.difficult_functions),
                            ("s_accommodations", a.accommodations)):
        doc.add(Heading(_a(section, lang)),
                Items(_lines(values, view), empty=_a("none_yet", lang), blank_lines=4))

    # 7. Hours: normal → now
    def hours(value: float | None) -> str | None:
        text = hours_text(value, lang)
        return _a("hours_value", lang, hours=text) if text is not None else None

    doc.add(Heading(_a("s_hours", lang)), Facts([
        (_a("normal_hours", lang), hours(e.normal_weekly_hours)),
        (_a("agreed_hours", lang), hours(e.current_weekly_hours)),
        (_a("hours_placed", lang), None),
    ]))

    # 8. Pay and pension: by the collective agreement when there is one, else lines to fill in
    ca = view.text(e.collective_agreement)
    doc.add(Heading(_a("s_pay", lang)))
    if ca:
        doc.add(Para(_a("pay_by_agreement", lang, agreement=ca)),
                Facts([(_a("pay_other", lang), None)]))
    else:
        doc.add(Facts([(_a("pay", lang), None), (_a("pension", lang), None)]))

    # 9. Follow-up and evaluation: only meetings still to come (from the start on); the dates
    # of the evaluation and how often are the parties' to write.
    start = e.special_terms_start
    planned = sorted({ev.date for ev in view.events if ev.kind == "next_meeting"
                      and ev.date >= view.as_of and (start is None or ev.date >= start)})
    rows: list[tuple[str, str | None]] = [
        (_a("next_meeting", lang), view.date(planned[0]) if planned else None),
    ]
    if len(planned) > 1:
        rows.append((_a("planned", lang), ", ".join(view.date(d) or "" for d in planned)))
    rows += [(_a("how_often", lang), None), (_a("evaluation", lang), None)]
    doc.add(Heading(_a("s_follow_up", lang)), Para(_a("follow_up_intro", lang)), Facts(rows))

    # 10–11. Revision when conditions change, and how the agreement ends
    doc.add(Heading(_a("s_revision", lang)), Para(_a("revision", lang)),
            Heading(_a("s_end", lang)), Para(_a("end", lang)),
            Facts([(_a("end_other", lang), None)]),
            Para(_a("decides", lang), "note"))

    # 12. Signatures: employer (the manager, when known), employee, union representative
    doc.add(Heading(_a("s_signatures", lang)), Signatures(
        intro=_a("sign_intro", lang),
        parties=[
            (_a("sign_employer", lang), manager),
            (_a("sign_employee", lang), full_name),
            (_a("sign_union_rep", lang), view.person("union_rep")),
        ],
        labels=(_a("name", lang), _a("date", lang), _a("signature", lang)),
    ))
    doc.add(Para(_a("made_final" if final else "made", lang, date=view.as_of_text), "meta"))
    return doc
