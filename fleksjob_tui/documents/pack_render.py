"""The documentation pack as one printable HTML file or as Markdown for an e-mail.

The pack plays the role of seed 000's "Dokumentationsskema – leder/medarbejder": the case facts,
the written agreement, the measures tried, the meeting log, the findings grouped by who should
act, the key dates, the subsidy estimate (always "vejledende") and signature lines. Everything it
says is built once in :mod:`fleksjob_tui.view.pack` as part of the case view
(``build_view(...).pack``); this module only lays it out:

* ``render_html(case, assessment, lang=None) -> str`` — one self-contained HTML document from
  the Jinja2 template ``templates/pack.html`` (autoescaping on: every piece of user text is
  escaped) with the A4 print stylesheet ``templates/pack.css`` inlined; no scripts, no links, no
  external fonts or images.
* ``render_markdown(case, assessment, lang=None) -> str`` — the same for pasting into an e-mail
  or a case system; Markdown-significant characters in user text are escaped (``md_escape``,
  which the other documents' Markdown uses too).

The Word pack and the other documents are blocks (:mod:`.blocks`) laid out by :mod:`.writers`
and :mod:`.docx_writer`; writing any of them to a file is :mod:`.output`'s job.

Wording: never "berettiget"/"eligible" — the municipality decides. All words come from
``content/export.toml`` (plus the shared words of ``content/report.toml`` and ``content/ui.toml``).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..view import build_view
from ..view.pack import w
from ..view.words import word as report_word
from .md_wrap import wrap_markdown

if TYPE_CHECKING:
    from ..case.model import Case
    from ..rules.types import Assessment

__all__ = ["render_html", "render_markdown", "md_escape", "pack_css"]

_STATUS_CLASS = {"ready": "ready", "waiting": "waiting", "missing": "missing",
                 "not_eligible": "notmet"}

# --------------------------------------------------------------------------------------------
# HTML


#: The pack's markup (Jinja2, autoescaped) and its print stylesheet: files in the package.
TEMPLATES = Path(__file__).with_name("templates")


def pack_css(lang: str) -> str:
    """The pack's print stylesheet (``templates/pack.css``); the documents add theirs to it."""
    css = (TEMPLATES / "pack.css").read_text(encoding="utf-8")
    # The page label goes into a CSS string: keep only letters and spaces.
    label = re.sub(r"[^\w ]", "", w("doc.page", lang))
    return css.replace("__PAGE__", label)


@cache
def _template():
    # Start-up: Jinja2 is loaded when the first pack is drawn, not when the wizard starts.
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every text of the case is escaped; only css and the SVG are marked
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("pack.html")


def render_html(case: Case, assessment: Assessment, lang: str | None = None) -> str:
    """The pack as one self-contained HTML document (see the module docstring), from
    ``templates/pack.html``: it reads the case view."""
    from markupsafe import Markup  # comes with Jinja2: marks our own CSS and SVG as safe

    from .timeline import timeline_svg  # the timeline module, only when a pack is drawn

    v = build_view(case, assessment, lang)
    pk = v.pack
    svg = timeline_svg(v)
    return _template().render(
        v=v,
        pk=pk,
        lang=pk.lang,
        t=lambda key: w(key, pk.lang),
        status_class=_STATUS_CLASS.get(pk.status, "missing"),
        ref_label=report_word("heading.reference", pk.lang),
        css=Markup(pack_css(pk.lang)),  # noqa: S704 - our own stylesheet, from the package
        timeline=Markup(svg) if svg else "",  # built and escaped by timeline.py
    )


# --------------------------------------------------------------------------------------------
# Markdown

#: Always Markdown (emphasis, code, HTML, table cells): escaped wherever they stand.
_MD_SPECIAL = re.compile(r"([\\`*_<>|])")
#: Brackets only make a link or an image next to "(", "[" or ":" ("[x] findes" is plain text).
_MD_LINK = re.compile(r"\]\s*[(\[:]")
#: Two tildes strike through (GFM); "&amp;" is an entity; one "~" or a lone "&" is plain text.
_MD_TILDES = re.compile(r"~")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_LINE_START = re.compile(r"^(\s*)([-+=>#]|[0-9]+[.)])", re.MULTILINE)


def md_escape(text: str, *, inline: bool = True, start: bool = True) -> str:
    """Escape Markdown-significant characters in user text.

    Backslash, backtick, ``* _ < > |`` are escaped everywhere; brackets (and ``!``) only where
    they could make a link (``](``, ``][``, ``]:``), ``~`` only when there are two, ``&`` only before an
    entity; with ``start`` (the default) a list marker, a quote, a heading mark or a heading
    underline at the start of a line too. No needless backslashes: ``[x] findes`` stays so. With
    ``inline`` (for table cells and list items) line breaks become spaces, so a cell or an item
    stays on one line.
    """
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if _MD_LINK.search(text):
        text = re.sub(r"([\[\]!])", r"\\\1", text)
    if text.count("~") > 1:
        text = _MD_TILDES.sub(r"\\~", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    if start:
        # "- x" → "\\- x"; "1. x" → "1\\. x" (only punctuation can be escaped)
        text = _MD_LINE_START.sub(lambda m: m[1] + m[2][:-1] + "\\" + m[2][-1], text)
    if inline:
        text = re.sub(r"\s*\n\s*", " ", text.strip())
    return text


def _h(text: str) -> str:
    """One of our own texts in a heading: escaped, but "1." at its start stays a number."""
    return md_escape(text, start=False)


def _md_block(text: str, indent: str = "  ") -> str:
    """A multi-line user text inside a list item: escaped, lines kept as hard breaks."""
    lines = [md_escape(line) for line in text.strip().splitlines() if line.strip()]
    return ("  \n" + indent).join(lines) or "—"


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(md_escape(h) for h in header) + " |",
           "|" + "|".join("---" for _ in header) + "|"]
    for row in rows:
        out.append("| " + " | ".join(md_escape(c) or " " for c in row) + " |")
    return out


