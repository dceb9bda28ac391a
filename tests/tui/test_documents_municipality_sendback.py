"""Issue 23, the municipality's version after a caseworker sent it back: page 1 says where the
12 months stand; the employer confirms only what the case holds; the start date rests on the
written agreement or says there is none; the full name and birth date on every page and as the
subtitle; attachments named as they are (the minutes as they title themselves, the attempt's
paper by what it documents); the 12-month window and open measures in the log; in Word the two
signature blocks in one unbroken row and the statements table free to break between rows. Each
document is read as text: the HTML, the Markdown and Word (python-docx)."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest
from test_documents import EXAMPLES, FORMATS, klar, render
from test_documents_municipality import kommune, part

from fleksjob_tui.case.model import Case
from fleksjob_tui.case.storage import load_case


def example(name: str) -> Case:
    return load_case(EXAMPLES / f"{name}.toml")


def flat(case: Case, fmt: str, lang: str | None = None) -> str:
    """The document as running text (Markdown's lines are wrapped), without Markdown's bold,
    and without the space the HTML reader puts after a date kept on one line."""
    text = " ".join(kommune(case, fmt, lang).replace("**", "").split())
    return re.sub(r" ([),.;:])", r"\1", text)


def page_one(text: str) -> str:
    return part(text, r"Dokumentation til kommunen|Documentation for the municipality",
                r"1\. (Afsender|Sender)")


# -- 1. where the case stands --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "day"), [("venter", "22-06-2027"),
                                           ("mangler-dokumentation", "01-03-2027")])
def test_page_one_says_the_twelve_months_are_not_reached_and_why_it_is_sent(fmt, name, day):
    first = page_one(flat(example(name), fmt))
    assert (f"De 12 måneder på særlige vilkår er ikke gået endnu (nås {day}). Dokumentationen "
            "sendes til en tidlig dialog, ikke til afgørelse.") in first
    assert "til kommunens afgørelse om fastholdelsesfleksjob" not in first
    assert "eligible" not in flat(example(name), fmt, "en").lower()


@pytest.mark.parametrize("fmt", FORMATS)
def test_page_one_says_when_the_twelve_months_were_reached(fmt):
    first = page_one(flat(klar(), fmt))
    assert "De 12 måneder på særlige vilkår blev nået den 01-06-2026." in first
    assert "ikke gået endnu" not in first
    en = page_one(flat(klar(), fmt, "en"))
    assert "The 12 months on special terms were reached on 2026-06-01." in en


# -- 2. the employer confirms only what the case holds -------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_agreement_or_documented_attempt_the_employer_is_not_asked_to_confirm_it(fmt):
    text = flat(example("mangler-dokumentation"), fmt)
    assert "har forsøgt at fastholde medarbejderen på særlige vilkår som beskrevet ovenfor" \
        not in text
    assert "Arbejdsgiveren bekræfter, at oplysningerne om ansættelsen og forløbet ovenfor er " \
        "rigtige." in text
    missing = part(text, r"Mangler endnu", r"Arbejdsgiveren bekræfter")
    assert "En skriftlig aftale om ansættelsen på særlige vilkår" in missing
    assert "(sagen siger: nej)" in missing
    assert "Dokumentation for arbejdsgiverens forsøg" in missing
    assert "(sagen siger: ved ikke)" in missing
    # With both in the case the full confirmation stands, and nothing is said to be missing.
    full = flat(klar(), fmt)
    assert "har forsøgt at fastholde medarbejderen på særlige vilkår som beskrevet ovenfor" in full
    assert "Mangler endnu" not in full


# -- 3. the start date rests on the written agreement ----------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_start_without_written_agreement_is_not_printed_as_fact(fmt):
    text = flat(example("mangler-dokumentation"), fmt)
    dates = part(text, r"\d\. Datoer", r"\d\. Bilag")
    assert "Ansat på særlige vilkår fra: 01-03-2026 (oplyst i sagen; der er ingen skriftlig " \
        "aftale)" in dates or "Ansat på særlige vilkår fra 01-03-2026 (oplyst i sagen; der er " \
        "ingen skriftlig aftale)" in dates
    assert "kommunen regne de 12 måneder fra den dag, aftalen underskrives" in dates
    first = page_one(text)
    assert "ingen skriftlig aftale" in first and "fra den dag, aftalen underskrives" in first
    written = part(flat(klar(), fmt), r"\d\. Datoer", r"\d\. Bilag")
    assert "01-06-2025 (ifølge den skriftlige aftale, underskrevet 01-06-2025)" in written


# -- 4. and 9. who it is about, on every page and as the subtitle --------------------------------


def named() -> Case:
    case = klar()
    case.person.full_name = "Mette Kirsten Knudsen"
    return case


def test_every_word_page_carries_the_full_name_and_birth_date_and_the_page_number():
    d = docx.Document(io.BytesIO(render(named(), "municipality", "docx")))
    for section in d.sections:
        text = "".join(p.text for p in section.footer.paragraphs)
        assert "Mette Kirsten Knudsen, født 10-05-1966" in text
        assert "PAGE" in section.footer._element.xml and "NUMPAGES" in section.footer._element.xml
    d = docx.Document(io.BytesIO(render(klar(), "municipality", "docx")))  # no full name
    assert "M.K., født 10-05-1966" in "".join(p.text for p in d.sections[0].footer.paragraphs)


def test_every_printed_html_page_carries_the_full_name_and_birth_date():
    out = render(named(), "municipality", "html")
    css = out[out.index("<style>"):out.index("</style>")]
    assert "Mette Kirsten Knudsen, født 10-05-1966" in css and "counter(page)" in css


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_subtitle_names_the_person_not_the_internal_case_title(fmt):
    text = flat(named(), fmt)
    assert "Fastholdelsesfleksjob for Mette Kirsten Knudsen, født 10-05-1966" in text
    assert "M.K. – " not in text  # the case title "M.K. – plejecenter, Roskilde"
    venter = flat(example("venter"), fmt)
    assert "R.S. – køkken, Odense" not in venter
    assert "Fastholdelsesfleksjob for R.S., født 14-09-1979" in venter


# -- 5. and 7. the attachments ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_documented_log_rows_name_their_attachment_and_the_attempt_says_what_it_is(fmt):
    text = flat(klar(), fmt)
    attached = part(text, r"\d\. Bilag", r"\d\. Underskrifter")
    assert "Bilag 4: Arbejdsgiverens dokumentation for forsøget på et varigt job uden " \
        "løntilskud, dokumentation for de afprøvede redskaber: Nedsat timetal" in attached
    assert "Omplacering" in attached
    log = part(text, r"\d\. Forløbet", r"\d\. Datoer")
    assert log.count("ja, bilag 4") == 4  # each of the four measures documented
    # No documentation of the attempt in the case: not listed, and a documented measure says
    # its documentation is with the employer.
    case = klar()
    case.agreement.attempt_documented = "unknown"
    text = flat(case, fmt)
    assert "Arbejdsgiverens dokumentation for forsøget" not in part(text, r"\d\. Bilag",
                                                                   r"\d\. Underskrifter")
    assert "ja, dokumentation hos arbejdsgiveren" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_minutes_are_listed_by_the_titles_the_minutes_carry(fmt):
    attached = part(flat(klar(), fmt), r"\d\. Bilag", r"\d\. Underskrifter")
    assert "Referat af første møde 01-06-2025" in attached
    assert "Referat af møde med kommunen 08-09-2026" in attached
    assert "Referat af opfølgningsmøde, mødet" not in attached
    minutes = flat_minutes(klar(), dt.date(2025, 6, 1), fmt)
    assert "Referat af første møde" in minutes
    venter = part(flat(example("venter"), fmt), r"\d\. Bilag", r"\d\. Underskrifter")
    assert "Referat af opfølgningsmøde 20-10-2026" in venter


def flat_minutes(case: Case, day: dt.date, fmt: str) -> str:
    from test_documents_signed import minutes  # only this test reads the minutes

    return " ".join(minutes(case, day, fmt).split())


# -- 6. the 12-month window and open measures in the log ---------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_log_marks_the_twelve_months_and_open_measures_say_so(fmt):
    log = part(flat(example("mangler-dokumentation"), fmt), r"\d\. Forløbet", r"\d\. Datoer")
    assert "De 12 måneder på særlige vilkår begynder" in log
    assert "De 12 måneder på særlige vilkår nås (endnu ikke)" in log
    assert log.index("01-03-2027") > log.index("14-08-2026")  # the end after the meeting
    assert "fra 01-03-2026, slutdato ikke oplyst" in log  # tried, no end given
    assert "fra 01-05-2026, stadig i gang" in log  # ongoing
    klar_log = part(flat(klar(), fmt), r"\d\. Forløbet", r"\d\. Datoer")
    assert "De 12 måneder på særlige vilkår er gået" in klar_log
    assert "fra 15-10-2025, stadig i gang" in klar_log
    own = flat(example("selvstaendig"), fmt)  # no 12 months on special terms (LAB § 126)
    assert "De 12 måneder" not in own and "hos arbejdsgiveren" not in own


def test_the_window_rows_are_in_date_order_in_word():
    d = docx.Document(io.BytesIO(render(klar(), "municipality", "docx")))
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "Dato"
                 and t.rows[0].cells[1].text == "Hvad")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert rows[0][:2] == ["01-06-2025", "De 12 måneder på særlige vilkår begynder"]
    end = next(r for r in rows if r[1] == "De 12 måneder på særlige vilkår er gået")
    assert end[0] == "01-06-2026"
    days = [dt.datetime.strptime(r[0], "%d-%m-%Y").date() for r in rows]
    assert days == sorted(days)


# -- 8. Word: the signatures together, the statements free to break ----------------------------------


def test_word_signature_blocks_share_one_row_that_never_breaks():
    d = docx.Document(io.BytesIO(render(klar(), "municipality", "docx")))
    table = next(t for t in d.tables if "For arbejdsgiveren" in t.rows[0].cells[0].text)
    assert len(table.rows) == 1
    row = table.rows[0]
    assert "Medarbejderen" in row.cells[-1].text
    assert "Medarbejderen har læst oplysningerne" in row.cells[-1].text
    assert row._tr.trPr is not None and row._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit") is not None
    for cell in row.cells:
        assert all(p.paragraph_format.keep_together for p in cell.paragraphs)


def test_word_statements_table_may_break_between_rows_not_inside_one():
    case = example("mangler-dokumentation")  # twelve statements: once kept whole
    d = docx.Document(io.BytesIO(render(case, "municipality", "docx")))
    table = next(t for t in d.tables
                 if "Modtager førtidspension" in t.rows[0].cells[0].text)
    cant = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit"
    assert all(r._tr.trPr.find(cant) is not None for r in table.rows)
    kept = [p.paragraph_format.keep_with_next for r in table.rows[1:-1] for c in r.cells
            for p in c.paragraphs]
    assert not any(kept)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_agreement_signed_after_the_start_says_the_twelve_months_may_count_from_it(fmt):
    case = klar()
    case.agreement.signed_on = dt.date(2025, 9, 1)  # the start is 01-06-2025
    text = flat(case, fmt)
    sentence = ("Den skriftlige aftale er underskrevet 01-09-2025, efter starten: kommunen kan "
                "regne de 12 måneder fra underskriften, og så nås de 01-09-2026.")
    assert sentence in page_one(text)
    assert sentence in part(text, r"\d\. Datoer", r"\d\. Bilag")
    assert "kommunen kan regne de 12 måneder fra underskriften" not in flat(klar(), fmt)


def test_printed_html_keeps_the_two_signature_blocks_in_one_group():
    out = render(klar(), "municipality", "html")
    group = out[out.index('<div class="keep signature-group">'):]
    group = group[:group.index("</footer>") if "</footer>" in group else None]
    assert group.count('<section class="signatures keep">') == 2
    assert group.index("For arbejdsgiveren") < group.index("Medarbejderen har læst")
