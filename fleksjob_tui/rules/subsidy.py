"""Wage subsidy estimates: fleksløntilskud (LAB §§ 122-123, BEK nr. 227/2024) and the yearly
subsidy to self-employed people (LAB § 126, BEK nr. 1794/2025 § 8).

Always an estimate ("vejledende"): the municipality computes the real amount every month from
the income register. Every figure used comes from ``content/parameters.toml`` with its source and
status (official / computed / secondary), so the user can see how sure it is.

Arithmetic is done in ``Decimal`` so that STAR's worked example is exact: 200 kr × 18 h a week →
wage 15.600 kr a month, subsidy 19.952 − 30 % × 15.600 = 15.272 kr.

The case's estimate (:func:`case_estimate`) is computed once by :func:`fleksjob_tui.rules.assess`
from the case's ``[economy]`` table and kept as a :class:`~.types.CaseEstimate` (an estimate, the
numbers missing, a year without figures or a number out of range); every output reads
``Assessment.estimate``, worded by :mod:`fleksjob_tui.view.estimate`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from .. import content
from .types import CaseEstimate

if TYPE_CHECKING:
    from ..case.model import Case

#: Limits that catch typing errors (e.g. a monthly wage typed as an hourly wage).
MAX_HOURLY_WAGE = 10_000
MAX_HOURS_PER_WEEK = 80
MAX_MONTHLY_WAGE = 1_000_000
MAX_BUSINESS_INCOME = 100_000_000

_ONE = Decimal(1)
_CENT = Decimal("0.01")


class UnknownYearError(ValueError):
    """No figures for the year asked for. ``years`` holds the years that have figures."""

    def __init__(self, year: Any, years: tuple[int, ...], what: str = "fleksløntilskud") -> None:
        self.year = year
        self.years = years
        known = ", ".join(str(y) for y in years)
        super().__init__(
            f"Der er ingen satser for {what} for år {year}; kendte år: {known}. "
            f"/ No {what} rates for the year {year}; known years: {known}."
        )


@dataclass(frozen=True, slots=True)
class Parameter:
    """One legal figure with where it comes from."""

    name: str
    year: int
    value: int
    status: str  # official | computed | secondary
    source: str  # in Danish
    source_en: str = ""  # the same in English

    def source_in(self, lang: str) -> str:
        """Where the figure comes from, in ``lang`` (Danish when there is no translation)."""
        return self.source_en if lang == "en" and self.source_en else self.source

    def to_json(self) -> dict:
        return {
            "name": self.name, "year": self.year, "value": self.value,
            "status": self.status, "source": self.source, "source_en": self.source_en,
        }


@dataclass(frozen=True, slots=True)
class SubsidyEstimate:
    """A monthly fleksløntilskud estimate (kroner per calendar month)."""

    year: int
    hourly_wage: float
    hours_per_week: float
    wage: float  # W = hourly wage × hours a week × 52 / 12, in kroner and øre
    subsidy_before_cap: float  # max(0, B − 30 % × min(W, T) − 55 % × max(0, W − T)), not rounded
    # After the cap (lønloft): whole kroner (BEK 227/2024 § 2); when the cap binds it is exactly
    # cap − wage (kroner and øre), so wage + subsidy equals the cap to the krone.
    subsidy: int | float
    total: float  # wage + subsidy
    full_time_monthly_wage: float | None  # the full-time wage given, or None
    capped: bool  # True when the cap lowered the subsidy
    base: Parameter  # B = 98 % of the highest dagpenge amount
    threshold: Parameter  # T
    max_dagpenge: Parameter
    low_rate: float = 0.30
    high_rate: float = 0.55
    reference: str = "LAB §§ 122-123; BEK nr. 227 af 07/03/2024 §§ 2-3"
    # True when no full-time wage was given and the cap is the hourly wage × full_time_hours ×
    # 52 / 12 (an estimate, said so in the result).
    cap_estimated: bool = False
    full_time_hours: float = 37.0
    cap: float | None = None  # the ceiling used: the full-time wage, or the estimate
    @property
    def parameters(self) -> tuple[Parameter, ...]:
        return (self.max_dagpenge, self.base, self.threshold)

    def to_json(self) -> dict:
        return {
            "year": self.year,
            "hourly_wage": self.hourly_wage,
            "hours_per_week": self.hours_per_week,
            "wage": self.wage,
            "subsidy_before_cap": self.subsidy_before_cap,
            "subsidy": self.subsidy,
            "total": self.total,
            "full_time_monthly_wage": self.full_time_monthly_wage,
            "capped": self.capped,
            "cap": self.cap,
            "cap_estimated": self.cap_estimated,
            "full_time_hours": self.full_time_hours,
            "parameters": [p.to_json() for p in self.parameters],
            "reference": self.reference,
        }


@dataclass(frozen=True, slots=True)
class SelfEmployedEstimate:
    """A yearly estimate of the subsidy to a self-employed person (BEK nr. 1794/2025 § 8)."""

    year: int
    business_income: float  # calculated yearly income (average of the best 2 of the last 3 years)
    subsidy_per_year: int  # max(0, base − 30 % × income), whole kroner
    subsidy_per_month: int  # 1/12 of it, whole kroner
    base: Parameter
    rate: float = 0.30
    reference: str = "LAB § 126; BEK nr. 1794 af 29/12/2025 § 8"

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        return (self.base,)

    def to_json(self) -> dict:
        return {
            "year": self.year,
            "business_income": self.business_income,
            "subsidy_per_year": self.subsidy_per_year,
            "subsidy_per_month": self.subsidy_per_month,
            "parameters": [p.to_json() for p in self.parameters],
            "reference": self.reference,
        }


# --- parameters ------------------------------------------------------------------------------


def _param(name: str, year: int, raw: Any) -> Parameter:
    return Parameter(
        name=name, year=year, value=int(raw["value"]),
        status=str(raw["status"]), source=str(raw["source"]),
        source_en=str(raw.get("source_en", "")),
    )


@cache
def _subsidy_table() -> tuple[dict[int, dict[str, Parameter]], dict[str, Any]]:
    table = content.load("parameters")["subsidy"]
    years: dict[int, dict[str, Parameter]] = {}
    for key, raw in table.items():
        if isinstance(raw, dict) and key.isdigit():
            y = int(key)
            years[y] = {n: _param(n, y, raw[n]) for n in ("max_dagpenge", "base", "threshold")}
    general = {k: v for k, v in table.items() if not isinstance(v, dict)}
    return years, general


@cache
def _self_employed_table() -> tuple[dict[int, Parameter], dict[str, Any]]:
    table = content.load("parameters")["self_employed"]
    years = {
        int(k): _param("base", int(k), v["base"])
        for k, v in table.items() if isinstance(v, dict) and k.isdigit()
    }
    general = {k: v for k, v in table.items() if not isinstance(v, dict)}
    return years, general


def available_years() -> tuple[int, ...]:
    """The years with fleksløntilskud figures, oldest first."""
    return tuple(sorted(_subsidy_table()[0]))


def self_employed_years() -> tuple[int, ...]:
    """The years with a base amount for self-employed people, oldest first."""
    return tuple(sorted(_self_employed_table()[0]))


def parameters_for(year: int) -> dict[str, Parameter]:
    """The fleksløntilskud figures of a year: max_dagpenge, base, threshold."""
    years = _subsidy_table()[0]
    if isinstance(year, bool) or not isinstance(year, int) or year not in years:
        raise UnknownYearError(year, available_years())
    return years[year]


# --- input checks ----------------------------------------------------------------------------


def _number(value: Any, name: str, upper: float) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise ValueError(f"{name} skal være et tal / {name} must be a number: {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{name} skal være et endeligt tal / {name} must be finite: {value!r}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"{name} skal være et endeligt tal / {name} must be finite: {value!r}")
    if value < 0:
        raise ValueError(f"{name} kan ikke være negativ / {name} cannot be negative: {value!r}")
    if value > upper:
        raise ValueError(
            f"{name} er urimeligt stor (højst {upper}) / {name} is unreasonably large "
            f"(at most {upper}): {value!r}"
        )
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def _whole(value: Decimal, rounding: str = ROUND_HALF_UP) -> int:
    return int(value.quantize(_ONE, rounding=rounding))


# --- estimates ---------------------------------------------------------------------------------


def monthly_wage(hourly_wage: float, hours_per_week: float) -> float:
    """W = hourly wage × paid hours a week × 52 / 12 (kroner and øre)."""
    hourly = _number(hourly_wage, "hourly_wage", MAX_HOURLY_WAGE)
    hours = _number(hours_per_week, "hours_per_week", MAX_HOURS_PER_WEEK)
    weeks = Decimal(str(_subsidy_table()[1].get("weeks_per_year", 52)))
    return float((hourly * hours * weeks / 12).quantize(_CENT, rounding=ROUND_HALF_UP))


def default_full_time_hours() -> float:
    """The hours of a full-time week used to estimate the cap (parameters.toml, 37)."""
    return float(_subsidy_table()[1].get("full_time_hours", 37))


def estimate(
    hourly_wage: float,
    hours_per_week: float,
    year: int,
    full_time_monthly_wage: float | None = None,
    full_time_hours: float | None = None,
) -> SubsidyEstimate:
    """Estimate the monthly fleksløntilskud (LAB § 123; BEK nr. 227/2024 §§ 2-3).

    ``hourly_wage`` includes both pension contributions and fixed supplements;
    ``hours_per_week`` are the paid hours. ``full_time_monthly_wage`` is the pay ceiling
    (lønloft, LAB § 123, stk. 3): wage + subsidy may not exceed it. Without it the ceiling is
    estimated as hourly wage × ``full_time_hours`` (default 37) × 52 / 12, and the estimate says
    so (``cap_estimated``).

    The subsidy is rounded to whole kroner (BEK § 2). When the ceiling binds, the subsidy is the
    ceiling − the wage (kroner and øre), so wage + subsidy equals the ceiling exactly: it holds to
    the krone, never one krone short.
    """
    params = parameters_for(year)
    hourly = _number(hourly_wage, "hourly_wage", MAX_HOURLY_WAGE)
    hours = _number(hours_per_week, "hours_per_week", MAX_HOURS_PER_WEEK)
    general = _subsidy_table()[1]
    low = Decimal(str(general.get("low_rate", 0.30)))
    high = Decimal(str(general.get("high_rate", 0.55)))
    weeks = Decimal(str(general.get("weeks_per_year", 52)))
    if full_time_hours is None:
        full = Decimal(str(default_full_time_hours()))
    else:
        full = _number(full_time_hours, "full_time_hours", MAX_HOURS_PER_WEEK)
    # No hourly wage: no full-time wage to estimate from, so no ceiling.
    estimated = full_time_monthly_wage is None and hourly > 0
    cap: Decimal | None
    if estimated:
        cap = (hourly * full * weeks / 12).quantize(_CENT, rounding=ROUND_HALF_UP)
    elif full_time_monthly_wage is not None:
        cap = _number(full_time_monthly_wage, "full_time_monthly_wage", MAX_MONTHLY_WAGE)
    else:
        cap = None

    wage = (hourly * hours * weeks / 12).quantize(_CENT, rounding=ROUND_HALF_UP)
    base = Decimal(params["base"].value)
    threshold = Decimal(params["threshold"].value)
    raw = base - low * min(wage, threshold) - high * max(Decimal(0), wage - threshold)
    before_cap = max(Decimal(0), raw)

    subsidy: int | float = _whole(before_cap)
    capped = False
    if cap is not None and wage + subsidy > cap:
        capped = True
        rest = max(Decimal(0), cap - wage)
        subsidy = int(rest) if rest == rest.to_integral_value() else float(rest)
    total = wage + Decimal(str(subsidy))

    return SubsidyEstimate(
        year=year,
        hourly_wage=float(hourly),
        hours_per_week=float(hours),
        wage=float(wage),
        subsidy_before_cap=float(before_cap.quantize(_CENT, rounding=ROUND_HALF_UP)),
        subsidy=subsidy,
        total=float(total),
        full_time_monthly_wage=float(cap) if cap is not None and not estimated else None,
        capped=capped,
        base=params["base"],
        threshold=params["threshold"],
        max_dagpenge=params["max_dagpenge"],
        low_rate=float(low),
        high_rate=float(high),
        cap_estimated=estimated,
        full_time_hours=float(full),
        cap=float(cap) if cap is not None else None,
    )


def self_employed_estimate(business_income: float, year: int) -> SelfEmployedEstimate:
    """Estimate the yearly subsidy to a self-employed person: max(0, base − 30 % × income).

    ``business_income`` is the calculated yearly income (BEK nr. 1794/2025 § 9: the average of the
    two best full financial years within the last three) plus other earned income.
    """
    years, general = _self_employed_table()
    if isinstance(year, bool) or not isinstance(year, int) or year not in years:
        raise UnknownYearError(year, self_employed_years(), "tilskud til selvstændige")
    income = _number(business_income, "business_income", MAX_BUSINESS_INCOME)
    rate = Decimal(str(general.get("rate", 0.30)))
    base = years[year]
    per_year = max(Decimal(0), Decimal(base.value) - rate * income)
    return SelfEmployedEstimate(
        year=year,
        business_income=float(income),
        subsidy_per_year=_whole(per_year),
        subsidy_per_month=_whole(per_year / 12),
        base=base,
        rate=float(rate),
    )


# --------------------------------------------------------------------------------------------
# The case's estimate


def pick_year(year: int | None, today: int, years: tuple[int, ...]) -> tuple[int, bool]:
    """The year to use, and whether it is not the one asked for (``today`` had no figures).

    ``year`` given: that year; a year after the last year with figures (its rates not
    published yet) uses the latest year's figures (RULES.md section 6); a year before the first
    stays itself (the rules refuse it). Not given: ``today``'s year when it has figures, else
    the newest year before it (or the oldest known).
    """
    if year is not None:
        if isinstance(year, int) and not isinstance(year, bool) and years \
                and year > max(years):
            return max(years), True
        return year, False
    if today in years:
        return today, False
    earlier = [y for y in years if y <= today]
    return (max(earlier) if earlier else min(years)), True


def compute(case: Case, year: int, full_time_hours: float | None = None
            ) -> SubsidyEstimate | SelfEmployedEstimate | None:
    """The estimate for the case's [economy] table in ``year``, or None when numbers are missing.

    Raises the rules' errors (UnknownYearError, ValueError) for a year without figures or a
    number out of range.
    """
    e = case.economy
    if case.person.self_employed:
        if e.business_income is None:
            return None
        return self_employed_estimate(e.business_income, year)
    if e.hourly_wage is None or e.paid_hours_per_week is None:
        return None
    return estimate(e.hourly_wage, e.paid_hours_per_week, year, e.full_time_monthly_wage,
                            full_time_hours)


def case_estimate(case: Case, as_of: dt.date) -> CaseEstimate:
    """The estimate of the case on ``as_of``: in ``economy.year``, else in ``as_of``'s year or the
    newest year with figures before it (``defaulted`` then says so)."""
    e = case.economy
    self_employed = bool(case.person.self_employed)
    if self_employed:
        numbers = (e.business_income,)
    else:
        numbers = (e.hourly_wage, e.paid_hours_per_week, e.full_time_monthly_wage)
    try:
        return _estimate(self_employed, numbers, e.year, as_of.year)
    except TypeError:  # an unhashable number in a hand-built case: compute it without the cache
        return _estimate.__wrapped__(self_employed, numbers, e.year, as_of.year)


@lru_cache(maxsize=1024)
def _estimate(self_employed: bool, numbers: tuple, year: int | None, today: int
              ) -> CaseEstimate:
    """Cached on the numbers: ``assess`` runs for every case on the start screen, and the
    estimate (frozen, so one instance can be shared) only changes with them."""
    years = self_employed_years() if self_employed else available_years()
    asked = year if year is not None else today
    year, defaulted = pick_year(year, today, years)
    today = asked  # the year asked for: the note names it when another year's rates are used
    try:
        if self_employed:
            (income,) = numbers
            est = None if income is None else self_employed_estimate(income, year)
        else:
            hourly, hours, full = numbers
            est = (None if hourly is None or hours is None
                   else estimate(hourly, hours, year, full))
    except UnknownYearError as err:
        return CaseEstimate(year, today, defaulted, self_employed,
                            unknown_year=(err.year, tuple(err.years)))
    except ValueError as err:
        return CaseEstimate(year, today, defaulted, self_employed, error=str(err))
    return CaseEstimate(year, today, defaulted, self_employed, result=est)
