"""The summary of a case as Rich renderables (for ``fleksjob summary`` and the wizard's Overblik).

Textual-free: it takes a case and its assessment (from :func:`fleksjob_tui.rules.assess`), builds
the case view (:func:`fleksjob_tui.view.build_view`) and lays it out as Rich objects that fit 80
columns; it derives no date, word or estimate itself. State is always written in words (``MANGLER``,
``Spærrer`` …) so the summary reads the same with ``NO_COLOR`` and to a screen reader;
colour only repeats it. Every UI word comes from ``content/report.toml``.

Public API:

* ``render_summary(case, assessment, lang=None, console_width=80) -> rich.console.Group``
* ``summary_text(case, assessment, lang=None, width=80) -> str`` (plain text, no colour)
Re-exported from :mod:`fleksjob_tui.view.words`, where they are derived (import them from there):

* ``status_word(status, lang)``, ``status_sentence(assessment_or_status, lang)``,
  ``status_short(status, lang)`` — the waiting sentence names the day the case can go
* ``finding_groups(assessment, lang, role=None)`` — ``[(group_key, title, findings)]``: who should
  act (employee, manager, union_rep, doctor), then ``waiting`` ("Venter på"), then
  ``municipality`` ("Det vurderer kommunen"); the one grouping the summary and the pack use
* ``finding_tag(finding, lang)`` — ``Mangler`` / ``Venter`` / ``Kommunen vurderer`` …
* ``due_text(finding, lang)`` — ``senest 01-03-2027`` or ``""``
* ``law_line(lang)``, ``law_outdated(as_of, lang)`` — "Lovgrundlag: … (tjekket 01-12-2026)" and,
  after ``law.valid_to``, the one sentence that the law may have changed (else None)
* ``word(key, lang, role=None, **fmt)`` — a text from ``content/report.toml``
* ``format_kr(value, lang, decimals=None)`` — ``15.600`` / ``15.272,50`` (da), ``15,600`` (en)
* ``counts_line(assessment, lang)`` — ``6 ting mangler, 3 råd`` (zero counts left out), or ``""``

The subsidy estimate is worded by :mod:`fleksjob_tui.view.estimate` (the same lines as ``fleksjob
tilskud`` and the wizard's Økonomi step). Sections that depend on the width (the status box, the
dates, the measures) choose their layout when they are drawn, from the width they really get, so
the summary never loses a column or cuts a text with "…" when it is drawn narrower than asked.

The product never says "berettiget"/"eligible": the municipality decides.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..case.dates import format_date
from ..view import CaseView, build_view
from ..view.words import (
    PEOPLE_ORDER,
    SEVERITY_ORDER,
    age_text,
    counts_line,
    date_rows,
    due_text,
    finding_groups,
    finding_kind,
    finding_tag,
    follow_up_line,
    format_kr,
    hours_line,
    law_line,
    law_outdated,
    measure_extra,
    meeting_next_steps,
    municipality_name,
    next_steps,
    people_rows,
    period,
    status_sentence,
    status_short,
    status_word,
    waiting_until,
    word,
)

if TYPE_CHECKING:
    from ..case.model import Case
    from ..rules.types import Assessment

__all__ = [
    "render_summary",
    "summary_text",
    "status_word",
    "status_sentence",
    "status_short",
    "finding_groups",
    "finding_tag",
    "finding_kind",
    "due_text",
    "waiting_until",
    "law_line",
    "law_outdated",
    "word",
    "format_kr",
    "counts_line",
    "date_rows",
    "next_steps",
    "period",
    "age_text",
    "format_date",
    "follow_up_line",
    "hours_line",
    "measure_extra",
    "meeting_next_steps",
    "municipality_name",
    "people_rows",
    "PEOPLE_ORDER",
    "SEVERITY_ORDER",
    "STATUS_STYLE",
]

#: Colour only repeats what the words say.
STATUS_STYLE = {"ready": "bold green", "waiting": "bold blue", "missing": "bold yellow",
                "not_eligible": "bold red"}
SEVERITY_STYLE = {"blocker": "bold red", "missing": "yellow", "advice": "cyan",
                  "waiting": "blue", "municipality": "magenta"}


def _lang(case: Case, assessment: Assessment | None, lang: str | None) -> str:
    if lang in ("da", "en"):
        return lang
    if assessment is not None and assessment.language in ("da", "en"):
        return assessment.language
    return case.language


# --------------------------------------------------------------------------------------------
# Sections


def _header(v: CaseView) -> RenderableType:
    text = Text()
    text.append(word("heading.title", v.lang), style="bold")
    text.append("\n")
    text.append(v.heading_title)
    if v.heading_details:
        text.append(" — " + ", ".join(v.heading_details))
    text.append("\n")
    text.append(word("heading.as_of", v.lang, date=v.as_of_text), style="dim")
    return text


class _ForWidth:
    """A renderable that builds itself for the width it is drawn in (at most ``limit``)."""

    def __init__(self, build: Callable[[int], RenderableType], limit: int = 80) -> None:
        self.build = build
        self.limit = limit

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(max(20, min(options.max_width, self.limit)))


def _status(v: CaseView, width: int) -> RenderableType:
    status = v.status
    text = Text()
    text.append(f"{word('heading.status', v.lang)}: ", style="bold")
    text.append(v.status_word, style=STATUS_STYLE.get(status, "bold"))
    text.append("\n")
    text.append(v.status_detail)
    if v.counts:
        text.append("\n")
        text.append(v.counts, style="dim")
    return _ForWidth(lambda w: Panel(text, box=box.ROUNDED, width=w, padding=(0, 1),
                                     border_style=STATUS_STYLE.get(status, "")), width)


def _longest_word(texts: list[str]) -> int:
    return max((len(w) for t in texts for w in t.split()), default=0)


def _dates(v: CaseView, width: int) -> RenderableType:
    parts: list[RenderableType] = [Text(word("heading.dates", v.lang), style="bold underline")]
    rows = v.dates
    if v.dates_note:  # no birth date: no pension dates
        parts.append(Text(v.dates_note))
    if rows:
        label_width = max(len(label) for label, _ in rows)
        value_word = _longest_word([value for _, value in rows])
        # Side by side only when the values get a column worth reading (not 16 columns that
        # wrap every date note into a narrow strip); otherwise each value under its label.
        value_min = max(value_word, min(max(len(value) for _, value in rows), 24))

        def build(w: int) -> RenderableType:
            if label_width + 2 + value_min <= w:
                # Label and value side by side; the value wraps between words, never cut.
                grid = Table.grid(padding=(0, 2))
                grid.add_column(no_wrap=True, width=label_width)
                grid.add_column(overflow="fold")
                for label, value in rows:
                    grid.add_row(label, value)
                return grid
            # Too narrow: the value on its own line under its label.
            items: list[RenderableType] = []
            for label, value in rows:
                items.append(Text(label, overflow="fold"))
                items.append(Padding(Text(value, overflow="fold"), (0, 0, 0, 2)))
            return Group(*items)

        parts.append(_ForWidth(build, width))
    return Group(*parts)


def _findings(v: CaseView) -> RenderableType:
    lang = v.lang
    parts: list[RenderableType] = [Text(word("heading.findings", lang), style="bold underline")]
    if not v.groups:
        parts.append(Text(word("heading.no_findings", lang)))
        return Group(*parts)
    ref_label = word("heading.reference", lang)
    for group in v.groups:
        parts.append(Text(f"{group.title} ({len(group.items)})", style="bold"))
        for f in group.items:
            line = Text()
            line.append(f"[{f.tag}{' · ' + f.due if f.due else ''}] ",
                        style=SEVERITY_STYLE.get(f.style, ""))
            line.append(f.message)
            ref = Text(f"{ref_label}: {f.reference}", style="dim")
            grid = Table.grid(padding=(0, 1))
            grid.add_column(width=1, no_wrap=True)
            grid.add_column(ratio=1)
            grid.add_row("•", Group(line, ref))
            parts.append(Padding(grid, (0, 0, 0, 2)))
    return Group(*parts)


def _measures(v: CaseView, width: int) -> RenderableType:
    lang = v.lang
    heading = Text(word("heading.measures", lang), style="bold underline")
    if not v.measures:
        return Group(heading, Text(word("heading.no_measures", lang)))
    rows = v.measures

    def as_list() -> RenderableType:
        # One line per measure (wrapping under itself): every column is kept.
        items: list[RenderableType] = []
        for title, when, result, documented, has_result in rows:
            shown = word("measures.result_is", lang, result=result) if has_result else result
            line = " · ".join([when, shown,
                               word("measures.documented_is", lang, documented=documented)])
            items.append(_bullet(Text(f"{title}: {line}")))
        return Group(*items)

    # The measure column is never narrower than its longest word: names wrap between words
    # ("Ændrede / arbejdsopgaver"), never inside one ("arbejdsopga / ver").
    title_word = _longest_word([r[0] for r in rows] + [word("measures.measure", lang)])

    def build(w: int) -> RenderableType:
        # The other columns take 23 + 18 + ~12 and the gaps between them ~6.
        if w < 72 or title_word > w - 23 - 18 - 12 - 6:
            return as_list()
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False,
                      width=w)
        table.add_column(word("measures.measure", lang), overflow="fold", ratio=1,
                         min_width=title_word)
        table.add_column(word("measures.period", lang), no_wrap=True, min_width=23)
        table.add_column(word("measures.result", lang), max_width=18)
        table.add_column(word("measures.documented", lang), no_wrap=True)
        for title, when, result, documented, _ in rows:
            table.add_row(title, when, result, documented)
        return table

    return Group(heading, _ForWidth(build, width))


def _bullet(body: RenderableType) -> RenderableType:
    """``• body``, the body wrapping under itself."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("•", body)
    return grid


