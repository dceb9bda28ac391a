"""Word (.docx) from a :class:`~fleksjob_tui.documents.blocks.Document`, with python-docx.

Real headings (Heading 1–3, so Word's navigation pane and a screen reader see the outline),
tables for facts, measures, meetings and signatures (the header row repeats on a new page),
A4 with margins, "Side 1 af 3" in the footer. User text goes in as text runs only: no field
codes, no macros, no links (the footer's page number is the one field, and it is ours).
Characters XML cannot hold (control characters typed into a note) are left out.

Textual-free. This module (and so python-docx) is imported only when a Word file is made
(:func:`fleksjob_tui.documents.render_document`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .blocks import BLANK_LINE, Document, Facts, Grid, Heading, Items, Para, Picture, Signatures

#: Characters an XML 1.0 document cannot hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_LANG = {"da": "da-DK", "en": "en-GB"}

#: The body font: one Office has everywhere (LibreOffice shows it as the metric-equal Liberation
#: Sans), so the pages are laid out alike on every machine.
FONT = "Arial"

#: The extended properties (docProps/app.xml): this program made the file (python-docx's
#: template says "Microsoft Macintosh Word", 2013).
_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>fleksjob-tui</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


#: The theme's Latin fonts (python-docx's template: Calibri and Cambria): a style or a run that
#: still asks for the theme's font gets the body font too.
_THEME_FONT = re.compile(rb'(<a:(?:latin) typeface=")[^"]*(")')


def _own_app_properties(data: bytes) -> bytes:
    """The .docx ``data`` with our docProps/app.xml, and the theme's fonts set to :data:`FONT`."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "docProps/app.xml":
                body = _APP_XML.encode("utf-8")
            elif item.filename.startswith("word/theme/") and item.filename.endswith(".xml"):
                body = _THEME_FONT.sub(rb"\g<1>" + FONT.encode() + rb"\g<2>", body)
            elif item.filename == "word/numbering.xml":
                # The bullet as a character of the body font ("•"), not Symbol's private one
                # (LibreOffice shows that with a font of its own).
                body = (body.replace(b'w:ascii="Symbol" w:hAnsi="Symbol"',
                                     f'w:ascii="{FONT}" w:hAnsi="{FONT}"'.encode())
                        .replace('w:val="\uf0b7"'.encode(), 'w:val="\u2022"'.encode()))
            z.writestr(item, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _one_font(d) -> None:
    """Every style in :data:`FONT`, headings and the title too: each style's font set for every
    script (ascii, hAnsi, eastAsia, cs) and the theme's font names taken away, so Word and
    LibreOffice both show one font (python-docx's headings ask for the theme's Calibri)."""
    styles = d.styles.element
    for r_pr in [*styles.iter(qn("w:rPr")), *styles.iter(qn("w:rPrDefault"))]:
        if r_pr.tag == qn("w:rPrDefault"):
            inner = r_pr.find(qn("w:rPr"))
            if inner is None:
                inner = OxmlElement("w:rPr")
                r_pr.append(inner)
            r_pr = inner
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            r_pr.insert(0, fonts)
        for key in list(fonts.attrib):
            if key.lower().endswith("theme"):
                del fonts.attrib[key]
        for key in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{key}"), FONT)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = d.styles[name]
        style.font.color.rgb = RGBColor(0, 0, 0)  # printed in black and white: no blue headings


#: The longest text a Word file's properties (title …) hold; python-docx refuses a longer one.
PROPERTY_MAX = 255


def _property(text: str) -> str:
    """``text`` as a document property: cleaned, on one line, at most :data:`PROPERTY_MAX`
    characters (a longer one ends in "…"; the document's own heading keeps all of it)."""
    text = " ".join(clean(text).split())
    if len(text) > PROPERTY_MAX:
        text = text[: PROPERTY_MAX - 1].rstrip() + "…"
    return text


def clean(text: str) -> str:
    """``text`` without characters XML cannot hold (tabs and line breaks are kept)."""
    return _NOT_XML.sub("", text)


def _field(paragraph, instr: str) -> None:
    """A simple field (PAGE, NUMPAGES) in the footer."""

    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _page_footer(section, page: str, mark: str = "", ref: str = "") -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = 2  # right
    if mark:  # on every page, so a page on its own still says what it is
        run = paragraph.add_run(clean(mark) + "   ")
        run.bold = True
    if ref:  # which document, whose: "Aftale – M.K. – Side 3 af 3"
        paragraph.add_run(clean(ref) + " – ")
    parts = re.split(r"(\{page\}|\{pages\})", page)
    for part in parts:
        if part == "{page}":
            _field(paragraph, "PAGE")
        elif part == "{pages}":
            _field(paragraph, "NUMPAGES")
        elif part:
            paragraph.add_run(part)


def _repeat_header(row) -> None:

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _keep_row(row) -> None:

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _keep_together(table) -> None:
    """A short table of facts stays on one page (each row kept with the next), as in the HTML."""
    if len(table.rows) > 12:  # a long one may break, row by row
        return
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _set_language(doc, lang: str) -> None:

    r_pr = doc.styles["Normal"].element.get_or_add_rPr()
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), _LANG.get(lang, "da-DK"))
    r_pr.append(el)


