"""The summary of a case as Rich renderables (for ``fleksjob summary`` and the wizard's Overblik).

Textual-free: it takes a case and its assessment (from :func:`fleksjob_tui.rules.assess`) and
builds Rich objects that fit 80 columns. State is always written in words (``MANGLER``,
``Spærrer`` …) so the summary reads the same with ``NO_COLOR`` and to a screen reader;
colour only repeats it. Every UI word comes from ``content/report.toml``.

Public API:

* ``render_summary(case, assessment, lang=None, console_width=80) -> rich.console.Group``
* ``summary_text(case, assessment, lang=None, width=80) -> str`` (plain text, no colour)
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

The subsidy estimate is worded by :mod:`fleksjob_tui.estimate` (the same lines as ``fleksjob
tilskud`` and the wizard's Økonomi step). Sections that depend on the width (the status box, the
dates, the measures) choose their layout when they are drawn, from the width they really get, so
the summary never loses a column or cuts a text with "…" when it is drawn narrower than asked.

The product never says "berettiget"/"eligible": the municipality decides.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from . import content
from .dates import format_date

if TYPE_CHECKING:
    from .model import Case
    from .rules.types import Assessment, Finding

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
    "STATUS_STYLE",
]

#: Colour only repeats what the words say.
STATUS_STYLE = {"ready": "bold green", "waiting": "bold blue", "missing": "bold yellow",
                "not_eligible": "bold red"}
SEVERITY_STYLE = {"blocker": "bold red", "missing": "yellow", "advice": "cyan",
                  "waiting": "blue", "municipality": "magenta"}
SEVERITY_ORDER = ("blocker", "missing", "advice")


def word(key: str, lang: str, role: str | None = None, **fmt: Any) -> str:
    """A text from ``content/report.toml`` at the dotted ``key``."""
    return content.text("report", key, lang, role, **fmt)


def status_word(status: str, lang: str) -> str:
    """One word (or two) for the status: KLAR / MANGLER / OPFYLDER IKKE."""
    return word(f"status.{status}.word", lang)


def waiting_until(assessment: Assessment) -> dt.date | None:
    """The day a waiting case can go to the municipality: when the twelve months are reached."""
    for f in assessment.findings:
        if f.id == "twelve_months_not_met":
            return f.due or assessment.twelve_months.met_on
    return None


def status_sentence(status: str | Assessment, lang: str) -> str:
    """The status as one plain sentence. Given the assessment, a waiting case's sentence names
    the day it can go to the municipality (and the six-year mark when that comes first)."""
    if isinstance(status, str):
        if status == "waiting":
            return word("status.waiting.sentence_plain", lang)
        return word(f"status.{status}.sentence", lang)
    assessment = status
    if assessment.status != "waiting":
        return word(f"status.{assessment.status}.sentence", lang)
    until = waiting_until(assessment)
    if until is None:
        return word("status.waiting.sentence_plain", lang)
    p = assessment.pension
    if p is not None and assessment.as_of < p.six_year_mark < until:
        return word("status.waiting.sentence_six", lang, date=format_date(until, lang),
                    six_year_mark=format_date(p.six_year_mark, lang))
    return word("status.waiting.sentence", lang, date=format_date(until, lang))


def status_short(status: str, lang: str) -> str:
    """``ser ud til at være klar til at kontakte kommunen`` / ``mangler dokumentation`` / …"""
    return word(f"status.{status}.short", lang)


#: The groups of people who act, in this order; then "waiting", then "municipality".
PEOPLE_ORDER = ("employee", "manager", "union_rep", "doctor")


def finding_kind(f: Finding) -> str:
    """``waiting`` (only time), ``municipality`` (the municipality assesses or decides) or the
    person who should act (``employee``, ``manager``, ``union_rep``, ``doctor``)."""
    from .rules.engine import is_waiting

    if is_waiting(f):
        return "waiting"
    if f.responsible == "municipality":
        return "municipality"
    return f.responsible


def finding_tag(f: Finding, lang: str) -> str:
    """The word in brackets before a finding: Spærrer / Mangler / Råd, or Venter for the time-
    bound one and "Kommunen vurderer" for what the municipality will assess (never "Mangler")."""
    kind = finding_kind(f)
    if f.severity == "missing" and kind in ("waiting", "municipality"):
        return word(f"severity.{kind}", lang)
    return word(f"severity.{f.severity}", lang)


def due_text(f: Finding, lang: str) -> str:
    """``senest 01-03-2027`` (``by 2027-03-01``) for a finding with a due date; ``så hurtigt som
    muligt`` for one missing now without a date (RULES.md section 7); else ``""``."""
    if f.due is None:
        from .rules.engine import holds_back

        return word("due.asap", lang) if holds_back(f) else ""
    return word("due.by", lang, date=format_date(f.due, lang))


def finding_groups(assessment: Assessment, lang: str, role: str | None = None
                   ) -> list[tuple[str, str, list[Finding]]]:
    """The findings grouped for reading: ``[(group_key, title, findings)]``.

    First who at the workplace (or the doctor) should act, in PEOPLE_ORDER; then ``waiting``
    ("Venter på": what only needs time); then ``municipality`` ("Det vurderer kommunen": what it
    assesses or decides once contacted). Within a group: blockers, missing, advice, in the rules'
    order. Empty groups are left out. ``role`` words the employee's group ("Dig").
    """
    buckets: dict[str, list[Finding]] = {}
    for f in assessment.findings:
        buckets.setdefault(finding_kind(f), []).append(f)
    out = []
    for key in (*PEOPLE_ORDER, "waiting", "municipality"):
        items = buckets.get(key)
        if not items:
            continue
        items = sorted(items, key=lambda f: SEVERITY_ORDER.index(f.severity)
                       if f.severity in SEVERITY_ORDER else 9)
        if key in PEOPLE_ORDER:
            title = word(f"responsible.{key}", lang, role)
        else:
            title = word(f"group.{key}", lang)
        out.append((key, title, items))
    return out


def law_line(lang: str) -> str:
    """ "Lovgrundlag: … (tjekket 01-12-2026)": the law the rules were last checked against."""
    from .rules.law import law_basis

    basis = law_basis()
    return word("law.line", lang, act=basis.name_in(lang),
                checked_on=format_date(basis.checked_on, lang))


def law_outdated(as_of: dt.date, lang: str) -> str | None:
    """After ``law.valid_to``: one sentence that the law may have changed; else None."""
    from .rules.law import law_basis

    basis = law_basis()
    if not basis.outdated(as_of):
        return None
    return word("law.outdated", lang, checked_on=format_date(basis.checked_on, lang))


def format_kr(value: float | int, lang: str, decimals: int | None = None) -> str:
    """An amount in kroner without the unit: ``15.600`` or ``15.272,50`` in Danish.

    ``decimals`` None: whole numbers without decimals, others with two.
    """
    if decimals is None:
        decimals = 0 if float(value) == int(value) else 2
    s = f"{value:,.{decimals}f}"  # 15,272.50
    if lang == "en":
        return s
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _lang(case: Case, assessment: Assessment | None, lang: str | None) -> str:
    if lang in ("da", "en"):
        return lang
    if assessment is not None and assessment.language in ("da", "en"):
        return assessment.language
    return case.language


def age_text(years: int, months: int, lang: str) -> str:
    if months:
        return word("dates.years_months", lang, years=years, months=months)
    return word("dates.years", lang, years=years)


# --------------------------------------------------------------------------------------------
# Sections


def _header(case: Case, assessment: Assessment, lang: str) -> RenderableType:
    title = case.case.title or word("heading.untitled", lang)
    text = Text()
    text.append(word("heading.title", lang), style="bold")
    text.append("\n")
    text.append(title)
    details = [x for x in (case.person.name, case.employment.employer,
                           case.employment.job_title) if x]
    if details:
        text.append(" — " + ", ".join(details))
    text.append("\n")
    text.append(word("heading.as_of", lang, date=format_date(assessment.as_of, lang)),
                style="dim")
    return text


class _ForWidth:
    """A renderable that builds itself for the width it is drawn in (at most ``limit``)."""

    def __init__(self, build: Callable[[int], RenderableType], limit: int = 80) -> None:
        self.build = build
        self.limit = limit

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(max(20, min(options.max_width, self.limit)))


def counts_line(assessment: Assessment, lang: str) -> str:
    """``1 ting spærrer, 2 ting mangler, 1 ting venter på tiden, 1 ting vurderer kommunen, 3 råd``;
    zero counts left out. Only what someone at the workplace must do counts as "mangler"."""
    n = {"blocker": 0, "missing": 0, "waiting": 0, "municipality": 0, "advice": 0}
    for f in assessment.findings:
        if f.severity == "missing":
            kind = finding_kind(f)
            n[kind if kind in ("waiting", "municipality") else "missing"] += 1
        elif f.severity in n:
            n[f.severity] += 1
    parts = []
    for key in ("blocker", "missing", "waiting", "municipality", "advice"):
        if n[key]:
            parts.append(word(f"counts.{key}_one" if n[key] == 1 else f"counts.{key}", lang,
                              n=n[key]))
    return ", ".join(parts)


def _status(assessment: Assessment, lang: str, width: int) -> RenderableType:
    status = assessment.status
    text = Text()
    text.append(f"{word('heading.status', lang)}: ", style="bold")
    text.append(status_word(status, lang), style=STATUS_STYLE.get(status, "bold"))
    text.append("\n")
    text.append(status_sentence(assessment, lang))
    counts = counts_line(assessment, lang)
    if counts:
        text.append("\n")
        text.append(counts, style="dim")
    return _ForWidth(lambda w: Panel(text, box=box.ROUNDED, width=w, padding=(0, 1),
                                     border_style=STATUS_STYLE.get(status, "")), width)


def date_rows(assessment: Assessment, lang: str) -> list[tuple[str, str]]:
    """The key dates that apply, as (label, value) rows (used by the summary and the pack)."""
    rows: list[tuple[str, str]] = []
    tm = assessment.twelve_months
    if tm.start:
        rows.append((word("dates.special_terms_start", lang), format_date(tm.start, lang)))
    if tm.exemption:
        rows.append((word("dates.twelve_months_exempt", lang),
                     word(f"exemption.{tm.exemption}", lang)))
    elif tm.met_on:
        note = word("dates.twelve_months_met" if tm.met else "dates.twelve_months_not_met", lang)
        rows.append((word("dates.twelve_months", lang), f"{format_date(tm.met_on, lang)} {note}"))
    p = assessment.pension
    if p is not None and tm.exemption != "self_employed":
        mark = format_date(p.six_year_mark, lang)
        rows.append((word("dates.six_year_mark", lang),
                     f"{mark} {word('dates.six_year_mark_note', lang)}"))
    if assessment.turns_40 is not None and assessment.turns_40 > assessment.as_of:
        rows.append((word("dates.turns_40", lang), format_date(assessment.turns_40, lang)))
    if p is not None:
        age = word("dates.pension_age", lang, age=age_text(p.years, p.months, lang))
        rows.append((word("dates.pension", lang), f"{format_date(p.date, lang)} {age}"))
    fj = assessment.flexjob
    if fj is not None:
        rows += [
            (word("dates.flexjob_start", lang), format_date(fj.start, lang)),
            (word("dates.flexjob_follow_up", lang), format_date(fj.follow_up, lang)),
            (word("dates.flexjob_status", lang), format_date(fj.status, lang)),
            (word("dates.flexjob_end", lang), format_date(fj.end, lang)),
        ]
    return rows


def _longest_word(texts: list[str]) -> int:
    return max((len(w) for t in texts for w in t.split()), default=0)


def _dates(case: Case, assessment: Assessment, lang: str, width: int) -> RenderableType:
    parts: list[RenderableType] = [Text(word("heading.dates", lang), style="bold underline")]
    rows = date_rows(assessment, lang)
    if assessment.pension is None:
        parts.append(Text(word("dates.no_birth_date", lang)))
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


def _findings(assessment: Assessment, lang: str, role: str | None) -> RenderableType:
    parts: list[RenderableType] = [Text(word("heading.findings", lang), style="bold underline")]
    groups = finding_groups(assessment, lang, role)
    if not groups:
        parts.append(Text(word("heading.no_findings", lang)))
        return Group(*parts)
    ref_label = word("heading.reference", lang)
    for key, title, items in groups:
        parts.append(Text(f"{title} ({len(items)})", style="bold"))
        for f in items:
            kind = finding_kind(f)
            style_key = kind if f.severity == "missing" and kind in ("waiting", "municipality") \
                else f.severity
            tag = finding_tag(f, lang)
            due = due_text(f, lang)
            line = Text()
            line.append(f"[{tag}{' · ' + due if due else ''}] ",
                        style=SEVERITY_STYLE.get(style_key, ""))
            line.append(f.message)
            ref = Text(f"{ref_label}: {f.reference}", style="dim")
            grid = Table.grid(padding=(0, 1))
            grid.add_column(width=1, no_wrap=True)
            grid.add_column(ratio=1)
            grid.add_row("•", Group(line, ref))
            parts.append(Padding(grid, (0, 0, 0, 2)))
    return Group(*parts)


def period(m: Any, lang: str) -> str:
    """A measure's period in words: "01-06-2025 – 01-12-2025", "fra …", "til …" or "—"."""
    if m.from_ and m.to:
        return f"{format_date(m.from_, lang)} – {format_date(m.to, lang)}"
    if m.from_:
        return word("measures.since", lang, date=format_date(m.from_, lang))
    if m.to:
        return word("measures.until", lang, date=format_date(m.to, lang))
    return "—"


