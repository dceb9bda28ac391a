"""The documentation pack and the municipality's version of it, as blocks (for Word, and for
the municipality's HTML and Markdown).

* :func:`pack_document` — the pack with the same sections as its HTML
  (:func:`fleksjob_tui.documents.pack_render.render_html`): status, facts, the agreement, measures, meetings,
  who should do what, key dates, economy, signatures. It reads the pack's own data
  (``view.pack``), so Word and HTML hold the same facts.
* :func:`municipality_document` — for the caseworker: without the internal "who should do what"
  list and without the status box; with the birth date (never a CPR number), the home
  municipality, the people, how to reach the workplace, and the attachments to include, each
  marked by what the case says exists.

Textual-free.
"""

from __future__ import annotations

import datetime as dt

from .. import content
from ..case.dates import format_date
from ..view import CaseView, dw, hours_text
from .blocks import Document, Facts, Grid, Heading, Items, Para, Picture, Signatures


def _x(key: str, lang: str, **fmt) -> str:
    """A text of the pack (``content/export.toml``)."""
    return content.text("export", key, lang, **fmt)


def _r(key: str, lang: str, **fmt) -> str:
    return content.text("report", key, lang, **fmt)


def _timeline(view: CaseView) -> list[Picture]:
    from .timeline import timeline_alt, timeline_svg  # lazy: drawn only for a document

    svg = timeline_svg(view)
    return [Picture(svg, timeline_alt(view), dw("timeline.title", view.lang))] if svg else []


def _measures(view: CaseView, lang: str, *, with_intro: bool = True) -> list:
    pk = view.pack
    out: list = []
    if with_intro:
        out.append(Para(_x("measures.intro", lang), "note"))
    if not pk.measures:
        return out + [Para(_x("measures.none", lang), "note")]
    header = [_x(k, lang) for k in ("measures.measure", "measures.period", "measures.result",
                                    "measures.documented", "measures.note")]
    rows = [[m.title, _period(m.period, src, lang), m.result,
             m.documented, m.note]
            for m, src in zip(pk.measures, _case_measures(view, pk), strict=True)]
    return out + [Grid(header, rows, widths=[18, 16, 18, 17, 31])]


def _case_measures(view: CaseView, pk) -> list:
    """The case's measures beside the pack's rows (one row a measure, in the case's order)."""
    measures = list(view.case.measures)
    return measures if len(measures) == len(pk.measures) else [None] * len(pk.measures)


def _period(period: str, m, lang: str) -> str:
    """A measure without dates says so (the pack's "—" reads as a forgotten cell)."""
    if m is not None and m.from_ is None and m.to is None:
        return dw("measures.no_dates", lang)
    return period


def _meetings(view: CaseView, lang: str) -> list:
    pk = view.pack
    if not pk.meetings:
        return [Para(_x("meetings.none", lang), "note")]
    header = [_x(k, lang) for k in ("meetings.date", "meetings.participants",
                                    "meetings.summary", "meetings.agreed")]
    rows = [[m.date, m.participants, m.summary, m.agreed] for m in pk.meetings]
    return [Grid(header, rows, widths=[14, 22, 32, 32])]


def _agreement(view: CaseView, lang: str) -> list:
    pk = view.pack
    if pk.self_employed:
        return [Para(_x("agreement.self_employed", lang))]
    out: list = [Para(_x("agreement.reference", lang), "note"), Facts(list(pk.agreement))]
    for key, items in (("agreement.functions", pk.functions),
                       ("agreement.accommodations", pk.accommodations)):
        out += [Heading(_x(key, lang), 3), Items(list(items), empty=_x("agreement.none_listed",
                                                                      lang))]
    return out


def _law(view: CaseView) -> list:
    """The law line, as the summary and the pack's HTML show it ("Lovgrundlag: … (tjekket …)"),
    and the warning when the law may have changed since."""
    pk = view.pack
    out: list = [Para(pk.law_line, "note")] if getattr(pk, "law_line", "") else []
    if getattr(pk, "law_outdated", None):
        out.append(Para(pk.law_outdated, "strong"))
    return out


def _people_rows(view: CaseView, skip: tuple[str, ...] = ()) -> list[tuple[str, str | None]]:
    """The people around the case and their roles (names only); an empty line when unknown."""
    return [(label, name) for key, label, name in view.people if key not in skip]


def _hours_rows(view: CaseView) -> list[tuple[str, str | None]]:
    """Hours before (normal) and after (agreed now); an empty line when unknown."""
    rows: list[tuple[str, str | None]] = []
    for key, value in (("normal", view.normal_hours), ("current", view.current_hours)):
        text = hours_text(value, view.lang)
        rows.append((dw(f"hours.{key}", view.lang),
                     dw("hours.value", view.lang, hours=text) if text is not None else None))
    return rows


def _dates(view: CaseView, lang: str) -> list:
    out: list = []
    if view.pack.dates_note:
        out.append(Para(view.pack.dates_note))
    if view.pack.dates:
        out.append(Facts(list(view.pack.dates)))
    return out + _timeline(view)


def _economy(view: CaseView) -> list:
    if not view.estimate:
        return []
    *body, disclaimer = view.estimate
    return [*(Para(line) for line in body), Para(disclaimer, "note")]


