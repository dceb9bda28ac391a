"""The case's dates on one axis: an inline SVG for the pack, one Rich line for the summary.

The points: the start on special terms, the twelve months reached, the six-year mark, today,
the due dates and the state pension date — each labelled with its date. The dates come from the
case view (:func:`fleksjob_tui.view.case_events`); nothing is computed here but positions.

The SVG has no script, no links and no colour that carries meaning: each kind of point has its
own shape (circle, square, diamond, triangle), today is a dashed line, and every label says what
it is and its date, so it reads in black and white and when printed.

Textual-free (Rich only for the summary's line).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any

from .dates import format_date
from .view import CaseView, case_events, dw

if TYPE_CHECKING:
    from rich.text import Text

    from .model import Case
    from .rules.types import Assessment

__all__ = ["Point", "timeline_points", "timeline_svg", "timeline_alt", "timeline_line"]

KINDS = ("special_terms_start", "twelve_months", "six_year_mark", "today", "due", "pension")
_SHAPE = {"special_terms_start": "circle", "twelve_months": "square", "six_year_mark": "diamond",
          "due": "triangle", "pension": "circle-filled", "today": "today"}


class Point(tuple):
    """(date, kind, label): a point on the axis."""

    __slots__ = ()

    def __new__(cls, date: dt.date, kind: str, label: str) -> Point:
        return super().__new__(cls, (date, kind, label))

    date = property(lambda self: self[0])
    kind = property(lambda self: self[1])
    label = property(lambda self: self[2])


def timeline_points(case: Case, assessment: Assessment, lang: str) -> list[Point]:
    """The points of the timeline in date order; empty when the case has no dates yet."""
    points = [Point(e.date, e.kind, e.label) for e in case_events(case, assessment, lang)
              if e.kind in KINDS]
    if not points:
        return []
    points.append(Point(assessment.as_of, "today", dw("events.today", lang)))
    points.sort(key=lambda p: (p.date, KINDS.index(p.kind)))
    return points


def _points(source: Any, lang: str | None = None) -> tuple[list[Point], str]:
    if isinstance(source, CaseView):
        return timeline_points(source.case, source.assessment, source.lang), source.lang
    case, assessment = source
    lang = lang or case.language
    return timeline_points(case, assessment, lang), lang


def timeline_alt(view: CaseView) -> list[str]:
    """The timeline in words, one line a point (Word, Markdown, and the SVG's description)."""
    points, lang = _points(view)
    return [f"{format_date(p.date, lang)}: {p.label}" for p in points]


# --------------------------------------------------------------------------------------------
# SVG

_W = 680  # user units; the figure scales to the page width
_PAD = 24
_CHAR = 6.0  # the width of one character at font-size 10.5 (DejaVu Sans ≈ 0.57 em)


def _marker(kind: str, x: float, y: float) -> str:
    shape = _SHAPE.get(kind, "circle")
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y}" r="5" fill="#fff" stroke="#000" stroke-width="2"/>'
    if shape == "circle-filled":
        return f'<circle cx="{x:.1f}" cy="{y}" r="5.5" fill="#000"/>'
    if shape == "square":
        return (f'<rect x="{x - 5:.1f}" y="{y - 5}" width="10" height="10" fill="#000"/>')
    if shape == "diamond":
        return (f'<path d="M{x:.1f} {y - 7} L{x + 7:.1f} {y} L{x:.1f} {y + 7} '
                f'L{x - 7:.1f} {y} Z" fill="#fff" stroke="#000" stroke-width="2"/>')
    if shape == "triangle":
        return (f'<path d="M{x:.1f} {y + 6} L{x + 6:.1f} {y - 5} L{x - 6:.1f} {y - 5} Z" '
                f'fill="#000"/>')
    return ""


def timeline_svg(source: Any, lang: str | None = None) -> str:
    """The timeline as an inline ``<svg>`` (no script, no links), or ``""`` without dates.

    ``source`` is a :class:`~fleksjob_tui.view.CaseView` or a ``(case, assessment)`` pair.
    """
    points, lang = _points(source, lang)
    if not points:
        return ""
    first, last = points[0].date, points[-1].date
    span = max((last - first).days, 1)
    inner = _W - 2 * _PAD

    def x_of(d: dt.date) -> float:
        return _PAD + inner * (d - first).days / span

    # Labels in rows under the axis; a label goes to the first row where it fits.
    rows: list[float] = []  # the right edge of the last label in each row
    placed = []
    for p in points:
        text = f"{p.label} {format_date(p.date, lang)}"
        width = len(text) * _CHAR
        x = x_of(p.date)
        anchor, left = "start", x - 4
        if left + width > _W - 2:
            anchor, left = "end", x + 4 - width
        left = max(left, 2)
        for i, right in enumerate(rows):
            if left > right + 8:
                rows[i] = left + width
                row = i
                break
        else:
            rows.append(left + width)
            row = len(rows) - 1
        placed.append((p, x, row, anchor, text))

    axis_y = 22
    row_h = 17
    height = axis_y + 22 + row_h * len(rows) + 4
    title = dw("timeline.title", lang)
    desc = "; ".join(timeline_alt_points(points, lang))
    o = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {height}" '
        f'width="{_W}" height="{height}" role="img" aria-labelledby="tl-title tl-desc" '
        f'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="10.5">',
        f'<title id="tl-title">{html.escape(title)}</title>',
        f'<desc id="tl-desc">{html.escape(desc)}</desc>',
        f'<line x1="{_PAD}" y1="{axis_y}" x2="{_W - _PAD}" y2="{axis_y}" stroke="#000" '
        f'stroke-width="2"/>',
    ]
    for p, x, row, anchor, text in placed:
        ty = axis_y + 24 + row * row_h
        if p.kind == "today":
            o.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{ty - 10}" stroke="#000" '
                     f'stroke-width="1.5" stroke-dasharray="4 3"/>')
        else:
            o.append(f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{ty - 10}" '
                     f'stroke="#000" stroke-width="0.75"/>')
            o.append(_marker(p.kind, x, axis_y))
        weight = ' font-weight="bold"' if p.kind == "today" else ""
        o.append(f'<text x="{x:.1f}" y="{ty}" text-anchor="{anchor}"{weight}>'
                 f"{html.escape(text)}</text>")
    o.append("</svg>")
    return "".join(o)


def timeline_alt_points(points: list[Point], lang: str) -> list[str]:
    return [f"{format_date(p.date, lang)}: {p.label}" for p in points]


# --------------------------------------------------------------------------------------------
# The summary's line


def timeline_line(case: Case, assessment: Assessment, lang: str | None = None,
                  width: int = 80) -> Text | None:
    """The timeline as one Rich line for the summary (it wraps between points, never inside
    one, when the points do not fit ``width``), or None without dates."""
    from rich.text import Text

    lang = lang or case.language
    points = timeline_points(case, assessment, lang)
    if not points:
        return None
    text = Text(no_wrap=False, overflow="fold")
    for i, p in enumerate(points):
        if i:
            text.append(" → ", style="dim")
        label = dw(f"timeline.short.{p.kind}", lang)
        item = f"{label} {format_date(p.date, lang)}".replace(" ", "\u00a0")
        text.append(item, style="bold" if p.kind == "today" else "")
    return text
