"""The wage-subsidy estimate in words: the one rendering used by ``fleksjob tilskud``, the summary
(``report.render_summary``) and the wizard's Økonomi step.

The computation is the rules package's (rules/subsidy.py; a case's estimate is computed once by
``assess`` and kept as ``Assessment.estimate``, worded by :func:`lines`); this module only words it, always as
an estimate ("vejledende"): the municipality computes the real amount every month. It does not
import Textual: it gives lines — a string (a leading indent marks a line that wraps under itself)
or a ``(label, amount)`` row — which the command line lays out with :func:`wrap_lines` and the
summary and the wizard show through :func:`renderable` (Rich, laid out for the width it is drawn
in: the same text as the command line when it fits, labels wrapping when it does not).

Amounts: whole kroner everywhere ("15.272 kr." in Danish, "15,272 kr" in English) — the rules
round the subsidy to whole kroner, and the monthly wage and the total are shown the same way.
Only the hourly wage, a rate, keeps its øre ("187,50 kr.").

Every word comes from ``content/report.toml`` (tables ``[tilskud]``, ``[param_name]``,
``[param_status]``).
"""

from __future__ import annotations

import textwrap
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from .. import content
from ..rules import subsidy

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..case.model import Case
    from ..rules.types import CaseEstimate

Estimate = subsidy.SubsidyEstimate | subsidy.SelfEmployedEstimate
#: A line of text, or a (label, amount) row; rows next to each other are aligned.
Line = str | tuple[str, str]

__all__ = [
    "Estimate",
    "Line",
    "kr",
    "kr_rate",
    "choose_year",
    "case_estimate",
    "estimate_lines",
    "lines",
    "wrap_lines",
    "renderable",
]


def _w(key: str, lang: str, **fmt) -> str:
    return content.text("report", key, lang, **fmt)


def _group(digits: str, lang: str) -> str:
    """Thousands separators: "." in Danish, "," in English."""
    sep = "," if lang == "en" else "."
    neg = digits.startswith("-")
    digits = digits.lstrip("-")
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return ("-" if neg else "") + sep.join(parts)


def _unit(lang: str) -> str:
    return "kr" if lang == "en" else "kr."


def kr(amount: float | int | Decimal, lang: str) -> str:
    """An amount in whole kroner: 15272.5 → "15.273 kr." (da) / "15,273 kr" (en).

    Rounded half up, like the rules round the subsidy (BEK nr. 227/2024 § 2).
    """
    whole = Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{_group(str(int(whole)), lang)} {_unit(lang)}"


