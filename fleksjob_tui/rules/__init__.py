"""The rules engine: pure functions from a case and a day to an assessment (RULES.md).

No Textual here. Public API:

- ``assess(case, as_of) -> Assessment``
- ``pension_for(birth_date) -> Pension`` (lov om social pension § 1 a)
- ``subsidy.estimate(hourly_wage, hours_per_week, year, full_time_monthly_wage=None)`` and
  ``subsidy.self_employed_estimate(business_income, year)`` (also exported here)
"""

from __future__ import annotations

from . import subsidy
from .engine import assess, definitions, flexjob_dates, format_date, measure_title, message
from .law import LawBasis, law_basis
from .pension import add_months, pension_age, pension_for
from .subsidy import (
    Parameter,
    SelfEmployedEstimate,
    SubsidyEstimate,
    UnknownYearError,
    available_years,
    estimate,
    self_employed_estimate,
    self_employed_years,
)
from .twelve_months import EXEMPTION_ORDER, exemptions, met_on, twelve_months
from .types import (
    RESPONSIBLE_ORDER,
    SEVERITY_ORDER,
    Assessment,
    CaseEstimate,
    Finding,
    FlexJobDates,
    Pension,
    TwelveMonths,
)

__all__ = [
    "EXEMPTION_ORDER",
    "RESPONSIBLE_ORDER",
    "SEVERITY_ORDER",
    "Assessment",
    "CaseEstimate",
    "FlexJobDates",
    "Finding",
    "LawBasis",
    "Parameter",
    "Pension",
    "SelfEmployedEstimate",
    "SubsidyEstimate",
    "TwelveMonths",
    "UnknownYearError",
    "add_months",
    "assess",
    "available_years",
    "definitions",
    "estimate",
    "exemptions",
    "flexjob_dates",
    "law_basis",
    "format_date",
    "measure_title",
    "message",
    "met_on",
    "pension_age",
    "pension_for",
    "self_employed_estimate",
    "self_employed_years",
    "subsidy",
    "twelve_months",
]
