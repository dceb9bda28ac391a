"""Issue 22, point 5: one CPR detector, for every way people (and Word) write a CPR number —
and not for dates, phone numbers or amounts. Unicode digits, dashes and spaces are read as
their plain forms first; the span found is the one in the text as written."""

from __future__ import annotations

import pytest

from fleksjob_tui.case.privacy import find_cpr, remove_cpr

EN, EM, MINUS, NBSP, ZW, NNBSP = "\u2013", "\u2014", "\u2212", "\u00a0", "\u200b", "\u202f"
FULL = str.maketrans("0123456789-", "０１２３４５６７８９－")

#: (name, text): each holds exactly one CPR number, written the way the name says.
FORMS = [
    ("dash", "010203-1234"),
    ("none", "0102031234"),
    ("space", "010203 1234"),
    ("double_space", "010203  1234"),
    ("nbsp", f"010203{NBSP}1234"),
    ("narrow_nbsp", f"010203{NNBSP}1234"),
    ("en_dash", f"010203{EN}1234"),
    ("em_dash", f"010203{EM}1234"),
    ("minus", f"010203{MINUS}1234"),
    ("slash", "010203/1234"),
    ("spaced_dash", "010203 - 1234"),
    ("spaced_en_dash", f"010203 {EN} 1234"),
    ("zero_width_space", f"010203-{ZW}1234"),
    ("zero_width_inside", f"0102{ZW}03-1234"),
    ("soft_hyphen", "010203\u00ad1234"),
    ("full_width", "010203-1234".translate(FULL)),
    ("full_width_no_dash", "0102031234".translate(FULL)),
    ("spaced_groups", "01 02 03-1234"),
    ("spaced_groups_space", "01 02 03 1234"),
    ("dotted_groups", "01.02.03-1234"),
    ("dashed_groups", "01-02-03-1234"),
    ("dotted_all", "01.02.03.1234"),
    ("in_a_sentence", f"Åse har cpr.nr. 010203{EN}1234, født i Køge."),
    ("tab", "010203\t1234"),
    ("arabic_indic", "٠١٠٢٠٣-١٢٣٤"),
    # issue 22, tried again: pairs, other marks, compatibility digits, a line break
    ("pairs", "01 02 03 12 34"),
    ("underscore", "010203_1234"),
    ("colon", "010203:1234"),
    ("superscript", "⁰¹⁰²⁰³-¹²³⁴"),
    ("circled", "⓪①⓪②⓪③-①②③④"),
    ("line_break", "010203-\n1234"),
    ("line_break_spaced", "010203 -\n 1234"),
]

#: Texts with no CPR number in them: dates, phone numbers, amounts, account numbers.
NOT_CPR = [
    "22-11-2026",
    "22.11.2026",
    "2026-11-22",
    f"22{EN}11{EN}2026",
    "mødet 22-11-2026 1234 deltagere",
    "01.02.2003 1234",
    "+45 12 34 56 78",
    "+45 12345678",
    "tlf. 20 11 85 12",  # a Danish phone number has 8 digits (ten in pairs is a CPR number)
    "+45 20 11 85 12",
    "ISBN 978-87-02-12345-6",
    "ISBN 87-7724-123-4",
    "ISBN 9788702123456",
    "kl. 10:30 1234",
    "1.234.567",
    "1.234.567 kr",
    "12.345.678.901",
    "kr. 123.456,78",
    "konto 1234-100566-1234",
    "reg. 1234 konto 12.03.85.1234.5",
    "100566-12345",
    "100566--1234",
    "320000-1234",
    "011366-1234",
    "01.02-03-1234",
    "0102031234567",
    "37 timer, 25 timer, 18 timer",
    "",
]


@pytest.mark.parametrize(("name", "text"), FORMS, ids=[n for n, _ in FORMS])
def test_every_form_is_found_and_removed(name, text):
    spans = find_cpr(text)
    assert len(spans) == 1, (name, text)
    a, b = spans[0]
    found = text[a:b]
    assert found[0] in "0０٠⁰⓪" and found[-1] in "4４٤⁴④"
    cleaned = remove_cpr(text, "[CPR fjernet]")
    assert "[CPR fjernet]" in cleaned
    assert not find_cpr(cleaned)
    assert "1234" not in cleaned.translate(str.maketrans("１２３４¹²³⁴①②③④", "123412341234"))
    assert "12 34" not in cleaned


@pytest.mark.parametrize("text", NOT_CPR)
def test_dates_phone_numbers_and_amounts_are_not_cpr(text):
    assert find_cpr(text) == []
    assert remove_cpr(text, "[CPR fjernet]") == text


def test_spans_are_in_the_text_as_written():
    text = f"A: 01{ZW}0203{EN}1234 og B: ０１０２０３ １２３４."
    spans = find_cpr(text)
    assert [text[a:b] for a, b in spans] == [f"01{ZW}0203{EN}1234", "０１０２０３ １２３４"]
    assert remove_cpr(text, "X") == "A: X og B: X."
