"""Every output, all built from the one view of a case (:func:`fleksjob_tui.view.build_view`).

* ``pack`` — the documentation pack: HTML and Markdown by :mod:`.pack_render`, Word from the
  blocks of :mod:`.pack`
* ``agreement`` — the draft written agreement (LAB § 119, stk. 2): :mod:`.agreement`
* ``municipality`` — the pack's version for the municipality: :mod:`.municipality`
* ``minutes`` — the minutes of one meeting, to sign: :mod:`.minutes`
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
    import datetime as dt

    from ..case.model import Case
    from ..rules.types import Assessment

#: The documents ``fleksjob export --document`` and the wizard's export window offer.
DOCUMENTS: tuple[str, ...] = ("pack", "agreement", "municipality")
#: The documents of one meeting (``--document minutes --meeting DATE``).
MEETING_DOCUMENTS: tuple[str, ...] = ("minutes",)

__all__ = ["DOCUMENTS", "MEETING_DOCUMENTS", "NotForCase", "not_for_case", "render_document"]


class NotForCase(ValueError):
    """The document does not apply to the case (the agreement for the self-employed).
    ``key`` names its words in ``documents.toml`` [agreement] (``key`` and ``key_hint``)."""

    def __init__(self, document: str, key: str) -> None:
        self.document, self.key = document, key
        super().__init__(f"{document}: {key}")


def not_for_case(case: Case, document: str, *, final: bool = False) -> str | None:
    """Why ``document`` does not apply to ``case`` (a key of its words), or None when it does:
    an agreement between employer and employee is not made for the self-employed; and the
    agreement's ``final`` version to sign not while the parts LAB § 119, stk. 2 requires (the
    functions, the accommodations) are empty — the draft is made then."""
    if document == "agreement" and case.person.self_employed:
        return "not_self_employed"
    if document == "agreement" and final:
        from .agreement import final_missing  # lazy: start-up speed, as every import here

        missing = final_missing(case)
        if missing is not None:
            return f"final_missing_{missing}"
    return None


def render_document(case: Case, assessment: Assessment, document: str, fmt: str,
                    lang: str | None = None, *, meeting: dt.date | None = None,
                    final: bool = False) -> str | bytes:
    """``document`` (see :data:`DOCUMENTS`, :data:`MEETING_DOCUMENTS`: then ``meeting`` is the
    meeting's date) as ``fmt`` (``html``, ``md``: text; ``docx``: bytes). ``final``: the
    agreement as the version to sign, without the draft mark. Raises :class:`NotForCase` when
    the document does not apply to the case (the agreement for the self-employed, the final
    agreement without the functions or accommodations)."""
    known = DOCUMENTS + MEETING_DOCUMENTS
    if document not in known:
        raise ValueError(f"unknown document {document!r} ({', '.join(known)})")
    if fmt not in ("html", "md", "docx"):
        raise ValueError(f"unknown format {fmt!r} (html, md or docx)")
    why = not_for_case(case, document, final=final)
    if why is not None:
        raise NotForCase(document, why)
    if document == "pack" and fmt != "docx":
        from . import pack_render  # lazy: start-up speed, as every import here

        return (pack_render.render_html if fmt == "html" else pack_render.render_markdown)(
            case, assessment, lang)
    from ..view import build_view  # lazy: start-up speed
    from .agreement import build_agreement  # lazy
    from .municipality import municipality_document  # lazy
    from .pack import pack_document  # lazy

    view = build_view(case, assessment, lang)
    if document == "minutes":
        from .minutes import build_minutes  # lazy

        if meeting is None:
            raise ValueError("the minutes need the meeting's date")
        doc = build_minutes(view, meeting)
    elif document == "agreement":
        doc = build_agreement(view, final=final)
    else:
        build = {"pack": pack_document, "municipality": municipality_document}[document]
        doc = build(view)
    if fmt == "docx":
        from .docx_writer import render_docx  # lazy: python-docx only for Word

        return render_docx(doc)
    from .writers import render_html, render_markdown  # lazy

    return render_html(doc) if fmt == "html" else render_markdown(doc)