def _due(f, lang: str, known: dict[str, dt.date]) -> str:
    """`` senest 01-02-2027`` for a finding with a due date (the pack's own wording when it has
    one, else the date the rules gave the finding with this message)."""
    due = getattr(f, "due", None) or known.get(f.message)
    if isinstance(due, dt.date):

        return " " + dw("docx.due_by", lang, date=format_date(due, lang))
    if isinstance(due, str) and due:
        return f" {due}"
    return ""


def pack_document(view: CaseView) -> Document:
    """The documentation pack as blocks (the same sections and facts as its HTML)."""
    lang, pk = view.lang, view.pack
    doc = Document(lang=lang, title=f"{pk.title} – {pk.case_title}", footer=pk.footer,
                   page=dw("docx.page", lang))
    doc.add(
        Para(pk.kicker, "kicker"),
        Heading(pk.title, 1),
        Para(pk.case_title, "strong"),
        Para(pk.as_of, "meta"),
        Heading(f"{_x('section.status', lang)}: {pk.status_word}"),
        Para(pk.status_sentence, "strong"),
        Para(pk.decides),
        *_law(view),
        Para(pk.intro, "note"),
        Heading(_x("section.facts", lang)),
        Facts(list(pk.facts)),
        Para(pk.no_cpr, "note"),
        Heading(dw("people.heading", lang), 3),
        Facts(_people_rows(view)),
        Heading(dw("hours.heading", lang), 3),
        Facts(_hours_rows(view)),
        Heading(_x("section.agreement", lang)),
        *_agreement(view, lang),
        Heading(_x("section.measures", lang)),
        *_measures(view, lang),
        Heading(_x("section.meetings", lang)),
        *_meetings(view, lang),
        Heading(_x("section.findings", lang)),
    )
    if not pk.findings:
        doc.add(Para(_x("findings.none", lang), "note"))
    ref = _r("heading.reference", lang)
    known = {f.message: f.due for f in view.findings if f.due is not None}
    for who, items in pk.findings:
        doc.add(Heading(f"{who} ({len(items)})", 3), Items([
            f"[{f.severity_word}] {f.message}{_due(f, lang, known)} ({ref}: {f.reference})"
            for f in items
        ]))
    doc.add(Heading(_x("section.dates", lang)), *_dates(view, lang))
    if view.estimate:
        doc.add(Heading(_x("section.economy", lang)), *_economy(view))
    doc.add(Heading(_x("section.signatures", lang)), Signatures(
        intro=_x("signatures.intro", lang),
        parties=[(_x(f"signatures.{r}", lang), None) for r in pk.signatures],
        labels=(_x("signatures.name", lang), _x("signatures.date", lang),
                _x("signatures.signature", lang)),
    ))
    return doc


# --------------------------------------------------------------------------------------------
# The municipality's version


def _m(key: str, lang: str, **fmt) -> str:
    return dw(f"municipality.{key}", lang, **fmt)


def _mark(answer: str | None, lang: str) -> str:
    return _m({"yes": "mark_yes", "no": "mark_no"}.get(answer or "", "mark_unknown"), lang)


def attachments(view: CaseView) -> list[tuple[str, str]]:
    """The papers to attach, each with what the case says about it (exists / not yet / not
    given)."""
    lang, case = view.lang, view.case
    rows: list[tuple[str, str]] = []
    if not case.person.self_employed:
        rows.append((_m("att_agreement", lang), _mark(case.agreement.written, lang)))
    n = len(case.meetings)
    minutes = (_m("minutes_one", lang) if n == 1 else _m("minutes_count", lang, n=n)) if n \
        else _mark(None, lang)
    rows.append((_m("att_minutes", lang), minutes))
    approved = [m.approved_by_municipality for m in case.measures
                if m.approved_by_municipality is not None]
    p56 = "yes" if "yes" in approved else ("no" if approved and all(
        x == "no" for x in approved) else None)
    mark = _mark(p56, lang)
    days = sorted(m.approved_on for m in case.measures
                  if m.approved_by_municipality == "yes" and m.approved_on)
    if p56 == "yes" and days:

        mark = _m("mark_approved", lang, date=format_date(days[-1], lang))
    rows.append((_m("att_paragraph56", lang), mark))
    rows.append((_m("att_medical", lang), _mark(case.eligibility.medical_documentation, lang)))
    if not case.person.self_employed:
        rows.append((_m("att_attempt", lang), _mark(case.agreement.attempt_documented, lang)))
    return rows


#: The pack's facts about the workplace (the rest of its facts are the answers to questions).
_WORKPLACE_FACTS = ("employer", "workplace", "job_title", "collective_agreement",
                    "social_chapter", "special_terms_start", "self_employed")


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
        section("s_person"),
        Facts([
            (_m("name", lang), view.person("employee")),
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
    rows.append((_m("contact", lang), None))
    rows += _hours_rows(view)
    doc.add(Facts(rows))
    answers = [(k, v) for k, v in pk.facts if k not in workplace and k not in skip]
    if answers:
        doc.add(section("s_answers"), Facts(answers))
    doc.add(section("s_agreement"), *_agreement(view, lang))
    doc.add(section("s_measures"), *_measures(view, lang))
    doc.add(section("s_meetings"), *_meetings(view, lang))
    doc.add(section("s_dates"), *_dates(view, lang))
    if view.estimate:
        doc.add(section("s_economy"), *_economy(view))
    doc.add(section("s_attachments"), Para(_m("attachments_intro", lang)),
            Grid([_m("attachment", lang), _m("status", lang)],
                 [[a, b] for a, b in attachments(view)], widths=[64, 36]))
    return doc
