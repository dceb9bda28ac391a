"""Dates as Danes type them: every accepted form, impossible dates, wrong forms."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fleksjob_tui.case.dates import (
    MAX_DATE,
    MIN_DATE,
    DateError,
    format_date,
    format_datetime,
    parse_date,
    parse_optional_date,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22-11-2026", D(2026, 11, 22)),
        ("22.11.2026", D(2026, 11, 22)),
        ("2026-11-22", D(2026, 11, 22)),
        ("1-6-2025", D(2025, 6, 1)),
        ("1.6.2025", D(2025, 6, 1)),
        ("01-06-2025", D(2025, 6, 1)),
        ("2025-6-1", D(2025, 6, 1)),
        ("  22-11-2026 ", D(2026, 11, 22)),
        ("29-02-2024", D(2024, 2, 29)),
        ("29.02.2000", D(2000, 2, 29)),
        ("2024-02-29", D(2024, 2, 29)),
        ("31-12-1953", D(1953, 12, 31)),
        ("01-01-1954", D(1954, 1, 1)),
        ("31-01-2026", D(2026, 1, 31)),
        ("30-04-2026", D(2026, 4, 30)),
        # the common Danish hand-written form, day first (issue 24's trial)
        ("3/2-2025", D(2025, 2, 3)),
        ("1/3-2025", D(2025, 3, 1)),
        ("14/5-1968", D(1968, 5, 14)),
        ("1/3/2025", D(2025, 3, 1)),
        ("22/11/2026", D(2026, 11, 22)),
        ("03/02-2025", D(2025, 2, 3)),
        (" 3/2-2025 ", D(2025, 2, 3)),
    ],
)
def test_accepted_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "month_da", "days"),
    [
        ("29-02-2025", "februar 2025", 28),
        ("31-04-2026", "april 2026", 30),
        ("30-02-2026", "februar 2026", 28),
        ("30.02.2024", "februar 2024", 29),
        ("2026-02-30", "februar 2026", 28),
        ("31-06-2026", "juni 2026", 30),
        ("29-02-1900", "februar 1900", 28),
        ("32-01-2026", "januar 2026", 31),
        ("00-01-2026", "januar 2026", 31),
    ],
)
def test_impossible_dates(text, month_da, days):
    with pytest.raises(DateError) as info:
        parse_date(text)
    err = info.value
    assert err.kind == "impossible"
    assert isinstance(err, ValueError)
    assert "findes ikke" in err.message("da")
    assert f"{month_da} har {days} dage" in err.message("da")
    assert "does not exist" in err.message("en")
    assert str(err) == err.message("da")


@pytest.mark.parametrize("text", ["22-13-2026", "22-00-2026", "2026-13-01", "2026-00-10"])
def test_impossible_month(text):
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert info.value.kind == "impossible"
    assert "1-12" in info.value.message("da")


@pytest.mark.parametrize(
    "text",
    [
        "2026/11/22",      # ISO order only with dashes
        "22-11/2026",      # a slash only between day and month
        "22-11.2026",      # mixed separators
        "22 11 2026",
        "2026.11.22",      # ISO order only with dashes
        "22112026",
        "i går",
        "22. november 2026",
        "2026-11-22T10:00",
        "123-11-2026",
        "22-11-20266",
        "٢٢-١١-٢٠٢٦",      # non-ASCII digits
        "22-11-2026x",
        "-22-11-2026",
    ],
)
def test_wrong_forms(text):
    with pytest.raises(DateError) as info:
        parse_date(text)
    err = info.value
    assert err.kind == "form"
    assert "dd-mm-åååå" in err.message("da")
    assert "dd-mm-yyyy" in err.message("en")


@pytest.mark.parametrize(("text", "month"), [("5/13/2025", "13"), ("12/31/2025", "31")])
def test_slashes_never_read_in_the_american_order(text, month):
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert info.value.kind == "impossible"
    assert "1-12" in info.value.message("da")


@pytest.mark.parametrize("text", ["marts 2025", "Marts 2025", "mar. 2025", "march 2025",
                                  "3-2025", "03.2025", "3/2025"])
def test_a_month_without_a_day_asks_for_a_whole_date_or_a_question_mark(text):
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert info.value.kind == "month_only"
    assert "Skriv en hel dato, fx 01-03-2025, eller ? hvis du ikke kender den" in \
        info.value.message("da")
    assert "or ? if you do not know it" in info.value.message("en")


@pytest.mark.parametrize("text", ["22-11-26", "1.6.25", "22/11/26"])
def test_two_digit_year_refused_with_hint(text):
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert info.value.kind == "short_year"
    assert "fire cifre" in info.value.message("da")
    assert "four digits" in info.value.message("en")


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_empty(text):
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert info.value.kind == "empty"
    assert parse_optional_date(text) is None


def test_optional_date():
    assert parse_optional_date(None) is None
    assert parse_optional_date("1.6.2025") == D(2025, 6, 1)
    with pytest.raises(DateError):
        parse_optional_date("30-02-2026")


def test_language_of_str():
    with pytest.raises(DateError) as info:
        parse_date("30-02-2026", lang="en")
    assert str(info.value) == info.value.message("en")
    assert info.value.lang == "en"


def test_long_input_is_shortened_in_message():
    with pytest.raises(DateError) as info:
        parse_date("x" * 500)
    assert len(info.value.message("da")) < 200


def test_not_a_string_is_a_program_error():
    with pytest.raises(TypeError):
        parse_date(D(2026, 1, 1))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("d", "lang", "expected"),
    [
        (D(2026, 11, 22), "da", "22-11-2026"),
        (D(2026, 11, 22), "en", "2026-11-22"),
        (D(2025, 6, 1), "da", "01-06-2025"),
        (D(2025, 6, 1), "en", "2025-06-01"),
        (dt.datetime(2026, 11, 22, 10, 15), "da", "22-11-2026"),
        (None, "da", ""),
    ],
)
def test_format_date(d, lang, expected):
    assert format_date(d, lang) == expected


def test_format_datetime():
    assert format_datetime(dt.datetime(2026, 11, 22, 10, 15), "da") == "22-11-2026 10:15"
    assert format_datetime(dt.datetime(2026, 11, 22, 10, 15), "en") == "2026-11-22 10:15"
    assert format_datetime(None) == ""


@given(st.dates(min_value=MIN_DATE, max_value=MAX_DATE), st.sampled_from(["da", "en"]))
def test_format_parse_round_trip(d, lang):
    assert parse_date(format_date(d, lang)) == d


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=30))
def test_arbitrary_text_gives_date_or_date_error(text):
    try:
        result = parse_date(text)
    except DateError as err:
        assert err.message("da") and err.message("en")
    else:
        assert isinstance(result, dt.date)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="0123456789-./ ", max_size=14), st.sampled_from(["da", "en"]))
def test_date_like_text_gives_date_or_date_error_with_message(text, lang):
    """Near-dates (wrong separators, impossible days, short years) are the likeliest typos."""
    try:
        result = parse_date(text, lang)
    except DateError as err:
        assert err.kind in ("empty", "form", "short_year", "month_only", "impossible",
                            "out_of_range")
        assert err.message("da") and err.message("en") and str(err) == err.message(lang)
    else:
        assert isinstance(result, dt.date)