def _meetings(v: CaseView) -> RenderableType:
    heading = Text(word("heading.meetings", v.lang), style="bold underline")
    follow = [Text(v.follow_up)] if v.follow_up else []
    if not v.meetings:
        return Group(heading, Text(word("heading.no_meetings", v.lang)), *follow)
    return Group(heading, *(_bullet(Text(line)) for line in v.meetings), *follow)


def _people(v: CaseView) -> RenderableType | None:
    if not v.people_rows:
        return None
    items: list[RenderableType] = [Text(word("people.heading", v.lang), style="bold underline")]
    items += [_bullet(Text(f"{label}: {value}")) for label, value in v.people_rows]
    return Group(*items)


def _next_steps(v: CaseView) -> RenderableType:
    items: list[RenderableType] = [
        Text(word("next_steps.heading", v.lang), style="bold underline"),
        Text(v.next_steps_lead),
    ]
    items += [_bullet(Text(step)) for step in v.next_steps]
    return Group(*items)


def _economy(v: CaseView) -> RenderableType | None:
    if not v.estimate_lines:
        return None
    from ..view.estimate import renderable  # Rich's layout of the estimate, only when there is one

    return Group(Text(word("heading.economy", v.lang), style="bold underline"),
                 renderable(v.estimate_lines, title_style=""))