def _whole_kr(amount: float | int | Decimal) -> int:
    """An amount rounded half up to whole kroner, as :func:`kr` shows it."""
    return int(Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def kr_rate(amount: float | int, lang: str) -> str:
    """A rate (the hourly wage) with øre when it has them: "200 kr." / "187,50 kr."."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value == value.to_integral_value():
        return kr(value, lang)
    whole, cents = f"{value:.2f}".split(".")
    dec = "." if lang == "en" else ","
    return f"{_group(whole, lang)}{dec}{cents} {_unit(lang)}"


def _number(value: float, lang: str) -> str:
    """A plain number (hours, percentages): 18 / 18,5 (da) / 18.5 (en)."""
    text = f"{value:g}" if float(value) != int(value) else str(int(value))
    return text.replace(".", ",") if lang != "en" else text


# --------------------------------------------------------------------------------------------
# Which year and which estimate


def choose_year(year: int | None, today: int, years: tuple[int, ...], lang: str
                ) -> tuple[int, str | None]:
    """The year to use (:func:`fleksjob_tui.rules.subsidy.pick_year`), and a note when it is not
    the one asked for (``fleksjob tilskud``, which has no case)."""
    chosen, defaulted = subsidy.pick_year(year, today, years)
    return chosen, _year_note(today, chosen, lang) if defaulted else None


def _year_note(today: int, year: int, lang: str) -> str:
    """A later year than the last with figures: its rates are not published yet (RULES.md
    section 6); an earlier one simply has none."""
    key = "tilskud.year_not_published" if today > year else "tilskud.year_default"
    return _w(key, lang, today=today, year=year)


def case_estimate(case: Case, default_year: int,
                  full_time_hours: float | None = None) -> Estimate | None:
    """The estimate for the case's [economy] table (:func:`fleksjob_tui.rules.subsidy.compute`),
    for a caller that has no assessment; outputs read ``Assessment.estimate`` instead."""
    return subsidy.compute(case, case.economy.year or default_year, full_time_hours)


# --------------------------------------------------------------------------------------------
# The lines


def _parameter_lines(est: Estimate, lang: str) -> list[Line]:
    self_employed = isinstance(est, subsidy.SelfEmployedEstimate)
    out = [_w("tilskud.parameters", lang, year=est.year)]
    for p in est.parameters:
        key = "base_self" if (self_employed and p.name == "base") else p.name
        name = (_w(f"param_name.{key}", lang)
                if content.has("report", f"param_name.{key}") else p.name)
        status = (_w(f"param_status.{p.status}", lang)
                  if content.has("report", f"param_status.{p.status}") else p.status)
        out.append(f"  {name}: {kr(p.value, lang)} ({status})")
        out.append(f"    {_w('tilskud.source', lang)}: {p.source_in(lang)}")
    return out


def _pct(rate: float, lang: str) -> str:
    return _number(round(rate * 100, 2), lang)


def estimate_lines(est: Estimate, lang: str, *, detail: bool = True,
                   note: str | None = None) -> list[Line]:
    """The estimate in words: strings and ``(label, amount)`` rows.

    Always says it is an estimate. ``detail`` adds the formula, every figure used with its own
    source and status, and the rules followed (the command line and the wizard show it; the
    summary leaves it out). ``note`` (e.g. which year was used) goes under the title. A leading
    indent marks a line that belongs to the one above it.
    """
    lines: list[Line] = []
    if isinstance(est, subsidy.SelfEmployedEstimate):
        lines.append(_w("tilskud.title_self", lang, year=est.year))
        lines.append(_w("tilskud.disclaimer", lang))
        if note:
            lines.append(note)
        lines.append("")
        lines += [
            (_w("tilskud.income", lang), kr(est.business_income, lang)),
            (_w("tilskud.per_year", lang), kr(est.subsidy_per_year, lang)),
            (_w("tilskud.per_month", lang), kr(est.subsidy_per_month, lang)),
        ]
        if detail:
            lines.append("")
            lines.append(_w("tilskud.formula_self", lang, rate=_pct(est.rate, lang)))
    else:
        lines.append(_w("tilskud.title", lang, year=est.year))
        lines.append(_w("tilskud.disclaimer", lang))
        if note:
            lines.append(note)
        lines.append("")
        rows = [
            (_w("tilskud.hourly", lang), kr_rate(est.hourly_wage, lang)),
            (_w("tilskud.hours", lang), _number(est.hours_per_week, lang)),
            (_w("tilskud.wage", lang), kr(est.wage, lang)),
        ]
        cap = est.cap if est.cap is not None else est.full_time_monthly_wage
        estimated = est.cap_estimated
        hours_full = _number(est.full_time_hours, lang)
        subsidy_shown = kr(est.subsidy, lang)
        if est.capped:
            # Rows that add up: the subsidy shown is the total shown − the wage shown (the
            # ceiling holds to the krone, LAB § 123, stk. 3).
            shown = _whole_kr(est.total) - _whole_kr(est.wage)
            subsidy_shown = kr(max(0, shown), lang)
        if cap is None or (estimated and not est.capped):
            rows.append((_w("tilskud.subsidy", lang), subsidy_shown))
        else:
            rows.append((_w("tilskud.subsidy_before", lang), kr(est.subsidy_before_cap, lang)))
            rows.append((_w("tilskud.subsidy_after", lang), subsidy_shown))
        rows.append((_w("tilskud.total", lang), kr(est.total, lang)))
        lines += rows
        if cap is None:
            lines.append(_w("tilskud.no_cap", lang))
        elif estimated and est.capped:
            lines.append(_w("tilskud.capped_estimated", lang, cap=kr(cap, lang),
                            hours=hours_full))
        elif estimated:
            lines.append(_w("tilskud.cap_estimated", lang, cap=kr(cap, lang), hours=hours_full))
        elif est.capped:
            lines.append(_w("tilskud.capped", lang, cap=kr(cap, lang)))
        else:
            lines.append(_w("tilskud.cap_not_binding", lang, cap=kr(cap, lang)))
        lines.append(_w("tilskud.total_note", lang))
        if detail:
            lines.append("")
            lines.append(_w("tilskud.formula", lang, low=_pct(est.low_rate, lang),
                            high=_pct(est.high_rate, lang)))
    if detail:
        lines += _parameter_lines(est, lang)
        lines.append(_w("tilskud.reference", lang, reference=est.reference, year=est.year))
    return lines


def lines(found: CaseEstimate | None, lang: str, *, detail: bool = True,
          when_missing: bool = False) -> list[Line]:
    """The case's estimate as the assessment holds it (``Assessment.estimate``), in words (see
    :func:`estimate_lines`).

    The year defaulted (no figures for the as-of year): a note says which year was used.
    Numbers missing: ``[]``, or with ``when_missing`` a line that says what to fill in. A year
    without figures or a number out of range: one line that says so.
    """
    if found is None:
        return []
    if found.unknown_year is not None:
        year, years = found.unknown_year
        known = ", ".join(str(y) for y in years)
        return [_w("tilskud.unknown_year", lang, year=year, years=known)]
    if found.error is not None:
        return [found.error]
    if found.result is None:
        if not when_missing:
            return []
        return [_w("tilskud.need_income" if found.self_employed else "tilskud.need_numbers", lang)]
    note = _year_note(found.today, found.year, lang) if found.defaulted else None
    return estimate_lines(found.result, lang, detail=detail, note=note)


# --------------------------------------------------------------------------------------------
# Output


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blocks(lines: list[Line]):
    """Runs of rows as one list, strings one by one."""
    run: list[tuple[str, str]] = []
    for line in lines:
        if isinstance(line, tuple):
            run.append(line)
            continue
        if run:
            yield run
            run = []
        yield line
    if run:
        yield run


def wrap_lines(lines: list[Line], width: int = 80) -> list[str]:
    """Plain text ``width`` columns wide: rows as ``label: amount`` with the amounts aligned,
    strings wrapped between words, continuation lines keeping the line's own indent."""
    out: list[str] = []
    for block in _blocks(lines):
        if isinstance(block, list):
            lw = max(len(label) for label, _ in block) + 1
            vw = max(len(value) for _, value in block)
            out += [f"{label + ':':<{lw}} {value:>{vw}}" for label, value in block]
            continue
        if not block.strip():
            out.append("")
            continue
        pad = " " * _indent(block)
        out += textwrap.wrap(block.strip(), width=width, initial_indent=pad,
                             subsequent_indent=pad, break_on_hyphens=False,
                             break_long_words=True) or [""]
    return out


def renderable(lines: list[Line], *, title_style: str = "bold") -> RenderableType:
    """The lines as one Rich renderable that wraps to the width it is drawn in (the summary, the
    wizard's Static): the same text as :func:`wrap_lines` when it fits; when it does not, the
    labels of the rows wrap and the amounts stay whole. The first line in ``title_style``."""
    # Rich only for the summary and the wizard: `fleksjob tilskud` prints plain lines without it.
    from rich.console import Group
    from rich.padding import Padding  # (the same reason)
    from rich.table import Table  # (the same reason)
    from rich.text import Text  # (the same reason)

    parts = []
    for i, block in enumerate(_blocks(lines)):
        if isinstance(block, list):
            grid = Table.grid(padding=(0, 1))
            grid.add_column()
            grid.add_column(justify="right", no_wrap=True)
            for label, value in block:
                grid.add_row(label + ":", value)
            parts.append(grid)
            continue
        text = Text(block.strip(), style=title_style if i == 0 else "")
        indent = _indent(block)
        parts.append(Padding(text, (0, 0, 0, indent)) if indent else text)
    return Group(*parts)
