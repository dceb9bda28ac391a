"""The wage-subsidy estimate of a case, as text for the terminal (wizard, summary, command line).

The computation is the rules package's (rules/subsidy.py); this module only words it, always as
an estimate ("vejledende"): the municipality computes the real amount every month.
"""

from __future__ import annotations

from rich.text import Text

from . import content
from .model import Case
from .rules import subsidy


def kr(amount: float, lang: str) -> str:
    """12345.5 → "12.346 kr." (da) / "12,346 kr" (en), whole kroner."""
    whole = f"{round(amount):,}"
    if lang == "da":
        return whole.replace(",", ".") + " kr."
    return whole + " kr"


def _t(key: str, lang: str, **fmt) -> str:
    return content.ui(key, lang, **fmt)


def parameters_text(params, lang: str, prefix: str = "") -> Text:
    text = Text()
    for p in params:
        status = _t(f"param_status.{p.status}", lang)
        name = _t(f"param.{prefix}{p.name}", lang)
        text.append(f"  {name} {p.year}: {kr(p.value, lang)} ({status}; {p.source})\n")
    return text


def subsidy_text(est: subsidy.SubsidyEstimate, lang: str) -> Text:
    text = Text()
    text.append(_t("economy.heading", lang, year=est.year) + "\n", style="bold")
    rows = [
        ("economy.wage", est.wage),
        ("economy.subsidy_before_cap", est.subsidy_before_cap),
    ]
    if est.full_time_monthly_wage is not None:
        rows.append(("economy.subsidy_after_cap", est.subsidy))
    else:
        rows[-1] = ("economy.subsidy", est.subsidy)
    rows.append(("economy.total", est.total))
    for key, value in rows:
        label = _t(key, lang)
        text.append(f"  {label:<34}{kr(value, lang):>14}\n")
    if est.capped:
        text.append("  " + _t("economy.capped", lang) + "\n")
    text.append(_t("economy.parameters", lang) + "\n", style="italic")
    text.append_text(parameters_text(est.parameters, lang))
    text.append(_t("economy.estimate_note", lang, reference=est.reference) + "\n", style="bold")
    return text


def self_employed_text(est: subsidy.SelfEmployedEstimate, lang: str) -> Text:
    text = Text()
    text.append(_t("economy.self_heading", lang, year=est.year) + "\n", style="bold")
    text.append(f"  {_t('economy.self_per_year', lang):<34}{kr(est.subsidy_per_year, lang):>14}\n")
    text.append(f"  {_t('economy.self_per_month', lang):<34}{kr(est.subsidy_per_month, lang):>14}\n")
    text.append(_t("economy.parameters", lang) + "\n", style="italic")
    text.append_text(parameters_text(est.parameters, lang, prefix="self_employed_"))
    text.append(_t("economy.estimate_note", lang, reference=est.reference) + "\n", style="bold")
    return text


def case_estimate(case: Case, default_year: int):
    """The estimate for the case's [economy] table, or None when numbers are missing.

    Raises the rules' errors (UnknownYearError, ValueError) for a year without figures.
    """
    e = case.economy
    year = e.year or default_year
    if case.person.self_employed:
        if e.business_income is None:
            return None
        return subsidy.self_employed_estimate(e.business_income, year)
    if e.hourly_wage is None or e.paid_hours_per_week is None:
        return None
    return subsidy.estimate(e.hourly_wage, e.paid_hours_per_week, year, e.full_time_monthly_wage)


def economy_text(case: Case, lang: str, default_year: int) -> Text:
    """The estimate in words, or what is needed to compute it."""
    try:
        est = case_estimate(case, default_year)
    except subsidy.UnknownYearError as err:
        years = ", ".join(str(y) for y in err.years)
        return Text(_t("economy.unknown_year", lang, year=err.year, years=years), style="bold")
    except ValueError as err:
        return Text(str(err), style="bold")
    if est is None:
        key = "economy.need_income" if case.person.self_employed else "economy.need_numbers"
        return Text(_t(key, lang))
    if isinstance(est, subsidy.SelfEmployedEstimate):
        return self_employed_text(est, lang)
    return subsidy_text(est, lang)
