"""HTML and Markdown from a :class:`~fleksjob_tui.documents.blocks.Document`.

HTML: one self-contained file, the pack's print stylesheet (A4, page numbers) plus a few rules
of its own, no script, no links, no external fonts; every text through :func:`html.escape`.
Markdown: every user text through the pack's :func:`~fleksjob_tui.documents.pack_render.md_escape`;
plain text to read as it is: lines wrapped at :data:`WIDTH` (never so that a line starts with
a Markdown mark), a table too wide for that written as a list, no needless backslashes.

Textual-free.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .blocks import BLANK_LINE as BLANK
from .blocks import Document, Facts, Grid, Heading, Items, Para, Picture, Signatures
from .md_wrap import WIDTH
from .md_wrap import wrap as _wrap


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _quoted(text: str) -> str:
    """``text`` inside a CSS string: letters and a few marks as they are, the rest escaped."""
    return "".join(ch if ch.isalnum() or ch in " –-.,:" else f"\\{ord(ch):x} " for ch in text)


def _css(lang: str, page_mark: str = "", page_ref: str = "", page: str = "") -> str:
    from .pack_render import pack_css  # the pack's stylesheet, so both print alike

    css = pack_css(lang) + (Path(__file__).with_name("documents.css")).read_text("utf-8")
    if page_mark:
        # On every printed page, so a page on its own still says it is a draft.
        css += ("@page { @bottom-left { content: \"" + _quoted(page_mark) + "\"; font-family: "
                "\"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; font-size: 8pt; "
                "font-weight: bold; } }\n")
    if page_ref and page:
        # "Aftale – M.K. – Side 3 af 3", as Word's footer: a page on its own is tied to it.
        parts = re.split(r"(\{page\}|\{pages\})", f"{page_ref} – {page}")
        content = " ".join("counter(page)" if part == "{page}" else "counter(pages)"
                           if part == "{pages}" else f'"{_quoted(part)}"'
                           for part in parts if part)
        css += "@page { @bottom-right { content: " + content + "; } }\n"
    return css


#: A date (01-06-2025, 2025-06-01): in a narrow table cell it never breaks at a hyphen.
_DATE = re.compile(r"\b(\d{2}-\d{2}-\d{4}|\d{4}-\d{2}-\d{2})\b")


def _td(text: str) -> str:
    """A table cell's text, escaped, with each date kept on one line."""
    return _DATE.sub(r'<span class="nd">\1</span>', _e(text))


def _cell(value: str | None) -> str:
    if value is None:
        return '<span class="blank" aria-label="tom linje"></span>'
    return _td(value)


def render_html(doc: Document) -> str:
    o: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(doc.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">",
        '<meta name="referrer" content="no-referrer">',
        '<meta name="robots" content="noindex">',
        f"<title>{_e(doc.title)}</title>",
        f"<style>\n{_css(doc.lang, doc.page_mark, doc.page_ref, doc.page)}</style>",
        "</head>",
        "<body>",
        '<main class="sheet doc">',
    ]
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Heading):
            level = min(max(b.level, 1), 3)
            o.append(f"<h{level}>{_e(b.text)}</h{level}>")
        elif isinstance(b, Para):
            o.append(f'<p class="p-{_e(b.style)} pre">{_e(b.text)}</p>')
        elif isinstance(b, Facts):
            o.append('<table class="kv"><tbody>')
            for label, value in b.rows:
                o.append(f'<tr><th scope="row">{_e(label)}</th>'
                         f'<td class="pre">{_cell(value)}</td></tr>')
            o.append("</tbody></table>")
        elif isinstance(b, Items):
            if b.items:
                o += ["<ul>", *(f'<li class="pre">{_td(x)}</li>' for x in b.items), "</ul>"]
            else:  # the label and its lines to write on: one block, never parted by a page
                o.append('<div class="write keep">')
                if b.empty:
                    o.append(f'<p class="empty">{_e(b.empty)}</p>')
                o += ['<div class="blank-line"></div>'] * b.blank_lines
                o.append("</div>")
        elif isinstance(b, Grid):
            o.append('<table class="grid">')
            if b.widths:
                total = sum(b.widths)
                o.append("<colgroup>" + "".join(
                    f'<col style="width:{100 * x / total:.0f}%">' for x in b.widths)
                    + "</colgroup>")
            o.append("<thead><tr>" + "".join(f'<th scope="col">{_e(h)}</th>' for h in b.header)
                     + "</tr></thead><tbody>")
            for row in b.rows:
                o.append("<tr>" + "".join(f'<td class="pre">{_td(c)}</td>' for c in row)
                         + "</tr>")
            o.append("</tbody></table>")
        elif isinstance(b, Signatures):
            if b.with_next:  # one printed block with the signatures after it
                o.append('<div class="keep signature-group">')
            o += ['<section class="signatures keep">', f"<p>{_e(b.intro)}</p>",
                  '<div class="sig-grid">']
            for title, known in b.parties:
                o += ['<div class="sig">', f"<h3>{_e(title)}</h3>"]
                for n, label in enumerate(b.labels):
                    name = _e(known) if (n == 0 and known) else ""
                    o.append(f'<div class="field"><div class="known">{name}</div>'
                             f'<div class="line"></div>'
                             f'<span class="label">{_e(label)}</span></div>')
                o.append("</div>")
            o += ["</div>", "</section>"]
            if i and isinstance(doc.blocks[i - 1], Signatures) and doc.blocks[i - 1].with_next:
                o.append("</div>")
        elif isinstance(b, Picture):
            o.append(f'<figure class="timeline">{b.svg}</figure>')
    if doc.footer:
        o.append(f'<footer class="doc-foot"><p>{_e(doc.footer)}</p></footer>')
    o += ["</main>", "</body>", "</html>", ""]
    return "\n".join(o)