def _border(paragraph) -> None:
    """A dashed frame around a paragraph (the draft warning), visible in black and white."""

    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        for key, value in (("val", "dashed"), ("sz", "12"), ("space", "4"), ("color", "000000")):
            el.set(qn(f"w:{key}"), value)
        borders.append(el)
    paragraph._p.get_or_add_pPr().append(borders)


def _widths(table, mm: list[float]) -> None:
    """Fixed column widths (Word reads the cells, LibreOffice the table's grid)."""

    table.autofit = False
    for column, width in zip(table.columns, mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, mm, strict=True):
            cell.width = Mm(width)


#: A date (01-06-2025, 2025-06-01): in a narrow table cell it never breaks at a hyphen.
_DATE = re.compile(r"(\b\d{2}-\d{2}-\d{4}\b|\b\d{4}-\d{2}-\d{2}\b)")


def _cell_text(cell, text: str, *, bold: bool = False, size: float | None = None) -> None:

    paragraph = cell.paragraphs[0]
    for i, part in enumerate(_DATE.split(clean(text))):
        if not part:
            continue
        if i % 2:  # a date: its hyphens are non-breaking (w:noBreakHyphen; read back as "-")
            run = paragraph.add_run()
            for j, piece in enumerate(part.split("-")):
                if j:
                    run._r.append(OxmlElement("w:noBreakHyphen"))
                t = OxmlElement("w:t")
                t.text = piece
                run._r.append(t)
        else:
            run = paragraph.add_run(part)
        run.bold = bold
        if size:
            run.font.size = Pt(size)


def _sign_cell(cell, title: str, known: str | None, labels, intro: str | None = None) -> None:
    """One place to sign: (the intro,) the party, and a line for each label; never broken."""
    if intro:
        _cell_text(cell, intro, size=9.5)
        cell.add_paragraph().add_run(clean(title)).bold = True
    else:
        _cell_text(cell, title, bold=True)
    for n, label in enumerate(labels):
        line = known if (n == 0 and known) else ""
        space = cell.add_paragraph(clean(line))
        space.paragraph_format.space_before = Pt(14)
        cell.add_paragraph("_" * 24).paragraph_format.space_after = Pt(0)
        small = cell.add_paragraph().add_run(clean(label))
        small.font.size = Pt(8)
    for paragraph in cell.paragraphs:  # keep lines together
        paragraph.paragraph_format.keep_together = True


def _signatures(d, group: list[Signatures]) -> None:
    """The places to sign, in one table row that never breaks. Two blocks (the first marked
    ``with_next``) go side by side in that one row, each with its intro, so the second is
    never alone on the last page (Word's and LibreOffice's keep-with-next do not hold a
    table to the one after it)."""
    if len(group) == 1:
        b = group[0]
        d.add_paragraph(clean(b.intro)).paragraph_format.keep_with_next = True
        cells = [(title, known, b.labels, None) for title, known in b.parties]
    else:
        cells = [(title, known, b.labels, b.intro if n == 0 else None)
                 for b in group for n, (title, known) in enumerate(b.parties)]
    table = d.add_table(rows=1, cols=len(cells))
    _keep_row(table.rows[0])
    for cell, (title, known, labels, intro) in zip(table.rows[0].cells, cells, strict=True):
        _sign_cell(cell, title, known, labels, intro)


