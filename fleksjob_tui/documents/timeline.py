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

from ..case.dates import format_date
from ..view import CaseView, case_events, dw

if TYPE_CHECKING:
    from rich.text import Text

    from ..case.model import Case
    from ..rules.types import Assessment

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


def merge_dues(points: list[Point], lang: str) -> list[Point]:
    """Due dates with the same day and the same label as one point ("Frist: Lederen (5)"), so a
    day with five of the manager's due dates is one label, not five identical ones."""
    counts: dict[tuple[dt.date, str], int] = {}
    for p in points:
        if p.kind == "due":
            counts[(p.date, p.label)] = counts.get((p.date, p.label), 0) + 1
    out: list[Point] = []
    for p in points:
        if p.kind != "due":
            out.append(p)
            continue
        n = counts.pop((p.date, p.label), 0)
        if n == 1:
            out.append(p)
        elif n > 1:
            out.append(Point(p.date, p.kind, dw("timeline.due_count", lang, label=p.label, n=n)))
    return out


def _points(source: Any, lang: str | None = None) -> tuple[list[Point], str]:
    if isinstance(source, CaseView):
        case, assessment, lang = source.case, source.assessment, source.lang
    else:
        case, assessment = source
        lang = lang or case.language
    return merge_dues(timeline_points(case, assessment, lang), lang), lang


def timeline_alt(view: CaseView) -> list[str]:
    """The timeline in words, one line a point (Word, Markdown, and the SVG's description)."""
    points, lang = _points(view)
    return timeline_alt_points(points, lang)


# --------------------------------------------------------------------------------------------
# SVG

_NS = ' xmlns="http://www.w3.org/2000/svg"'
_W = 680  # user units; the figure scales to the page width
_PAD = 24
_CHAR = 7.2  # the width of one character at font-size 12 (DejaVu Sans ≈ 0.57 em)


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


def timeline_svg(source: Any, lang: str | None = None, *, standalone: bool = False) -> str:
    """The timeline as an inline ``<svg>`` (no script, no links), or ``""`` without dates.

    ``source`` is a :class:`~fleksjob_tui.view.CaseView` or a ``(case, assessment)`` pair.
    ``standalone`` adds the SVG namespace (for a file of its own; HTML does not need it).
    """
    points, lang = _points(source, lang)
    if not points:
        return ""
    first, last = points[0].date, points[-1].date
    span = max((last - first).days, 1)
    inner = _W - 2 * _PAD

    def x_of(d: dt.date) -> float:
        return _PAD + inner * (d - first).days / span

    placed = _place(points, x_of, lang)
    above = max((-row for _, _, row, _, _, _ in placed if row < 0), default=0)
    below = max((row + 1 for _, _, row, _, _, _ in placed if row >= 0), default=0)
    row_h = 18
    axis_y = 14 + row_h * above + (8 if above else 0)
    height = axis_y + 12 + row_h * below + 6

    def text_y(row: int) -> int:
        return axis_y + 24 + row * row_h if row >= 0 else axis_y - 12 + (row + 1) * row_h

    title = dw("timeline.title", lang)
    desc = "; ".join(timeline_alt_points(points, lang))
    o = [
        f'<svg{_NS if standalone else ""} viewBox="0 0 {_W} {height}" '
        f'width="{_W}" height="{height}" style="max-width:100%;height:auto" role="img" '
        f'aria-labelledby="tl-title tl-desc" '
        f'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="12">',
        f'<title id="tl-title">{html.escape(title)}</title>',
        f'<desc id="tl-desc">{html.escape(desc)}</desc>',
        f'<line x1="{_PAD}" y1="{axis_y}" x2="{_W - _PAD}" y2="{axis_y}" stroke="#000" '
        f'stroke-width="2"/>',
    ]
    texts: list[str] = []
    for p, x, row, anchor, text, tx in placed:
        ty = text_y(row)
        y2 = ty - 10 if row >= 0 else ty + 3
        dash = ' stroke-dasharray="4 3"' if p.kind == "today" else ""
        width = "1.5" if p.kind == "today" else "0.75"
        o.append(f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{y2}" stroke="#000" '
                 f'stroke-width="{width}"{dash}/>')
        if p.kind == "today":
            o.append(f'<line x1="{x:.1f}" y1="{axis_y - 8}" x2="{x:.1f}" y2="{axis_y + 8}" '
                     f'stroke="#000" stroke-width="3"/>')
        else:
            o.append(_marker(p.kind, x, axis_y))
        weight = ' font-weight="bold"' if p.kind == "today" else ""
        # Texts last, each on a white ground (and with a white edge): where a crowded case's
        # leader line must pass a label, it stops at the label instead of running through it.
        width = len(text) * _CHAR
        left = tx if anchor == "start" else tx - width
        texts.append(f'<rect x="{left - 2:.1f}" y="{ty - 11}" width="{width + 4:.1f}" '
                     f'height="15" fill="#fff"/>')
        texts.append(f'<text x="{tx:.1f}" y="{ty}" text-anchor="{anchor}"{weight} '
                     f'stroke="#fff" stroke-width="3" paint-order="stroke">'
                     f"{html.escape(text)}</text>")
    o += texts
    o.append("</svg>")
    return "".join(o)