def _md_grid(b: Grid) -> list[str]:
    """A table; or, when a row would be wider than :data:`WIDTH`, a list: one item a row (its
    first cell), each other cell as "header: value" below it."""
    rows = [[_md(c) or " " for c in row] for row in b.rows]
    table = ["| " + " | ".join(_md(h) for h in b.header) + " |",
             "|" + "|".join("---" for _ in b.header) + "|",
             *("| " + " | ".join(row) + " |" for row in rows)]
    if all(len(line) <= WIDTH for line in table):
        return [*table, ""]
    out: list[str] = []
    for row in rows:
        out += _wrap(f"**{row[0].strip()}**", "- ", "  ")
        for head, cell in zip(b.header[1:], row[1:], strict=True):
            out += _wrap(f"{_md(head)}: {cell.strip() or '—'}", "  - ", "    ")
    return [*out, ""]


def md_escape(text: str, **kw) -> str:
    from .pack_render import md_escape as escape  # lazy: the pack's renderer is large

    return escape(text, **kw)


def _md(text: str) -> str:
    return md_escape(text)


def render_markdown(doc: Document) -> str:
    o: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            level = min(max(b.level, 1), 3)
            o += [f"{'#' * level} {md_escape(b.text, start=False)}", ""]
        elif isinstance(b, Para):
            lines = [md_escape(line) for line in b.text.splitlines() if line.strip()] or ["—"]
            mark = {"strong": "**", "draft": "**", "note": "*", "meta": "*", "kicker": "*"}.get(
                b.style, "")
            wrapped: list[str] = []
            for j, line in enumerate(lines):  # a line of its own stays one (a hard break)
                text = (mark if j == 0 else "") + line + (mark if j == len(lines) - 1 else "")
                part = _wrap(text)
                if j < len(lines) - 1:
                    part[-1] += "  "
                wrapped += part
            o += [*wrapped, ""]
        elif isinstance(b, Facts):
            for label, value in b.rows:
                shown = BLANK if value is None else md_escape(value, start=False)
                o += _wrap(f"- **{_md(label)}:** {shown}", "", "  ")
            o.append("")
        elif isinstance(b, Items):
            if b.items:
                for x in b.items:
                    # A line to write on stays a line (as in a table of facts), unescaped.
                    item = md_escape(x, start=False).replace(md_escape(BLANK, start=False), BLANK)
                    o += _wrap(item, "- ", "  ")
            else:
                if b.empty:
                    o += [f"*{_md(b.empty)}*", ""]
                for i in range(b.blank_lines):  # a paragraph each: lines never run together
                    o += [f"{i + 1}. {BLANK}", ""]
            o.append("")
        elif isinstance(b, Grid):
            o += _md_grid(b)
        elif isinstance(b, Signatures):
            o += [*_wrap(_md(b.intro)), ""]
            for title, known in b.parties:
                o.append(f"**{_md(title)}**  ")
                for i, label in enumerate(b.labels):
                    value = _md(known) if (i == 0 and known) else BLANK
                    o.append(f"{_md(label)}: {value}  ")
                o.append("")
        elif isinstance(b, Picture):
            if b.title:
                o += [f"### {md_escape(b.title, start=False)}", ""]
            for line in b.alt:
                o += _wrap(_md(line), "- ", "  ")
            o.append("")
    if doc.footer:
        o += ["---", "", *_wrap(f"*{_md(doc.footer)}*"), ""]
    return "\n".join(o)
