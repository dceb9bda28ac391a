"""Wage subsidy estimates (LAB §§ 122-123, BEK nr. 227/2024; LAB § 126, BEK nr. 1794/2025 § 8)."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fleksjob_tui.rules.subsidy import (
    UnknownYearError,
    available_years,
    estimate,
    monthly_wage,
    self_employed_estimate,
    self_employed_years,
)


def test_star_2024_example():
    """STAR's calculator, 2024: 200 kr × 18 h → wage 15.600, subsidy 15.272, total 30.872."""
    e = estimate(200, 18, 2024)
    assert e.wage == 15600
    assert e.subsidy_before_cap == 15272
    assert e.subsidy == 15272
    assert e.total == 30872
    assert e.capped is False
    assert e.full_time_monthly_wage is None


@pytest.mark.parametrize(
    ("year", "base"),
    [(2024, 19952), (2025, 20670), (2026, 21600)],
)
def test_zero_wage_gives_the_full_base(year, base):
    e = estimate(0, 0, year)
    assert e.wage == 0
    assert e.subsidy == base
    assert e.base.value == base


@pytest.mark.parametrize(
    ("hourly", "hours", "year", "wage", "subsidy_kr"),
    [
        # 12 h a week: W = hourly × 52. Threshold 2024: 16.323 kr.
        (313, 12, 2024, 16276, 15069),  # below T: 19952 − 0.30 × 16276 = 15069.2
        (314, 12, 2024, 16328, 15052),  # above T: 19952 − 4896.9 − 0.55 × 5 = 15052.35
        (320, 12, 2024, 16640, 14881),  # 19952 − 4896.9 − 0.55 × 317 = 14880.75 → 14881
        (840, 12, 2024, 43680, 9),  # 15055.1 − 0.55 × 27357 = 8.75 → 9: nearly phased out
        (841, 12, 2024, 43732, 0),  # phased out: never negative
        (600, 20, 2024, 52000, 0),
        # each year its own figures
        (200, 18, 2025, 15600, 15990),  # 20670 − 4680
        (200, 18, 2026, 15600, 16920),  # 21600 − 4680
        (340, 12, 2026, 17680, 16294),  # 21600 − 0.30 × 17672 − 0.55 × 8 = 16294.0
        (340, 12, 2024, 17680, 14309),  # 19952 − 4896.9 − 0.55 × 1357 = 14308.75 → 14309
        (340, 12, 2025, 17680, 15174),  # 20670 − 0.30 × 16911 − 0.55 × 769 = 15173.75 → 15174
    ],
)
def test_formula(hourly, hours, year, wage, subsidy_kr):
    # The formula itself: a full-time wage so high that the ceiling never binds.
    e = estimate(hourly, hours, year, full_time_monthly_wage=1_000_000)
    assert e.wage == wage
    assert e.subsidy == subsidy_kr


def test_slopes_below_and_above_the_threshold():
    """30 % of each krone below the threshold, 55 % above (BEK 227/2024 § 3, stk. 2)."""
    below = [estimate(h, 12, 2024).subsidy_before_cap for h in (300, 301)]
    above = [estimate(h, 12, 2024).subsidy_before_cap for h in (400, 401)]
    assert below[0] - below[1] == pytest.approx(0.30 * 52)
    assert above[0] - above[1] == pytest.approx(0.55 * 52)


@pytest.mark.parametrize(
    ("full_time", "subsidy_kr", "capped", "total"),
    [
        (40000, 15272, False, 30872),  # the cap does not bind
        (30872, 15272, False, 30872),  # exactly at the cap
        (25000, 9400, True, 25000),  # wage + subsidy may not exceed the full-time wage
        (25000.5, 9400.5, True, 25000.5),  # ceiling − wage: wage + subsidy is the ceiling exactly
        (15600, 0, True, 15600),
        (15000, 0, True, 15600),  # cap below the wage: subsidy 0, never negative
    ],
)
def test_full_time_wage_cap(full_time, subsidy_kr, capped, total):
    e = estimate(200, 18, 2024, full_time_monthly_wage=full_time)
    assert e.subsidy_before_cap == 15272
    assert e.subsidy == subsidy_kr
    assert e.capped is capped
    assert e.total == total
    assert e.full_time_monthly_wage == full_time


def test_parameters_carry_source_and_status():
    e24, e25, e26 = (estimate(200, 18, y) for y in (2024, 2025, 2026))
    assert (e24.base.status, e24.threshold.status) == ("official", "official")
    assert "227" in e24.threshold.source
    assert (e25.max_dagpenge.value, e25.base.value, e25.threshold.value) == (21092, 20670, 16911)
    assert (e25.base.status, e25.threshold.status) == ("computed", "computed")
    assert (e26.max_dagpenge.value, e26.base.value, e26.threshold.value) == (22041, 21600, 17672)
    assert e26.max_dagpenge.status == "secondary"
    assert e26.base.status == "computed"
    assert "4" in e26.threshold.source and "§ 14" in e26.threshold.source
    # computed, not official: the source gives the calculation (RULES.md section 6)
    assert e26.threshold.status == "computed"
    assert "16.323 × 22.041 / 20.359" in e26.threshold.source
    assert e24.max_dagpenge.value == 20359 and e24.threshold.value == 16323
    for e in (e24, e25, e26):
        assert [p.name for p in e.parameters] == ["max_dagpenge", "base", "threshold"]
        for p in e.parameters:
            assert p.status in ("official", "computed", "secondary") and p.source.strip()
            assert p.year == e.year
            # every source also in English, with the same legal references
            assert p.source_en.strip() and p.source_in("en") == p.source_en
            assert p.source_in("da") == p.source
            for ref in ("LAB §", "BEK nr."):
                assert (ref in p.source) == (ref in p.source_en), (p.name, p.year)
        # B = 98 % of the highest dagpenge amount, to the krone
        assert e.base.value == round(e.max_dagpenge.value * 0.98)
        assert e.to_json()["parameters"][1]["value"] == e.base.value