def _place(points: list[Point], x_of, lang: str) -> list[tuple]:
    """A row for each label: rows 0, 1, … under the axis, −1, −2, … above it. A label never
    overlaps another label, never covers another point's leader line, and its own leader line
    crosses no label (a crowded case falls back to a new row under the rest)."""
    placed: list[tuple] = []  # (point, x, row, anchor, text, text x, left, right)

    def free(row: int, left: float, right: float, x: float) -> bool:
        for _, px, prow, _, _, _, pl, pr in placed:
            if prow == row and not (right + 8 < pl or left - 8 > pr):
                return False
            same_side = (prow >= 0) == (row >= 0)
            if same_side and abs(prow) < abs(row) and pl - 3 <= x <= pr + 3:
                return False  # our leader line would cross that label
            if same_side and abs(prow) > abs(row) and left - 3 <= px <= right + 3:
                return False  # our label would cover that leader line
        return True

    for p in points:
        text = f"{p.label} {format_date(p.date, lang)}"
        width = len(text) * _CHAR
        x = x_of(p.date)
        options = []
        for anchor in ("start", "end"):
            tx = x + 3 if anchor == "start" else x - 3
            left, right = (tx, tx + width) if anchor == "start" else (tx - width, tx)
            if left >= 1 and right <= _W - 1:
                options.append((anchor, tx, left, right))
        if not options:  # wider than either side: keep it inside the picture
            tx = min(max(x - width / 2, 1), _W - 1 - width)
            options = [("start", tx, tx, tx + width)]
        choice = None
        for depth in range(len(points)):
            for row in (depth, -depth - 1):
                for anchor, tx, left, right in options:
                    if free(row, left, right, x):
                        choice = (row, anchor, tx, left, right)
                        break
                if choice:
                    break
            if choice:
                break
        if choice is None:
            anchor, tx, left, right = options[0]
            row = 1 + max((r for _, _, r, *_ in placed), default=0)
            choice = (row, anchor, tx, left, right)
        row, anchor, tx, left, right = choice
        placed.append((p, x, row, anchor, text, tx, left, right))
    return [item[:6] for item in placed]


def timeline_alt_points(points: list[Point], lang: str) -> list[str]:
    return [f"{format_date(p.date, lang)}: {p.label}" for p in points]


# --------------------------------------------------------------------------------------------
# The summary's line


def _line_items(points: list[Point], lang: str) -> list[tuple[str, bool]]:
    """One item a date: the points of one day in one item ("12 mdr. + 5 frister 01-03-2027"),
    so five due dates on the day the twelve months are reached read as one point, not six."""
    days: dict[dt.date, list[Point]] = {}
    for p in points:
        days.setdefault(p.date, []).append(p)
    items: list[tuple[str, bool]] = []
    for day, group in days.items():
        labels: list[str] = []
        dues = sum(1 for p in group if p.kind == "due")
        for p in group:
            if p.kind == "due":
                if dues:
                    labels.append(dw("timeline.short.due", lang) if dues == 1
                                  else dw("timeline.short.due_many", lang, n=dues))
                    dues = 0
                continue
            label = dw(f"timeline.short.{p.kind}", lang)
            if label not in labels:
                labels.append(label)
        items.append((f"{' + '.join(labels)} {format_date(day, lang)}",
                      any(p.kind == "today" for p in group)))
    return items


def timeline_line(case: Case, assessment: Assessment, lang: str | None = None,
                  width: int = 80) -> Text | None:
    """The timeline as one Rich line for the summary, or None without dates. The points of one
    day are one item; when the items do not fit ``width``, the line breaks between two items
    (after an arrow), never inside one."""
    from rich.text import Text  # lazy: Rich only for the summary's line

    lang = lang or case.language
    points = timeline_points(case, assessment, lang)
    if not points:
        return None
    arrow = " → "
    text = Text(no_wrap=False, overflow="fold")
    used = 0
    items = _line_items(points, lang)
    for i, (item, today) in enumerate(items):
        if i:
            room = 0 if i == len(items) - 1 else len(arrow.rstrip())  # this line's last arrow
            if used + len(arrow) + len(item) + room > width:
                text.append(arrow.rstrip(), style="dim")
                text.append("\n")
                used = 0
            else:
                text.append(arrow, style="dim")
                used += len(arrow)
        text.append(item, style="bold" if today else "")
        used += len(item)
    return text
