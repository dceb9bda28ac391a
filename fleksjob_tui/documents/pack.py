"""The documentation pack as blocks (for Word), and the sections the municipality's version
(:mod:`.municipality`) shares with it.

* :func:`pack_document` — the pack with the same sections as its HTML
  (:func:`fleksjob_tui.documents.pack_render.render_html`): status, facts, the agreement, measures, meetings,
  who should do what, key dates, economy, signatures. It reads the pack's own data
  (``view.pack``), so Word and HTML hold the same facts.
* the municipality's version is :mod:`.municipality`'s (it borrows the sections it shares).

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
        # As the summary, the HTML and the Markdown write it: [tag · due] message (reference).
        doc.add(Heading(f"{who} ({len(items)})", 3), Items([
            f"[{f.severity_word}{' ·' + _due(f, lang, known) if _due(f, lang, known) else ''}]"
            f" {f.message} ({ref}: {f.reference})"
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
