"""Issue 23, point 2, after a caseworker's review: the municipality's version names who sends it
and whom to contact, labels the statements by who gave them, gives the medical statement's source
and date, lists only the attachments that exist, logs only what was tried, carries no
instructions to its sender, speaks to a self-employed person of the business, and names the
document and the person (full name and birth date when known) on every printed page. Each document is read as
text: the HTML, the Markdown and Word (python-docx)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import tempfile

import docx
import pytest
from docx_reading import docx_in_order
from test_documents import (
    AS_OF,
    CHROMIUM,
    EXAMPLES,
    FORMATS,
    SOFFICE,
    docx_text,
    fleksjob,
    klar,
    render,
    soffice_pdf,
)
from test_documents_signed import mangler, text_of

from fleksjob_tui import content
from fleksjob_tui.case.model import Case, Meeting
from fleksjob_tui.case.storage import load_case, save_case
from fleksjob_tui.documents.output import export_case
from fleksjob_tui.plain import flow


def kommune(case: Case, fmt: str, lang: str | None = None) -> str:
    if fmt == "docx":
        return docx_in_order(render(case, "municipality", "docx", lang))
    return text_of(case, "municipality", fmt, lang)


def part(text: str, start: str, end: str | None = None) -> str:
    """The text from the first match of the pattern ``start`` to the next of ``end``."""
    m = re.search(start, text)
    assert m, start
    rest = text[m.start():]
    n = re.search(end, rest[len(m.group(0)):]) if end else None
    return rest[:len(m.group(0)) + n.start()] if n else rest


def attachments_of(text: str) -> str:
    return part(text, r"\d+\. (Bilag|Attachments)",
                r"\d+\. (Underskrifter|Underskrift|Signatures|Signature)")


def mangler_dokumentation() -> Case:
    return load_case(EXAMPLES / "mangler-dokumentation.toml")


# -- 1. who sends it, whom to contact ---------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_sender_and_workplace_contact_from_the_case_fields(fmt):
    case = klar()
    case.sender.name = "Lærke Høj, HR-partner"
    case.sender.contact_name = "Åse Ørsted, afdelingsleder"
    case.sender.contact_phone = "72 36 12 34"
    case.sender.contact_email = "aoe@solgaarden.dk"
    text = kommune(case, fmt)
    for words in ("Sendt af", "Lærke Høj, HR-partner", "Kontaktperson på arbejdspladsen",
                  "Åse Ørsted, afdelingsleder", "Telefon (arbejde)", "72 36 12 34",
                  "E-mail (arbejde)", "aoe@solgaarden.dk"):
        assert words in text, words
    en = kommune(case, fmt, "en")
    assert "Phone (work)" in en and "72 36 12 34" in en and "Sent by" in en


@pytest.mark.parametrize("fmt", FORMATS)
def test_sender_and_contact_default_to_the_people_the_case_names(fmt):
    case = load_case(EXAMPLES / "venter.toml")  # filled in by the manager
    case.people.manager = "Åse Ørsted"
    text = kommune(case, fmt)
    assert "Åse Ørsted (lederen)" in text  # sent by the one who fills in the case
    assert "Åse Ørsted (nærmeste leder)" in text  # the caseworker's contact
    case.people.manager = None
    case.people.hr = "Lærke Høj"
    assert "Lærke Høj (HR)" in kommune(case, fmt)


def test_without_names_the_sender_and_contact_are_lines_to_write_on():
    md = render(mangler_dokumentation(), "municipality", "md")  # the employee's case, no names
    for label in ("Sendt af", "Kontaktperson på arbejdspladsen", "Telefon (arbejde)",
                  "E-mail (arbejde)"):
        line = next(x for x in md.splitlines() if f"**{label}:**" in x)
        assert "______" in line and "J.P." not in line, line


def test_sender_and_medical_fields_round_trip_and_old_files_still_load(tmp_path):
    case = klar()
    case.sender.name = "Lærke Høj, HR-partner"
    case.sender.contact_phone = "72 36 12 34"
    case.sender.contact_email = "aoe@solgaarden.dk"
    case.eligibility.medical_source = "Speciallæge i reumatologi"
    case.eligibility.medical_date = dt.date(2026, 3, 12)
    path = tmp_path / "sag.toml"
    save_case(case, path)
    saved = path.read_text(encoding="utf-8")
    assert "[sender]" in saved and 'contact_phone = "72 36 12 34"' in saved
    assert "medical_date = 2026-03-12" in saved
    back = load_case(path)
    assert back.sender == case.sender and back.eligibility == case.eligibility
    for example in sorted(EXAMPLES.glob("*.toml")):  # files without the new keys
        old = load_case(example)
        assert old.sender.name is None and old.eligibility.medical_source is None
    assert "[sender]" not in Case.new().to_toml_dict()


def test_the_wizard_asks_for_them_in_the_fitting_steps_in_both_languages():
    for key in ("sender.name", "sender.contact_name", "sender.contact_phone",
                "sender.contact_email", "sender.contact_phone_self", "sender.contact_email_self",
                "eligibility.medical_source", "eligibility.medical_date"):
        for lang in ("da", "en"):
            assert content.text("questions", f"{key}.label", lang), (key, lang)
            assert content.text("questions", f"{key}.help", lang), (key, lang)
    employment = [f.path for f in flow.STEPS["employment"]]
    assert employment[-4:] == ["sender.name", "sender.contact_name", "sender.contact_phone",
                               "sender.contact_email"]
    own = {f.qkey for f in flow.STEPS["self_employment"]}
    assert {"sender.contact_phone_self", "sender.contact_email_self"} <= own
    eligibility = [f.path for f in flow.STEPS["eligibility"]]
    assert eligibility[-3:] == ["eligibility.medical_source", "eligibility.medical_date",
                                "flexjob.start"]
    doc = (EXAMPLES.parent / "docs" / "case-format.md").read_text(encoding="utf-8")
    for key in ("`[sender]`", "`contact_phone`", "`contact_email`", "`medical_source`",
                "`medical_date`"):
        assert key in doc, key


# -- 2. the statements, by who gave them ----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("role", "heading", "english"), [
    ("manager", "Lederens egne oplysninger", "The manager's own statements"),
    ("union_rep", "Tillidsrepræsentantens egne oplysninger",
     "The union representative's own statements"),
    ("employee", "Medarbejderens egne oplysninger", "The employee's own statements"),
])
def test_statements_are_labelled_by_who_gave_them(fmt, role, heading, english):
    case = klar()
    case.case.role = role
    text = kommune(case, fmt)
    assert heading in text and "ikke en vurdering" in text
    assert "Arbejdspladsens egne" not in text
    en = kommune(case, fmt, "en")
    assert english in en and "not an assessment" in en and "workplace's own" not in en


# -- 3. the medical statement --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_medical_statement_with_source_and_date_is_named_and_attached(fmt):
    case = klar()  # medical_documentation = "yes"
    case.eligibility.medical_source = "Speciallæge i reumatologi"
    case.eligibility.medical_date = dt.date(2026, 3, 12)
    text = kommune(case, fmt)
    # With the statements, and in the attachment.
    assert text.count("Speciallæge i reumatologi, 12-03-2026") == 2
    assert "Lægelige oplysninger fra (hvem og dato)" in text
    att = attachments_of(text)
    assert "Lægelige oplysninger om, at begrænsningerne er varige, Speciallæge i reumatologi, " \
           "12-03-2026" in att


@pytest.mark.parametrize("fmt", FORMATS)
def test_medical_statement_without_a_source_is_not_claimed_as_an_attachment(fmt):
    text = kommune(klar(), fmt)  # "yes", but no source nor date
    assert "Lægelige" not in attachments_of(text)
    assert "Lægelige oplysninger fra (hvem og dato)" in text  # a line to write it on


# -- 4. attachments that exist -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_attachments_are_the_papers_that_exist(fmt):
    case = mangler_dokumentation()  # no written agreement, one meeting with a record
    case.meetings.append(Meeting(date=dt.date(2026, 10, 1), participants=["manager"]))
    case.meetings.append(Meeting(date=AS_OF + dt.timedelta(days=20), participants=["manager"],
                                 summary="Planlagt: status på løft"))
    text = kommune(case, fmt)
    att = attachments_of(text)
    assert "Bilag 1: Referat af første møde 14-08-2026" in att  # as the minutes title it
    assert att.count("Referat") == 1  # not the meeting without a record, nor the planned one
    for never in ("findes ikke", "ikke oplyst", "[", "skriftlige aftale", "Lægelige",
                  "Arbejdsgiverens dokumentation"):
        assert never not in att, never
    assert "referat, bilag 1" in text  # the log points to the minutes
    full = kommune(klar(), fmt)
    att = attachments_of(full)
    assert "Bilag 1: Den skriftlige aftale om ansættelse på særlige vilkår, underskrevet " \
           "01-06-2025" in att
    assert "Bilag 2: Referat af første møde 01-06-2025" in att
    assert "Bilag 3: Referat af møde med kommunen 08-09-2026" in att
    assert "Bilag 4: Arbejdsgiverens dokumentation" in att


def test_the_command_line_says_how_to_make_the_minutes_the_attachments_list(tmp_path):
    shutil.copy(EXAMPLES / "klar.toml", tmp_path / "sag.toml")
    r = fleksjob("export", "sag.toml", "--document", "municipality", "--as-of", "22-11-2026",
                 cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    for day in ("01-06-2025", "08-09-2026"):
        assert f"fleksjob export sag.toml --document minutes --meeting {day}" in r.stdout
    assert "--document minutes" not in (tmp_path / "sag-kommune.html").read_text("utf-8")
    r = fleksjob("export", "sag.toml", "--as-of", "22-11-2026", cwd=tmp_path)  # the pack
    assert r.returncode == 0 and "--document minutes" not in r.stdout


def test_a_case_with_no_papers_says_so():
    att = attachments_of(kommune(Case.new(), "md"))
    assert "Ingen bilag." in att and "Bilag 1" not in att


# -- 5. the log: only what was tried -------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_log_holds_only_what_was_tried_and_the_rest_stands_apart(fmt):
    case = mangler_dokumentation()  # "Fast makker ved tunge opgaver" was not tried
    case.meetings.append(Meeting(date=AS_OF + dt.timedelta(days=20), participants=["manager"],
                                 summary="Planlagt: status på løft"))
    text = kommune(case, fmt)
    log = part(text, r"\d+\. Forløbet", "Redskaber, der er overvejet, men ikke afprøvet")
    assert "Redskab: Ændret vagtplan" in log and "Første møde" in log
    for never in ("ikke afprøvet", "Fast makker", "Planlagt", "uden dato"):
        assert never not in log, never
    apart = part(text, "Redskaber, der er overvejet, men ikke afprøvet", r"\d+\. Datoer")
    assert "Fast makker ved tunge opgaver: ikke afprøvet" in apart
    en = kommune(case, fmt, "en")
    assert "Measures considered but not tried" in en


def test_log_rows_are_in_date_order_with_period_result_and_documentation():
    d = docx.Document(io.BytesIO(render(mangler_dokumentation(), "municipality", "docx")))
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "Dato")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    # The first and last day of the 12 months stand in the log too.
    assert [r[0] for r in rows] == ["01-03-2026", "01-03-2026", "01-05-2026", "14-08-2026",
                                    "01-03-2027"]
    assert rows[1][2].startswith("fra 01-03-2026") and rows[1][3] == "afprøvet: hjalp delvist"
    assert rows[3][4] == "referat, bilag 1"


# -- 6. nothing for the sender -------------------------------------------------------------------

GUIDANCE = (r"\budfyld\b", r"\bskriv\b", r"\bvedlæg\b", r"\bhold dokumentet\b", r"\bspørg\b",
            r"\bhusk\b", r"\bnever write\b", r"\battach these\b", r"\bkeep this document\b",
            r"\bfill in\b", r"\bask your\b", r"\benter it\b", r"\bremember\b")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_instructions_to_the_sender(fmt, lang):
    cases = [load_case(p) for p in sorted(EXAMPLES.glob("*.toml"))] + [Case.new(), klar()]
    for case in cases:
        text = kommune(case, fmt, lang).lower()
        for pattern in GUIDANCE:
            assert not re.search(pattern, text), (case.case.title, pattern)


# -- 7. the self-employed ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("lang", "never", "business"), [
    ("da", ("arbejdsgiver", "arbejdsplads", "medarbejder", "stilling"), "Virksomheden"),
    ("en", ("employer", "workplace", "employee", "job title"), "The business"),
])
def test_self_employed_version_speaks_of_the_business_and_the_person(fmt, lang, never, business):
    case = load_case(EXAMPLES / "selvstaendig.toml")
    case.sender.contact_phone = "74 62 00 00"
    text = kommune(case, fmt, lang)
    low = text.lower()
    for words in never:
        assert words not in low, words
    assert business in text and "74 62 00 00" in text
    assert ("Den selvstændige bekræfter" if lang == "da" else
            "The self-employed person confirms") in text
    assert "LAB § 126" in text


# -- what a caseworker's template also asks -----------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_employer_and_employee_sign_and_the_cvr_number_has_a_line(fmt):
    text = kommune(mangler(), fmt)
    signatures = part(text, r"\d+\. Underskrifter")
    assert "For arbejdsgiveren" in signatures and "Åse Ørsted" in signatures
    assert "Medarbejderen har læst oplysningerne" in signatures
    assert "Mette Kirsten Knudsen" in signatures
    assert "CVR-nr." in text
    md = render(mangler(), "municipality", "md")
    assert "______" in next(x for x in md.splitlines() if "**CVR-nr.:**" in x)


# -- 8. a reference on every page ----------------------------------------------------------------


def test_every_word_page_names_the_document_and_the_person():
    # Page 1 already names the person by full name and birth date: every page does, so a page
    # on its own still says whose it is (the caseworker's review).
    case = mangler()  # initials M.K., full name Mette Kirsten Knudsen
    d = docx.Document(io.BytesIO(render(case, "municipality", "docx")))
    for section in d.sections:
        assert not section.different_first_page_header_footer
        footer = section.footer
        text = "".join(p.text for p in footer.paragraphs)
        assert "Dokumentation til kommunen – Mette Kirsten Knudsen, født 10-05-1966" in text
        xml = footer._element.xml
        assert "PAGE" in xml and "NUMPAGES" in xml


def test_every_printed_html_page_names_the_document_and_the_case():
    out = render(mangler(), "municipality", "html", "en")
    css = out[out.index("<style>"):out.index("</style>")]
    m = re.search(r'@page \{ @bottom-left \{ content: "([^"]*)"', css)
    assert m and m.group(1) == "Documentation for the municipality – Mette Kirsten Knudsen, " \
        "born 1966-05-10"
    assert "counter(page)" in css and "counter(pages)" in css


def _pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [p for p in text.split("\f") if p.strip()]


@pytest.mark.skipif(CHROMIUM is None or SOFFICE is None, reason="chromium or soffice missing")
def test_the_reference_is_on_each_printed_page(tmp_path):
    case = mangler()
    case.measures *= 2  # enough to fill more than one page
    html_path = export_case(case, AS_OF, "html", tmp_path / "k.html", document="municipality")
    pdf = tmp_path / "k.pdf"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-pdf-header-footer", f"--user-data-dir={profile}",
             f"--print-to-pdf={pdf}", html_path.as_uri()],
            capture_output=True, timeout=120, check=False)
    word_pdf = soffice_pdf(export_case(case, AS_OF, "docx", tmp_path / "k.docx",
                                       document="municipality"), tmp_path / "w")
    for printed in (pdf, word_pdf):
        pages = _pages(printed)
        assert len(pages) >= 2, printed
        for i, page in enumerate(pages, 1):
            mark = "Dokumentation til kommunen – Mette Kirsten Knudsen, født 10-05-1966"
            assert mark in page, (printed, i)
            assert re.search(rf"{i}\s*(/|af)\s*{len(pages)}", page), (printed, i)


def test_docx_text_helper_reads_the_footer():
    assert "Dokumentation til kommunen – M.K." in docx_text(render(klar(), "municipality", "docx"))
