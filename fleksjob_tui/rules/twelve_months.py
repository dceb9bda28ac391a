"""The 12-month rule for a retention flex job (LAB § 119) and its exemptions.

- § 119, stk. 1: applies to a person with more than 6 years to the state pension date:
  it applies iff ``as_of < pension_date − 6 years`` (exemption ``senior`` otherwise).
- The 12 months are met on ``special_terms_start + 12 months``; met iff ``as_of >= met_on``.
- § 119, stk. 3: exemption ``acute_injury`` needs an acute injury or illness AND retention on
  special terms being obviously pointless. Both.
- ``progressive_disease``: seed 004's exception for a serious, progressive illness. § 119 does not
  name it; it can only enter through stk. 3 ("sygdom … åbenbart formålsløst"), so it holds only
  together with ``retention_pointless = yes`` (RULES.md section 2). The engine always adds the
  advice ``progressive_disease_note`` when the illness is answered yes.
- ``self_employed``: outside § 119 altogether (LAB § 126 applies instead).
"""

from __future__ import annotations

import datetime as dt

from ..case.model import Case
from .pension import add_months
from .types import Pension, TwelveMonths

#: Exemptions in order of precedence: ``TwelveMonths.exemption`` is the first that holds.
EXEMPTION_ORDER: tuple[str, ...] = (
    "self_employed", "senior", "acute_injury", "progressive_disease",
)

#: The length of the employment on special terms required by LAB § 119, stk. 1.
REQUIRED_MONTHS = 12


def met_on(start: dt.date) -> dt.date:
    """The day the 12 months on special terms are reached (calendar arithmetic)."""
    return add_months(start, months=REQUIRED_MONTHS)


def exemptions(case: Case, as_of: dt.date, pension: Pension | None) -> frozenset[str]:
    """Every exemption from § 119's 12-month rule that holds on ``as_of`` (not just the first)."""
    held = set()
    if case.person.self_employed is True:
        held.add("self_employed")
    if pension is not None and as_of >= pension.six_year_mark:
        held.add("senior")
    el = case.eligibility
    if el.acute_injury == "yes" and el.retention_pointless == "yes":
        held.add("acute_injury")
    if el.progressive_disease == "yes" and el.retention_pointless == "yes":
        held.add("progressive_disease")
    return frozenset(held)


def first_exemption(held: frozenset[str]) -> str | None:
    for name in EXEMPTION_ORDER:
        if name in held:
            return name
    return None


def twelve_months(
    case: Case, as_of: dt.date, pension: Pension | None, held: frozenset[str] | None = None
) -> TwelveMonths:
    """The state of the 12-month rule on ``as_of``.

    Without a birth date the rule is treated as applying (unless another exemption holds): the
    finding ``birth_date_missing`` asks for it.
    """
    if held is None:
        held = exemptions(case, as_of, pension)
    exemption = first_exemption(held)
    start = case.employment.special_terms_start
    reached = met_on(start) if start is not None else None
    return TwelveMonths(
        applies=exemption is None,
        exemption=exemption,
        start=start,
        met_on=reached,
        met=(as_of >= reached) if reached is not None else None,
    )
