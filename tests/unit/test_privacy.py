"""CPR-like numbers are found (and removed) — and phone numbers, dates and amounts are not."""

from __future__ import annotations

import pytest

from fleksjob_tui.case.privacy import find_cpr, has_cpr, remove_cpr


@pytest.mark.parametrize(
    "text, found",
    [
        ("100566-1234", "100566-1234"),
        ("CPR 100566-1234.", "100566-1234"),
        ("cpr-nr: 1005661234", "1005661234"),
        ("1005661234", "1005661234"),
        ("100566 1234", "100566 1234"),
        ("(010100-0001)", "010100-0001"),
        ("født 290200-1235 i Køge", "290200-1235"),  # 29 February: the century is unknown
        ("311299-9999", "311299-9999"),
        ("Åse,100566-1234,Ærø", "100566-1234"),
        ("linje1\n100566-1234\nlinje3", "100566-1234"),
    ],
)
def test_true_positives(text, found):
    spans = find_cpr(text)
    assert [text[a:b] for a, b in spans] == [found]
    assert has_cpr(text)


@pytest.mark.parametrize(
    "text",
    [
        "12345678",  # a phone number
        "12 34 56 78",
        "+45 12345678",
        "22-11-2026",  # a date
        "22.11.2026",
        "2026-11-22",
        "1.234,50 kr",
        "32000",
        "320000-1234",  # day 32
        "001266-1234",  # day 0
        "101366-1234",  # month 13
        "300266-1234",  # 30 February
        "310466-1234",  # 31 April
        "12345678901",  # eleven digits
        "1005661234567",  # part of a longer number
        "100566-12345",
        "9100566-1234",
        "konto 1234-100566-1234",
        "100566-1234-5",
        "100566--1234",
        "",
        "Åse har haft nedsat tid i 6 måneder (18 timer om ugen)",
    ],
)
def test_false_positives(text):
    assert find_cpr(text) == []
    assert remove_cpr(text) == text


def test_several_numbers():
    text = "A 100566-1234 og B 0101011234."
    assert [text[a:b] for a, b in find_cpr(text)] == ["100566-1234", "0101011234"]


@pytest.mark.parametrize(
    "text, replacement, expected",
    [
        ("CPR 100566-1234, Åse", "", "CPR, Åse"),
        ("Åse 100566-1234 er syg", "", "Åse er syg"),
        ("100566-1234", "", ""),
        ("Åse 100566-1234 er syg", "[CPR fjernet]", "Åse [CPR fjernet] er syg"),
        ("a\n100566-1234\nb", "", "a\n\nb"),
    ],
)
def test_remove(text, replacement, expected):
    assert remove_cpr(text, replacement) == expected
    assert not has_cpr(remove_cpr(text, replacement))