def test_available_years():
    assert available_years() == (2024, 2025, 2026)
    assert self_employed_years() == (2024, 2025, 2026)


@pytest.mark.parametrize("year", [2023, 2027, 1999, "2024", 2024.0, None, True])
def test_unknown_year_names_the_known_years(year):
    with pytest.raises(UnknownYearError) as err:
        estimate(200, 18, year)
    assert isinstance(err.value, ValueError)
    assert err.value.years == (2024, 2025, 2026)
    text = str(err.value)
    assert "2024, 2025, 2026" in text
    assert "kendte år" in text and "known years" in text


@pytest.mark.parametrize(
    ("hourly", "hours", "full_time"),
    [
        (-1, 18, None),
        (200, -0.5, None),
        (200, 81, None),
        (math.nan, 18, None),
        (200, math.nan, None),
        (math.inf, 18, None),
        (200, 18, -1),
        (200, 18, math.nan),
        (20_000, 18, None),  # a monthly wage typed as an hourly wage
        ("200", 18, None),
        (None, 18, None),
    ],
)
def test_absurd_input_is_refused(hourly, hours, full_time):
    with pytest.raises(ValueError) as err:
        estimate(hourly, hours, 2024, full_time_monthly_wage=full_time)
    assert not isinstance(err.value, UnknownYearError)
    assert str(err.value)


def test_limits_are_inclusive():
    assert estimate(0, 80, 2024).wage == 0
    assert estimate(10, 80, 2024).wage == round(10 * 80 * 52 / 12, 2)


def test_monthly_wage_keeps_oere():
    assert monthly_wage(187.35, 15) == 12177.75  # 187.35 × 15 × 52 / 12
    assert estimate(187.35, 15, 2024).wage == 12177.75
    assert estimate(Decimal("187.35"), 15, 2024).wage == 12177.75


def test_to_json():
    data = estimate(200, 18, 2024, full_time_monthly_wage=25000).to_json()
    assert data["wage"] == 15600 and data["subsidy"] == 9400 and data["capped"] is True
    assert [p["name"] for p in data["parameters"]] == ["max_dagpenge", "base", "threshold"]
    assert "LAB" in data["reference"]


# --- self-employed (LAB § 126; BEK nr. 1794/2025 § 8) --------------------------------------------


@pytest.mark.parametrize(
    ("income", "year", "per_year", "status"),
    [
        (0, 2026, 169920, "official"),
        (100_000, 2026, 139920, "official"),
        (566_400, 2026, 0, "official"),  # fully phased out at base / 0.30
        (600_000, 2026, 0, "official"),  # never negative
        (0, 2024, 156956, "official"),
        (200_000, 2024, 96956, "official"),
        (0, 2025, 162600, "computed"),
        (10_000.5, 2025, 159600, "computed"),  # 162600 − 3000.15 = 159599.85 → 159600
    ],
)
def test_self_employed_estimate(income, year, per_year, status):
    e = self_employed_estimate(income, year)
    assert e.subsidy_per_year == per_year
    assert e.subsidy_per_month == round(per_year / 12)
    assert e.base.status == status
    assert e.base.source.strip()


def test_self_employed_sources():
    assert "1794" in self_employed_estimate(0, 2026).base.source
    assert "233" in self_employed_estimate(0, 2024).base.source


def test_self_employed_unknown_year_and_bad_income():
    with pytest.raises(UnknownYearError) as err:
        self_employed_estimate(0, 2023)
    assert err.value.years == (2024, 2025, 2026)
    for bad in (-1, math.nan, math.inf, "100000"):
        with pytest.raises(ValueError):
            self_employed_estimate(bad, 2026)


# --- properties ------------------------------------------------------------------------------

WAGES = st.floats(min_value=0, max_value=1000, allow_nan=False)
HOURS = st.floats(min_value=0, max_value=80, allow_nan=False)
YEARS = st.sampled_from([2024, 2025, 2026])


@given(WAGES, HOURS, HOURS, YEARS)
def test_more_hours_never_more_subsidy(hourly, h1, h2, year):
    low, high = sorted((h1, h2))
    a, b = estimate(hourly, low, year), estimate(hourly, high, year)
    assert b.subsidy_before_cap <= a.subsidy_before_cap
    assert 0 <= b.subsidy <= b.base.value


@given(WAGES, HOURS, YEARS, st.floats(min_value=0, max_value=100_000, allow_nan=False))
def test_cap_is_never_exceeded(hourly, hours, year, full_time):
    e = estimate(hourly, hours, year, full_time_monthly_wage=full_time)
    assert e.subsidy >= 0
    assert e.subsidy <= round(e.subsidy_before_cap + 0.5)
    if e.capped:
        assert e.wage + e.subsidy <= max(full_time, e.wage) + 1e-6