def render_docx(doc: Document) -> bytes:

    d = docx.Document()
    section = d.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(18), Mm(18)
    _page_footer(section, doc.page, doc.page_mark, doc.page_ref)
    normal = d.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    _one_font(d)
    _set_language(d, doc.lang)
    props = d.core_properties
    # What the document is ("Aftale om ansættelse på særlige vilkår"), never the case's title, which
    # often holds the person's name: a file's properties travel with it unread.
    props.title = _property(doc.kind or next(
        (b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1), ""))
    props.subject = props.keywords = props.category = ""
    props.author = "fleksjob-tui"
    props.last_modified_by = "fleksjob-tui"
    props.comments = ""
    props.language = _LANG.get(doc.lang, "da-DK")
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.revision = 1

    for i, b in enumerate(doc.blocks):
        after = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
        if isinstance(b, Heading):
            # Never alone at the foot of a page: with the paragraph or table that follows.
            heading = d.add_heading(clean(b.text), level=min(max(b.level, 1), 3))
            heading.paragraph_format.keep_with_next = True
        elif isinstance(b, Para):
            p = d.add_paragraph()
            run = p.add_run(clean(b.text))
            if b.style in ("strong", "draft"):
                run.bold = True
            if b.style in ("note", "meta", "kicker"):
                run.italic = True
                run.font.size = Pt(9)
            if b.style == "draft":
                run.font.size = Pt(11)
                _border(p)
            # An intro stays with its table or list, and a heading's first paragraph with
            # what follows it.
            before = doc.blocks[i - 1] if i else None
            if isinstance(after, (Facts, Grid, Items, Signatures)) or (
                    isinstance(before, Heading) and after is not None
                    and not isinstance(after, Heading)):
                p.paragraph_format.keep_with_next = True
        elif isinstance(b, Facts):
            table = d.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in b.rows:
                row = table.add_row()
                _keep_row(row)
                _cell_text(row.cells[0], label, bold=True)
                _cell_text(row.cells[1], BLANK_LINE if value is None else value)
            if not b.split:
                _keep_together(table)
            _widths(table, [60, 110])
            d.add_paragraph()
        elif isinstance(b, Items):
            if b.items:
                for n, item in enumerate(b.items):
                    p = d.add_paragraph(clean(item), style="List Bullet")
                    # The first item stays with the second (and so with its heading).
                    # (Not a one-item list with a list after it: no chain of blocks too tall
                    # for a page, moved whole to the next one.)
                    if n == 0 and (len(b.items) > 1 or (after is not None and not isinstance(
                            after, (Heading, Items)))):
                        p.paragraph_format.keep_with_next = True
            else:
                if b.empty:
                    p = d.add_paragraph()
                    p.add_run(clean(b.empty)).italic = True
                    p.paragraph_format.keep_with_next = True
                for n in range(b.blank_lines):  # the lines to write on stay on one page
                    line = d.add_paragraph(BLANK_LINE * 2)
                    line.paragraph_format.keep_with_next = n < b.blank_lines - 1
        elif isinstance(b, Grid):
            table = d.add_table(rows=1, cols=len(b.header))
            table.style = "Table Grid"
            head = table.rows[0]
            _repeat_header(head)
            for cell, text in zip(head.cells, b.header, strict=True):
                _cell_text(cell, text, bold=True, size=9.5)  # as the rows: "Dokumenteret" fits
            for values in b.rows:
                row = table.add_row()
                _keep_row(row)
                for cell, text in zip(row.cells, values, strict=True):
                    _cell_text(cell, text, size=9.5)
            if b.widths:
                total = sum(b.widths)
                _widths(table, [170 * x / total for x in b.widths])
            d.add_paragraph()
        elif isinstance(b, Signatures):
            before = doc.blocks[i - 1] if i else None
            if isinstance(before, Signatures) and before.with_next:
                continue  # written beside the block before it
            _signatures(d, [b, after] if b.with_next and isinstance(after, Signatures) else [b])
        elif isinstance(b, Picture):
            if b.title:
                d.add_heading(clean(b.title), level=3)
            for line in b.alt:
                d.add_paragraph(clean(line), style="List Bullet")
    if doc.footer:
        p = d.add_paragraph()
        run = p.add_run(clean(doc.footer))
        run.italic = True
        run.font.size = Pt(8.5)
    out = io.BytesIO()
    d.save(out)
    return _own_app_properties(out.getvalue())