def _measure_title(m: Any, lang: str) -> str:
    if m.id == "other" or m.title:
        base = m.title or m.id
        if m.id != "other" and content.has("measures", f"{m.id}.title"):
            catalogue = content.text("measures", f"{m.id}.title", lang)
            if catalogue.strip().lower() != base.strip().lower():
                return f"{catalogue}: {base}"
        return base
    if content.has("measures", f"{m.id}.title"):
        return content.text("measures", f"{m.id}.title", lang)
    return m.id


def _measures(case: Case, lang: str, width: int) -> RenderableType:
    heading = Text(word("heading.measures", lang), style="bold underline")
    if not case.measures:
        return Group(heading, Text(word("heading.no_measures", lang)))
    rows = []
    for m in case.measures:
        status = word(f"measure_status.{m.status}", lang) if m.status else "—"
        has_result = m.status in ("tried", "ongoing") and bool(m.result)
        if has_result:
            result = word(f"measure_result.{m.result}", lang)
            if m.status == "ongoing":
                result += f" ({status})"
        else:
            result = status
        documented = word(f"answer.{m.documented}", lang) if m.documented else "—"
        rows.append((_measure_title(m, lang), period(m, lang), result, documented, has_result))

    def as_list() -> RenderableType:
        # One line per measure (wrapping under itself): every column is kept.
        items: list[RenderableType] = []
        for title, period, result, documented, has_result in rows:
            shown = word("measures.result_is", lang, result=result) if has_result else result
            line = " · ".join([period, shown,
                               word("measures.documented_is", lang, documented=documented)])
            items.append(_bullet(Text(f"{title}: {line}")))
        return Group(*items)

    def build(w: int) -> RenderableType:
        if w < 72:
            return as_list()
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False,
                      width=w)
        table.add_column(word("measures.measure", lang), overflow="fold", ratio=1)
        table.add_column(word("measures.period", lang), no_wrap=True, min_width=23)
        table.add_column(word("measures.result", lang), max_width=18)
        table.add_column(word("measures.documented", lang), no_wrap=True)
        for title, period, result, documented, _ in rows:
            table.add_row(title, period, result, documented)
        return table

    return Group(heading, _ForWidth(build, width))