def render_markdown(case: Case, assessment: Assessment, lang: str | None = None) -> str:
    """The pack as Markdown for an e-mail or a case system (see the module docstring)."""
    pk = build_view(case, assessment, lang).pack
    lang = pk.lang
    o: list[str] = [
        f"# {md_escape(pk.title)}",
        "",
        f"**{md_escape(pk.kicker)}: {md_escape(pk.case_title)}**  ",
        md_escape(pk.as_of),
        "",
        f"## {_h(w('section.status', lang))}: {md_escape(pk.status_word)}",
        "",
        f"**{md_escape(pk.status_sentence)}** {md_escape(pk.decides)}",
        "",
        f"*{md_escape(pk.law_line)}*",
        "",
        *([f"**{md_escape(pk.law_outdated)}**", ""] if pk.law_outdated else []),
        md_escape(pk.intro),
        "",
        f"## {_h(w('section.facts', lang))}",
        "",
    ]
    o += [f"- **{md_escape(k)}:** {md_escape(v)}" for k, v in pk.facts]
    o += ["", f"*{md_escape(pk.no_cpr)}*", "", f"## {_h(w('section.agreement', lang))}",
          ""]
    if pk.self_employed:
        o += [md_escape(w("agreement.self_employed", lang)), ""]
    else:
        o += [f"*{md_escape(w('agreement.reference', lang))}*", ""]
        o += [f"- **{md_escape(k)}:** {md_escape(v)}" for k, v in pk.agreement]
        for key, items in (("agreement.functions", pk.functions),
                           ("agreement.accommodations", pk.accommodations)):
            o += ["", f"### {md_escape(w(key, lang))}", ""]
            if items:
                o += [f"- {md_escape(x)}" for x in items]
            else:
                o.append(md_escape(w("agreement.none_listed", lang)))
        o.append("")
    o += [f"## {_h(w('section.measures', lang))}", "",
          md_escape(w("measures.intro", lang)), ""]
    if not pk.measures:
        o += [md_escape(w("measures.none", lang)), ""]
    else:
        o += _md_table(
            [w(k, lang) for k in ("measures.measure", "measures.period", "measures.result",
                                  "measures.documented")],
            [[m.title, m.period, m.result, m.documented] for m in pk.measures],
        )
        notes = [(m.title, m.note) for m in pk.measures if m.note]
        if notes:
            o += ["", f"### {md_escape(w('measures.notes', lang))}", ""]
            o += [f"- **{md_escape(t)}:** {_md_block(n)}" for t, n in notes]
        o.append("")
    o += [f"## {_h(w('section.meetings', lang))}", ""]
    if not pk.meetings:
        o += [md_escape(w("meetings.none", lang)), ""]
    for mt in pk.meetings:
        o += [
            f"### {md_escape(w('meetings.meeting', lang))} {md_escape(mt.date)}",
            "",
            f"- **{md_escape(w('meetings.participants', lang))}:** {md_escape(mt.participants)}",
            f"- **{md_escape(w('meetings.summary', lang))}:** {_md_block(mt.summary)}",
            f"- **{md_escape(w('meetings.agreed', lang))}:** {_md_block(mt.agreed)}",
            "",
        ]
    o += [f"## {_h(w('section.findings', lang))}", ""]
    if not pk.findings:
        o += [md_escape(w("findings.none", lang)), ""]
    ref_label = report_word("heading.reference", lang)
    for who, items in pk.findings:
        o += [f"### {md_escape(who)} ({len(items)})", ""]
        # As the summary, the HTML and Word write it: [tag · due] message (reference).
        o += [f"- **[{md_escape(f.severity_word)}"
              f"{' · ' + md_escape(f.due) if f.due else ''}]** {md_escape(f.message)} "
              f"*({md_escape(ref_label)}: {md_escape(f.reference)})*" for f in items]
        o.append("")
    o += [f"## {_h(w('section.dates', lang))}", ""]
    if pk.dates_note:
        o += [md_escape(pk.dates_note), ""]
    o += [f"- **{md_escape(k)}:** {md_escape(v)}" for k, v in pk.dates]
    o.append("")
    if pk.economy:
        *body, disclaimer = pk.economy
        o += [f"## {_h(w('section.economy', lang))}", ""]
        o += [md_escape(line) for line in body]
        o += ["", f"*{md_escape(disclaimer)}*", ""]
    o += [f"## {_h(w('section.signatures', lang))}", "",
          md_escape(w("signatures.intro", lang)), ""]
    blank = "_" * 28  # a run of underscores between spaces is plain text in Markdown
    for role in pk.signatures:
        o += [f"**{md_escape(w(f'signatures.{role}', lang))}**  ",
              *(f"{md_escape(w(f'signatures.{k}', lang))}: {blank}  "
                for k in ("name", "date", "signature")),
              ""]
    o += ["---", "", f"*{md_escape(pk.footer)}*", ""]
    return wrap_markdown("\n".join(o))  # lines that read as plain text
