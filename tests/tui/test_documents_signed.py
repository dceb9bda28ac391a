"""Issue 23: the documents a professional signs — the agreement as people sign it, the
municipality's version as a caseworker reads it, the minutes of one meeting and the calendar's
privacy. Every document is read back as text (python-docx, the HTML, the Markdown)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_documents import EXAMPLES, FORMATS, docx_text, klar, parse_html, render, squash

from fleksjob_tui.case.dates import format_date
from fleksjob_tui.case.model import Case
from fleksjob_tui.case.storage import load_case


def text_of(case: Case, document: str, fmt: str, lang: str | None = None) -> str:
    out = render(case, document, fmt, lang)
    if fmt == "docx":
        return docx_text(out)
    if fmt == "html":
        return squash(" ".join(parse_html(out).text))
    return out


# -- 1. the agreement ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_agreement_has_every_part_people_sign(fmt):
    text = text_of(klar(), "agreement", fmt)
    for heading in ("1. Parterne", "2. Grundlag", "3. Aftalens dato og start",
                    "4. Nuværende stilling og opgaver", "5. Funktioner", "6. Aftalte skånehensyn",
                    "7. Arbejdstid", "8. Løn og pension", "9. Opfølgning og evaluering",
                    "10. Når forholdene ændrer sig", "11. Aftalens ophør", "12. Underskrifter"):
        assert heading in text, heading
    # The manager signs for the employer: named among the parties and above the signature.
    assert "Underskriver for arbejdsgiveren" in text
    assert text.count("Åse Ørsted") >= 2
    # The date it was made (the case says 01-06-2025, a day that has come) and the start.
    assert "Aftalen er indgået den" in text and "01-06-2025" in text
    # The provision of the social chapter is the parties' to write.
    assert "Bestemmelse i overenskomsten" in text
    # Pay and pension by the collective agreement, with a line for anything else.
    assert "Løn og pension efter overenskomsten (OK24, FOA – kommunale SOSU-overenskomst)" in text
    assert "Aftalen evalueres senest den" in text
    assert "tager parterne aftalen op igen" in text
    assert "Aftalen gælder, indtil" in text
    assert "37 timer" in text and "25 timer" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_agreement_never_writes_a_day_to_come_as_done_nor_meetings_before_it(fmt):
    case = klar()
    case.agreement.signed_on = dt.date(2026, 12, 1)  # after the day of the draft
    case.employment.special_terms_start = dt.date(2026, 12, 1)
    text = text_of(case, "agreement", fmt)
    assert "12 måneder er nået" not in text
    assert "01-12-2027" not in text  # the twelve months would end then: not a fact yet
    # The meetings of the case (2025 and 2026) were before its start: not in the agreement.
    for held in ("01-06-2025", "08-09-2026"):
        assert held not in text, held
    assert format_date(dt.date(2027, 1, 14), "da") in text  # the next meeting, still to come
    # The date it is made is left to write: 01-12-2026 is only the start.
    line = next(x for x in text.splitlines() if "Aftalen er indgået den" in x) \
        if fmt == "md" else ""
    assert "01-12-2026" not in line


def test_agreement_in_english_says_the_same_parts():
    text = text_of(klar(), "agreement", "docx", "en")
    for words in ("Signs for the employer", "The agreement is made on", "Pay and pension",
                  "When conditions change", "How the agreement ends", "evaluated no later than"):
        assert words in text, words


def test_agreement_without_a_collective_agreement_has_lines_for_pay_and_pension():
    case = Case.new()
    md = render(case, "agreement", "md")
    lines = [x for x in md.splitlines() if x.startswith(("- **Løn", "- **Pension"))]
    assert len(lines) == 2 and all("______" in x for x in lines), lines
    assert "efter overenskomsten (" not in md
    # No manager known: the employer's line is empty to write on, nothing is invented.
    sign = docx_text(render(case, "agreement", "docx"))
    assert "Åse" not in sign and "For arbejdsgiveren" in sign


def test_agreement_of_every_example_names_its_parts_in_both_languages():
    for path in sorted(EXAMPLES.glob("*.toml")):
        case = load_case(path)
        for lang in ("da", "en"):
            text = text_of(case, "agreement", "md", lang)
            assert ("12. Underskrifter" if lang == "da" else "12. Signatures") in text, path