def _timeline(v: CaseView, width: int) -> list[RenderableType]:
    """The key dates on one line (fleksjob_tui/documents/timeline.py), under the dates; none without."""
    from .timeline import timeline_line  # the timeline module, only when a summary is drawn

    line = timeline_line(v.case, v.assessment, v.lang, width)
    return [Text(""), line] if line is not None else []


# --------------------------------------------------------------------------------------------
# Public


def render_summary(case: Case, assessment: Assessment, lang: str | None = None,
                   console_width: int = 80) -> Group:
    """The whole summary as one Rich ``Group`` that fits ``console_width`` (at most 80) columns,
    or fewer when it is drawn in a narrower space (the layout is chosen when it is drawn).

    ``lang`` defaults to the assessment's language. Finding messages come from the assessment
    (they are in the language the case was assessed in).
    """
    lang = _lang(case, assessment, lang)
    width = max(40, min(console_width, 80))
    v = build_view(case, assessment, lang)
    sections: list[RenderableType] = [
        _header(v),
        _status(v, width),
        _dates(v, width),
        *_timeline(v, width),
        Text(""),
        _findings(v),
        Text(""),
        _next_steps(v),
        Text(""),
        _measures(v, width),
        Text(""),
        _meetings(v),
    ]
    people = _people(v)
    if people is not None:
        sections[3:3] = [Text(""), people]  # after the dates: who is around the case
    eco = _economy(v)
    if eco is not None:
        sections += [Text(""), eco]
    sections += [Text(""), Text(word("heading.disclaimer", lang), style="italic"),
                 Text(v.law_line, style="dim")]
    if v.law_outdated:
        sections.append(Text(v.law_outdated, style="bold"))
    return Group(*sections)


def summary_text(case: Case, assessment: Assessment, lang: str | None = None,
                 width: int = 80) -> str:
    """The summary as plain text (no colour, no control codes), ``width`` columns wide."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, no_color=True, force_terminal=False,
                      color_system=None, highlight=False, emoji=False, legacy_windows=False)
    console.print(render_summary(case, assessment, lang, console_width=width))
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"