def _bullet(body: RenderableType) -> RenderableType:
    """``• body``, the body wrapping under itself."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("•", body)
    return grid


def _meetings(case: Case, lang: str) -> RenderableType:
    heading = Text(word("heading.meetings", lang), style="bold underline")
    if not case.meetings:
        return Group(heading, Text(word("heading.no_meetings", lang)))
    items: list[RenderableType] = [heading]
    ordered = sorted(case.meetings, key=lambda m: (m.date is None, m.date or 0))
    for m in ordered:
        parts = [format_date(m.date, lang) if m.date else word("meetings.no_date", lang)]
        who = [word(f"participant.{p}", lang) for p in m.participants]
        if who:
            parts.append(", ".join(who))
        if m.agreed and m.agreed.strip():
            parts.append(word("meetings.agreed", lang, text=" ".join(m.agreed.split())))
        elif m.summary and m.summary.strip():
            parts.append(word("meetings.summary", lang, text=" ".join(m.summary.split())))
        else:
            parts.append(word("meetings.nothing_agreed", lang))
        items.append(_bullet(Text(" · ".join(parts))))
    return Group(*items)


def next_steps(case: Case, assessment: Assessment, lang: str) -> list[str]:
    """The next steps for the role filling in the case (content/report.toml [next_steps]).

    Each item is taken when its condition holds: a raised finding id, "always", "ready" or
    "not_ready". The employee is the default role.
    """
    role = case.case.role or "employee"
    raised = {f.id for f in assessment.findings}
    ready = assessment.status == "ready"
    waiting = assessment.status == "waiting"
    steps = []
    for item in content.entry("report", f"next_steps.{role}"):
        when = item["when"]
        if (
            when == "always"
            or (when == "ready" and ready)
            or (when == "not_ready" and not ready)
            or (when == "waiting" and waiting)
            or when in raised
        ):
            steps.append(content.pick(item, lang))
    return steps


def _next_steps(case: Case, assessment: Assessment, lang: str) -> RenderableType:
    role = case.case.role or "employee"
    items: list[RenderableType] = [
        Text(word("next_steps.heading", lang), style="bold underline"),
        Text(word(f"next_steps.lead.{role}", lang)),
    ]
    items += [_bullet(Text(step)) for step in next_steps(case, assessment, lang)]
    return Group(*items)


def _economy(case: Case, assessment: Assessment, lang: str) -> RenderableType | None:
    from .estimate import lines as estimate_lines, renderable

    lines = estimate_lines(assessment.estimate, lang, detail=False)
    if not lines:
        return None
    return Group(Text(word("heading.economy", lang), style="bold underline"),
                 renderable(lines, title_style=""))


def _timeline(case: Case, assessment: Assessment, lang: str, width: int) -> list[RenderableType]:
    """The key dates on one line (fleksjob_tui/timeline.py), under the dates; none without."""
    from .timeline import timeline_line

    line = timeline_line(case, assessment, lang, width)
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
    role = case.case.role
    sections: list[RenderableType] = [
        _header(case, assessment, lang),
        _status(assessment, lang, width),
        _dates(case, assessment, lang, width),
        *_timeline(case, assessment, lang, width),
        Text(""),
        _findings(assessment, lang, role),
        Text(""),
        _next_steps(case, assessment, lang),
        Text(""),
        _measures(case, lang, width),
        Text(""),
        _meetings(case, lang),
    ]
    eco = _economy(case, assessment, lang)
    if eco is not None:
        sections += [Text(""), eco]
    sections += [Text(""), Text(word("heading.disclaimer", lang), style="italic"),
                 Text(law_line(lang), style="dim")]
    outdated = law_outdated(assessment.as_of, lang)
    if outdated:
        sections.append(Text(outdated, style="bold"))
    return Group(*sections)


def summary_text(case: Case, assessment: Assessment, lang: str | None = None,
                 width: int = 80) -> str:
    """The summary as plain text (no colour, no control codes), ``width`` columns wide."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, no_color=True, force_terminal=False,
                      color_system=None, highlight=False, emoji=False, legacy_windows=False)
    console.print(render_summary(case, assessment, lang, console_width=width))
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"
