"""The wage-subsidy estimate of a case, computed once by :func:`fleksjob_tui.rules.assess`.

The figures and the formula are :mod:`.subsidy`'s; this module only picks the year and the
numbers from the case's ``[economy]`` table and keeps what came of it (an estimate, the numbers
missing, a year without figures or a number out of range) as a :class:`~.types.CaseEstimate`.
The words are :mod:`fleksjob_tui.estimate`'s; every output reads ``Assessment.estimate``.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ..model import Case
from . import subsidy
from .types import CaseEstimate


def pick_year(year: int | None, today: int, years: tuple[int, ...]) -> tuple[int, bool]:
    """The year to use, and whether it is not the one asked for (``today`` had no figures).

    ``year`` given: that year (the rules refuse a year without figures). Not given: ``today``'s
    year when it has figures, else the newest year before it (or the oldest known).
    """
    if year is not None:
        return year, False
    if today in years:
        return today, False
    earlier = [y for y in years if y <= today]
    return (max(earlier) if earlier else min(years)), True


def compute(case: Case, year: int, full_time_hours: float | None = None
            ) -> subsidy.SubsidyEstimate | subsidy.SelfEmployedEstimate | None:
    """The estimate for the case's [economy] table in ``year``, or None when numbers are missing.

    Raises the rules' errors (UnknownYearError, ValueError) for a year without figures or a
    number out of range.
    """
    e = case.economy
    if case.person.self_employed:
        if e.business_income is None:
            return None
        return subsidy.self_employed_estimate(e.business_income, year)
    if e.hourly_wage is None or e.paid_hours_per_week is None:
        return None
    return subsidy.estimate(e.hourly_wage, e.paid_hours_per_week, year, e.full_time_monthly_wage,
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
    years = subsidy.self_employed_years() if self_employed else subsidy.available_years()
    year, defaulted = pick_year(year, today, years)
    try:
        if self_employed:
            (income,) = numbers
            est = None if income is None else subsidy.self_employed_estimate(income, year)
        else:
            hourly, hours, full = numbers
            est = (None if hourly is None or hours is None
                   else subsidy.estimate(hourly, hours, year, full))
    except subsidy.UnknownYearError as err:
        return CaseEstimate(year, today, defaulted, self_employed,
                            unknown_year=(err.year, tuple(err.years)))
    except ValueError as err:
        return CaseEstimate(year, today, defaulted, self_employed, error=str(err))
    return CaseEstimate(year, today, defaulted, self_employed, result=est)
