"""Reading a Word file as a person reads the printed pages: the shared test helper."""

from __future__ import annotations

import io

import docx


def docx_in_order(data: bytes) -> str:
    """The Word file's body as text in the order it is printed (paragraphs and tables as they
    come, a section's table under its heading), then its footers: python-docx's ``paragraphs``
    and ``tables`` are each in order, not together."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(io.BytesIO(data))
    out: list[str] = []

    def walk(parent, element) -> None:
        for child in element.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                out.append(Paragraph(child, parent).text)
            elif tag == "tbl":
                for row in Table(child, parent).rows:
                    for cell in row.cells:
                        walk(cell, cell._tc)

    walk(d, d.element.body)
    for section in d.sections:
        out += [p.text for p in section.footer.paragraphs]
    return "\n".join(out)
