"""State pension age and date (lov om social pension § 1 a; RULES.md section 1)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fleksjob_tui import content
from fleksjob_tui.rules import add_months, pension_age, pension_for

D = dt.date


@pytest.mark.parametrize(
    ("birth", "years", "months", "pension_date"),
    [
        # every boundary of § 1 a's table, both sides
        (D(1953, 12, 31), 65, 0, D(2018, 12, 31)),
        (D(1954, 1, 1), 65, 6, D(2019, 7, 1)),
        (D(1954, 6, 30), 65, 6, D(2019, 12, 30)),
        (D(1954, 7, 1), 66, 0, D(2020, 7, 1)),
        (D(1954, 12, 31), 66, 0, D(2020, 12, 31)),
        (D(1955, 1, 1), 66, 6, D(2021, 7, 1)),
        (D(1955, 6, 30), 66, 6, D(2021, 12, 30)),
        (D(1955, 7, 1), 67, 0, D(2022, 7, 1)),
        (D(1962, 12, 31), 67, 0, D(2029, 12, 31)),
        (D(1963, 1, 1), 68, 0, D(2031, 1, 1)),
        (D(1966, 12, 31), 68, 0, D(2034, 12, 31)),
        (D(1967, 1, 1), 69, 0, D(2036, 1, 1)),
        (D(1970, 12, 31), 69, 0, D(2039, 12, 31)),
        (D(1971, 1, 1), 70, 0, D(2041, 1, 1)),
        # far from the boundaries
        (D(1940, 5, 17), 65, 0, D(2005, 5, 17)),
        (D(1990, 8, 9), 70, 0, D(2060, 8, 9)),
        # 29 February: the day does not exist in the target year -> 28 February
        (D(1968, 2, 29), 69, 0, D(2037, 2, 28)),
        (D(1972, 2, 29), 70, 0, D(2042, 2, 28)),
        # 29 February in a target leap year stays 29 February (68 is a multiple of 4)
        (D(1964, 2, 29), 68, 0, D(2032, 2, 29)),
        # a half year that lands on a shorter month: 31 March + 66½ years -> 30 September
        (D(1955, 3, 31), 66, 6, D(2021, 9, 30)),
        # 31 December + 65½ years -> 30 June is not possible here (born 1954-01-01..06-30), so:
        (D(1954, 3, 31), 65, 6, D(2019, 9, 30)),
    ],
)
def test_pension_age_and_date(birth, years, months, pension_date):
    p = pension_for(birth)
    assert (p.years, p.months) == (years, months)
    assert pension_age(birth) == (years, months)
    assert p.date == pension_date
    assert p.six_year_mark == add_months(pension_date, -6)
    assert "§ 1 a" in p.reference


@pytest.mark.parametrize(
    ("birth", "six_year_mark"),
    [
        (D(1966, 5, 10), D(2028, 5, 10)),  # 68 -> 2034-05-10 -> minus 6 years
        (D(1964, 2, 29), D(2026, 2, 28)),  # pension 2032-02-29 -> 2026-02-28
        (D(1954, 1, 1), D(2013, 7, 1)),  # 65½ -> 2019-07-01
        (D(1971, 1, 1), D(2035, 1, 1)),  # 70 -> 2041-01-01
    ],
)
def test_six_year_mark(birth, six_year_mark):
    assert pension_for(birth).six_year_mark == six_year_mark


def test_pension_json_shape():
    assert pension_for(D(1968, 2, 29)).to_json() == {
        "years": 69,
        "months": 0,
        "date": "2037-02-28",
        "six_year_mark": "2031-02-28",
    }


def test_table_is_data_with_law_references():
    table = content.load("parameters")["pension_age"]
    assert "§ 1 a" in table["reference"]
    assert "703/2025" in table["law"] or "nr. 703" in table["law"]
    brackets = table["brackets"]
    assert [(b["years"], b["months"]) for b in brackets] == [
        (65, 0), (65, 6), (66, 0), (66, 6), (67, 0), (68, 0), (69, 0), (70, 0),
    ]
    # contiguous, no gaps or overlaps: each bracket starts the day after the previous one ends
    for before, after in zip(brackets, brackets[1:], strict=False):
        assert after["born_from"] == before["born_to"] + dt.timedelta(days=1)
    assert "born_from" not in brackets[0] and "born_to" not in brackets[-1]
    assert all(b["reference"] for b in brackets)
    assert "703" in brackets[-1]["reference"]


@pytest.mark.parametrize(
    ("day", "years", "months", "expected"),
    [
        (D(2024, 2, 29), 1, 0, D(2025, 2, 28)),
        (D(2024, 2, 29), 4, 0, D(2028, 2, 29)),
        (D(2025, 1, 31), 0, 1, D(2025, 2, 28)),
        (D(2025, 8, 31), 0, 6, D(2026, 2, 28)),
        (D(2026, 3, 31), 0, -1, D(2026, 2, 28)),
        (D(2026, 3, 1), -6, 0, D(2020, 3, 1)),
    ],
)
def test_add_months_calendar_arithmetic(day, years, months, expected):
    assert add_months(day, years, months) == expected


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2030, 12, 31)))
def test_pension_date_properties(birth):
    p = pension_for(birth)
    assert 65 <= p.years <= 70 and p.months in (0, 6)
    assert p.date > birth
    # the date is birth + age, to the day, except when the birth day does not exist in that month
    assert (p.date.year - birth.year) * 12 + (p.date.month - birth.month) == p.years * 12 + p.months
    last_of_month = (p.date + dt.timedelta(days=1)).day == 1
    assert p.date.day == birth.day or (p.date.day < birth.day and last_of_month)
    assert p.six_year_mark < p.date


@given(
    st.dates(min_value=D(1900, 1, 1), max_value=D(2030, 12, 31)),
    st.dates(min_value=D(1900, 1, 1), max_value=D(2030, 12, 31)),
)
def test_later_birth_never_gives_an_earlier_pension_date(a, b):
    first, second = sorted((a, b))
    assert pension_for(first).date <= pension_for(second).date
