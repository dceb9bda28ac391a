"""Every output, all built from the one view of a case (:func:`fleksjob_tui.view.build_view`).

* ``pack`` — the documentation pack: HTML and Markdown by :mod:`.pack_render`, Word from the
  blocks of :mod:`.pack`
* ``agreement`` — the draft written agreement (LAB § 119, stk. 2): :mod:`.agreement`
* ``municipality`` — the pack's version for the municipality: :mod:`.municipality`
* the Rich summary (:mod:`.summary`, also the wizard's Overblik), the timeline
  (:mod:`.timeline`) and the calendar (:mod:`.calendar`)

A document is blocks (:mod:`.blocks`) laid out as HTML or Markdown (:mod:`.writers`) or Word
(:mod:`.docx_writer`). Writing any output to a file (safe paths, atomic, mode 600, never over a
case) is :mod:`.output`'s job, for the command line and the wizard's export window alike.

Textual-free.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..case.model import Case
    from ..rules.types import Assessment

#: The documents ``fleksjob export --document`` and the wizard's export window offer.
DOCUMENTS: tuple[str, ...] = ("pack", "agreement", "municipality")

__all__ = ["DOCUMENTS", "render_document"]


def render_document(case: Case, assessment: Assessment, document: str, fmt: str,
                    lang: str | None = None) -> str | bytes:
    """``document`` (see :data:`DOCUMENTS`) as ``fmt`` (``html``, ``md``: text; ``docx``: bytes)."""
    if document not in DOCUMENTS:
        raise ValueError(f"unknown document {document!r} ({', '.join(DOCUMENTS)})")
    if fmt not in ("html", "md", "docx"):
        raise ValueError(f"unknown format {fmt!r} (html, md or docx)")
    if document == "pack" and fmt != "docx":
        from . import pack_render  # lazy: start-up speed, as every import here

        return (pack_render.render_html if fmt == "html" else pack_render.render_markdown)(
            case, assessment, lang)
    from ..view import build_view  # lazy: start-up speed
    from .agreement import build_agreement  # lazy
    from .municipality import municipality_document  # lazy
    from .pack import pack_document  # lazy

    view = build_view(case, assessment, lang)
    build = {"pack": pack_document, "agreement": build_agreement,
             "municipality": municipality_document}[document]
    doc = build(view)
    if fmt == "docx":
        from .docx_writer import render_docx  # lazy: python-docx only for Word

        return render_docx(doc)
    from .writers import render_html, render_markdown  # lazy

    return render_html(doc) if fmt == "html" else render_markdown(doc)
