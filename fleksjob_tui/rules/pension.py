"""State pension age and date (lov om social pension § 1 a).

The age table is data (``content/parameters.toml``, table ``pension_age``), not code: when
parliament changes the pension age, only that file changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache

from dateutil.relativedelta import relativedelta

from .. import content
from .types import Pension

#: Years before the pension date from which the 12-month rule no longer applies (LAB § 119, stk. 1).
SENIOR_YEARS = 6


@dataclass(frozen=True, slots=True)
class _Bracket:
    born_from: dt.date | None
    born_to: dt.date | None
    years: int
    months: int
    reference: str

    def holds(self, birth: dt.date) -> bool:
        if self.born_from is not None and birth < self.born_from:
            return False
        if self.born_to is not None and birth > self.born_to:
            return False
        return True


@cache
def _brackets() -> tuple[_Bracket, ...]:
    table = content.load("parameters")["pension_age"]
    out = []
    for raw in table["brackets"]:
        out.append(
            _Bracket(
                born_from=raw.get("born_from"),
                born_to=raw.get("born_to"),
                years=int(raw["years"]),
                months=int(raw.get("months", 0)),
                reference=raw.get("reference") or table["reference"],
            )
        )
    return tuple(out)


@lru_cache(maxsize=65536)
def add_months(day: dt.date, years: int = 0, months: int = 0) -> dt.date:
    """Calendar arithmetic: a day that does not exist in the target month becomes its last day.

    (dateutil's relativedelta: 29 Feb + 1 year = 28 Feb.) Cached: it is the engine's hot spot.
    """
    return day + relativedelta(years=years, months=months)


@lru_cache(maxsize=4096)
def pension_for(birth_date: dt.date) -> Pension:
    """The state pension age, date and six-year mark for a birth date (lov om social pension § 1 a).

    Pension date = birth date + years + months (29 Feb + 1 year = 28 Feb). The six-year mark is the
    pension date − 6 years: from that day on, LAB § 119's 12-month rule no longer applies.
    """
    for bracket in _brackets():
        if bracket.holds(birth_date):
            date = add_months(birth_date, bracket.years, bracket.months)
            return Pension(
                years=bracket.years,
                months=bracket.months,
                date=date,
                six_year_mark=add_months(date, -SENIOR_YEARS),
                reference=bracket.reference,
            )
    # The table covers every date; reaching this line means parameters.toml is broken.
    raise content.ContentError(f"parameters.toml: no pension age for birth date {birth_date}")


def pension_age(birth_date: dt.date) -> tuple[int, int]:
    """(years, months) of the state pension age for a birth date."""
    p = pension_for(birth_date)
    return p.years, p.months
