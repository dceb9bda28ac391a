"""A document as a list of plain blocks: one description, three writers (HTML, Markdown, Word).

Every text in a block is plain, unescaped text (user text already stripped of CPR-like numbers
by the case view); each writer escapes it for its own format. A value of ``None`` in a table
or a list means "the case has no answer": the writers show an empty line to write on, never
an invented text.

Textual-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Heading:
    text: str
    level: int = 2  # 1: the title; 2: a section; 3: a sub-section


@dataclass(slots=True)
class Para:
    text: str
    style: str = "normal"  # normal, strong, note, draft (a framed warning), kicker, meta


@dataclass(slots=True)
class Facts:
    """Label and value rows; a ``None`` value is an empty line to fill in."""

    rows: list[tuple[str, str | None]]
    # A long table (the statements) may break between rows, never inside one; a short one
    # (False) stays on one page.
    split: bool = False


@dataclass(slots=True)
class Items:
    """A bullet list; when empty: ``empty`` as a note, then ``blank_lines`` lines to write on."""

    items: list[str]
    empty: str | None = None
    blank_lines: int = 0


@dataclass(slots=True)
class Grid:
    """A table with a header row (the measures, the meetings, the attachments)."""

    header: list[str]
    rows: list[list[str]]
    widths: list[int] | None = None  # relative column widths


@dataclass(slots=True)
class Signatures:
    """Places to sign: one block per party, each with its label lines (name, date, signature);
    a known name is written above its line."""

    intro: str
    parties: list[tuple[str, str | None]]  # (title, known name or None)
    labels: tuple[str, str, str]
    # Kept on the same page as the signatures that follow (the employer's with the employee's).
    with_next: bool = False


@dataclass(slots=True)
class Picture:
    """An inline SVG (the timeline): HTML shows it; Markdown and Word show ``alt`` lines."""

    svg: str
    alt: list[str]
    title: str = ""


Block = Heading | Para | Facts | Items | Grid | Signatures | Picture


@dataclass(slots=True)
class Document:
    lang: str
    title: str  # the window / file title
    blocks: list[Block] = field(default_factory=list)
    footer: str = ""
    page: str = "Side {page} af {pages}"  # the Word footer ({page}, {pages})
    page_mark: str = ""  # on every page, left of the number (the agreement: "UDKAST")
    # On every page before the number, so a page on its own is tied to its document
    # (the agreement: "Aftale – M.K."): Word's footer and the printed HTML alike.
    page_ref: str = ""
    # What the document is, for the Word file's title property ("Aftale om ansættelse på
    # særlige vilkår (socialt kapitel)"); without it the level-1 heading. Never the case's title.
    kind: str = ""

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self


#: An empty line to write on, where the case has no answer (Word and Markdown).
BLANK_LINE = "_" * 30
