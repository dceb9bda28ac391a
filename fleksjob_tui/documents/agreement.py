"""The draft written agreement on employment on special terms (LAB § 119, stk. 2).

Built from the case view only: the parties, the collective agreement and its social chapter (or
"særlige vilkår"), the start date, the functions the employee finds hard or cannot do, the
concrete accommodations, the hours, the follow-up, that the agreement documents when the twelve
months start, and three places to sign (employer, employee, union representative). Marked as a
draft to adapt. Where the case has no answer there is an empty line — the text of the agreement
is never invented.

Textual-free.
"""

from __future__ import annotations

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


def build_agreement(view: CaseView) -> Document:
    lang = view.lang
    case = view.case
    e, a = case.employment, case.agreement
    # Under the social chapter when the case says so; else (no chapter, or not known yet) the
    # law's general words, "on special terms" (LAB § 119, stk. 2).
    heading = _a("title_social_chapter" if e.has_social_chapter == "yes" else "title", lang)
    doc = Document(lang=lang, title=f"{heading} – {view.title}",
                   footer=_a("footer", lang), page=dw("docx.page", lang),
                   page_mark=_a("page_mark", lang))
    doc.add(
        Para(_a("kicker", lang), "kicker"),
        Heading(heading, 1),
        Para(_a("case", lang, title=view.title), "strong"),
        Para(_a("draft", lang), "draft"),
        Para(_a("reference", lang), "note"),
    )
    if case.person.self_employed:
        doc.add(Para(_a("self_employed", lang), "note"))

    # 1. The parties
    doc.add(Heading(_a("s_parties", lang)), Facts([
        (_a("employer", lang), view.text(e.employer)),
        (_a("workplace", lang), view.text(e.workplace)),
        (_a("employee", lang), view.person("employee")),
        (_a("job_title", lang), view.text(e.job_title)),
        (_a("manager", lang), view.person("manager")),
        (_a("union_rep", lang), view.person("union_rep")),
        (_a("union", lang), view.person("union")),
    ]))

    # 2. The collective agreement and its social chapter, or special terms
    doc.add(Heading(_a("s_basis", lang)),
            Facts([(_a("collective_agreement", lang), view.text(e.collective_agreement))]))
    key = {"yes": "social_chapter_yes", "no": "social_chapter_no"}.get(
        e.has_social_chapter or "", "social_chapter_unknown")
    doc.add(Para(_a(key, lang)))

    # 3. Start
    doc.add(Heading(_a("s_start", lang)), Facts([
        (_a("start", lang), view.date(e.special_terms_start)),
    ]))

    # 4–5. Functions and accommodations (empty lines to write on when none are listed)
    for section, values in (("s_functions", a.difficult_functions),
                            ("s_accommodations", a.accommodations)):
        doc.add(Heading(_a(section, lang)),
                Items(_lines(values, view), empty=_a("none_yet", lang), blank_lines=4))

    # 6. Hours
    def hours(value: float | None) -> str | None:
        text = hours_text(value, lang)
        return _a("hours_value", lang, hours=text) if text is not None else None

    doc.add(Heading(_a("s_hours", lang)), Facts([
        (_a("normal_hours", lang), hours(e.normal_weekly_hours)),
        (_a("agreed_hours", lang), hours(e.current_weekly_hours)),
    ]))

    # 7. Follow-up: the meetings planned, and how often (left to the parties)
    planned = [ev for ev in view.events if ev.kind == "next_meeting"]
    rows: list[tuple[str, str | None]] = [
        (_a("next_meeting", lang), view.date(planned[0].date) if planned else None),
    ]
    if len(planned) > 1:
        rows.append((_a("planned", lang), ", ".join(view.date(ev.date) or "" for ev in planned)))
    rows.append((_a("how_often", lang), None))
    held = sorted(m.date for m in case.meetings if m.date and m.date <= view.as_of)
    if held:
        rows.append((_a("held", lang), ", ".join(view.date(d) or "" for d in held)))
    doc.add(Heading(_a("s_follow_up", lang)), Para(_a("follow_up_intro", lang)), Facts(rows))

    # 8. When the twelve months start
    tm = view.assessment.twelve_months
    doc.add(Heading(_a("s_twelve", lang)), Para(_a("twelve_intro", lang)))
    if tm.exemption:
        from .summary import word  # lazy: only for an exemption's words

        doc.add(Para(_a("twelve_exempt", lang,
                        why=word(f"exemption.{tm.exemption}", lang)), "note"))
    else:
        doc.add(Facts([
            (_a("start", lang), view.date(tm.start)),
            (_a("twelve_reached", lang), view.date(tm.met_on)),
        ]))
    doc.add(Para(_a("decides", lang), "note"))

    # 9. Signatures: employer, employee, union representative
    doc.add(Heading(_a("s_signatures", lang)), Signatures(
        intro=_a("sign_intro", lang),
        parties=[
            (_a("sign_employer", lang), None),  # who signs for the employer is theirs to write
            (_a("sign_employee", lang), view.person("employee")),
            (_a("sign_union_rep", lang), view.person("union_rep")),
        ],
        labels=(_a("name", lang), _a("date", lang), _a("signature", lang)),
    ))
    doc.add(Para(_a("made", lang, date=view.as_of_text), "meta"))
    return doc
