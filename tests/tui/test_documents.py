"""The documents people hand over: the draft written agreement (LAB § 119, stk. 2), the pack and
the municipality's version in HTML, Markdown and Word, all from the one view of a case. Every
.docx is read back with python-docx; user text comes out as text in every format; where
LibreOffice, Chromium and pdftoppm are installed the pages are laid out and looked at."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from wizard_helpers import export_window, wizard_at

from fleksjob_tui.case.model import Case, Meeting
from fleksjob_tui.case.storage import load_case
from fleksjob_tui.documents import render_document
from fleksjob_tui.documents.output import ExportError, assess_for_pack, export_case
from fleksjob_tui.view import build_view

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 11, 22)
EVIL = '<script>alert("x")</script>'
FORMATS = ("html", "md", "docx")
DOCUMENTS = ("pack", "agreement", "municipality")


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "home"))


def klar() -> Case:
    """The example "klar" with the people, hours and a planned meeting filled in."""
    case = load_case(EXAMPLES / "klar.toml")
    case.people.manager = "Åse Ørsted"
    case.people.union_rep = "Bjørn Ærø"
    case.people.union = "FOA Roskilde"
    case.people.hr = "Lærke Høj"
    case.employment.normal_weekly_hours = 37
    case.employment.current_weekly_hours = 25
    case.follow_up.next_meeting = dt.date(2027, 1, 14)
    return case


def docx_text(data: bytes | Path) -> str:
    """Every paragraph of a .docx, tables (and tables in tables) included, and its footer."""
    import io

    d = docx.Document(io.BytesIO(data) if isinstance(data, bytes) else str(data))
    out: list[str] = []

    def cells(table):
        for row in table.rows:
            for cell in row.cells:
                out.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    cells(inner)

    out.extend(p.text for p in d.paragraphs)
    for t in d.tables:
        cells(t)
    for s in d.sections:
        out.extend(p.text for p in s.footer.paragraphs)
    return "\n".join(out)


def render(case: Case, document: str, fmt: str, lang: str | None = None):
    return render_document(case, assess_for_pack(case, AS_OF), document, fmt, lang)


class Strict(HTMLParser):
    VOID = {"meta", "br", "col", "img", "hr", "input", "link", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_data(self, data):
        if "style" not in self.stack:
            self.text.append(data)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> but open {self.stack[-3:]}")
        else:
            self.stack.pop()


def parse_html(text: str) -> Strict:
    p = Strict()
    p.feed(text)
    p.close()
    assert not p.errors and not p.stack, (p.errors, p.stack)
    assert "script" not in p.tags and "a" not in p.tags and "link" not in p.tags
    return p


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# -- the view ----------------------------------------------------------------------------------


def test_view_holds_what_every_output_shows():
    case = klar()
    view = build_view(case, assess_for_pack(case, AS_OF))
    assert view.lang == "da" and view.status_word and view.status_sentence
    assert view.dates and any("12 måneder" in label for label, _ in view.dates)
    assert [m.title for m in view.pack.measures]
    assert view.person("manager") == "Åse Ørsted" and view.person("employee") == "M.K."
    assert (view.normal_hours, view.current_hours) == (37, 25)
    kinds = [e.kind for e in view.events]
    assert {"special_terms_start", "twelve_months", "six_year_mark", "pension",
            "next_meeting"} <= set(kinds)
    assert [e.date for e in view.events] == sorted(e.date for e in view.events)
    assert view.estimate and "Vejledende" in view.estimate[-1]
    en = build_view(case, assess_for_pack(case, AS_OF), "en")
    assert en.lang == "en" and en.person("union_rep") == "Bjørn Ærø"
    assert "Twelve months reached" in [e.label for e in en.events]


# -- the agreement -----------------------------------------------------------------------------

PARTIES = ("Solgården Plejecenter", "Afsnit B, dagvagt", "M.K.", "Social- og sundhedshjælper",
           "Åse Ørsted", "Bjørn Ærø", "FOA Roskilde")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_agreement_in_word_has_every_part_and_three_signature_places(tmp_path, lang):
    case = klar()
    case.case.language = lang
    path = export_case(case, AS_OF, "docx", tmp_path / "aftale.docx", document="agreement")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    d = docx.Document(str(path))
    text = docx_text(path)
    for s in case.agreement.difficult_functions + case.agreement.accommodations:
        assert s in text, s
    for party in PARTIES:
        assert party in text, party
    assert "OK24, FOA – kommunale SOSU-overenskomst" in text
    from fleksjob_tui.case.dates import format_date

    for day in (dt.date(2025, 6, 1),  # the start on special terms: the twelve months count
                dt.date(2027, 1, 14)):  # the next follow-up meeting
        assert format_date(day, lang) in text, day
    assert ("37 timer" if lang == "da" else "37 hours") in text
    assert ("25 timer" if lang == "da" else "25 hours") in text
    words = {"da": ("UDKAST", "For arbejdsgiveren", "Medarbejder", "Tillidsrepræsentant",
                    "Navn", "Dato", "Underskrift", "§ 119, stk. 2"),
             "en": ("DRAFT", "For the employer", "Employee", "Union representative",
                    "Name", "Date", "Signature", "§ 119(2)")}[lang]
    for word in words:
        assert word in text, word
    # Three places to sign, each with name, date and signature.
    sign = d.tables[-1]
    assert len(sign.columns) == 3
    for cell in sign.rows[0].cells:
        labels = [p.text for p in cell.paragraphs]
        assert {words[4], words[5], words[6]} <= set(labels), labels
    # Real headings, A4, page numbers in the footer.
    styles = {p.style.name for p in d.paragraphs if p.text.strip()}
    assert {"Heading 1", "Heading 2"} <= styles
    section = d.sections[0]
    assert abs(section.page_width.mm - 210) < 1 and abs(section.page_height.mm - 297) < 1
    footer_xml = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml and 'w:instr="NUMPAGES"' in footer_xml
    assert "æ" in text and "ø" in text and "å" in text and "Å" in text


def test_agreement_in_html_and_markdown_says_the_same():
    case = klar()
    html_text = squash(" ".join(parse_html(render(case, "agreement", "html")).text))
    md = render(case, "agreement", "md")
    for fact in PARTIES + tuple(case.agreement.difficult_functions + case.agreement.accommodations):
        assert fact in html_text, fact
        assert fact.replace(".", "") in md.replace("\\", "").replace(".", ""), fact
    for text in (html_text, md):
        assert "UDKAST" in text and "Underskrift" in text and "For arbejdsgiveren" in text


def test_agreement_of_a_case_without_answers_has_empty_lines_and_invents_nothing():
    case = Case.new()
    for fmt in FORMATS:
        out = render(case, "agreement", fmt)
        text = docx_text(out) if fmt == "docx" else out
        if fmt == "html":
            parse_html(out)
            assert out.count('class="blank"') >= 8 and out.count('class="blank-line"') == 11
        else:
            assert text.count("______") >= 8
        # Nothing from another case, no made-up name or agreement.
        for fact in PARTIES:
            assert fact not in text
        assert ("UDKAST" in text) and ("Underskrift" in text)
        assert "Sæt kryds" in text  # the social chapter: the parties tick one
    en = docx_text(render(case, "agreement", "docx", "en"))
    assert "DRAFT" in en and "Tick one" in en


def test_agreement_for_the_self_employed_says_section_119_does_not_apply():
    from fleksjob_tui.documents import NotForCase

    case = load_case(EXAMPLES / "selvstaendig.toml")
    with pytest.raises(NotForCase) as err:  # no agreement between employer and employee
        render(case, "agreement", "md")
    assert err.value.key == "not_self_employed"


# -- the pack in Word and the municipality's version --------------------------------------------


def test_pack_in_word_holds_the_same_facts_as_the_html(tmp_path):
    case = klar()
    path = export_case(case, AS_OF, "docx", tmp_path / "pakke.docx")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = docx_text(path)
    html_text = squash(" ".join(parse_html(render(case, "pack", "html")).text))
    view = build_view(case, assess_for_pack(case, AS_OF))
    pk = view.pack
    facts = [v for _, v in pk.facts] + [m.title for m in pk.measures] + \
        [m.note for m in pk.measures] + [m.summary for m in pk.meetings] + \
        [m.agreed for m in pk.meetings] + [v for _, v in pk.dates] + pk.economy + \
        [f.message for _, items in pk.findings for f in items] + pk.functions + \
        pk.accommodations + [pk.status_word, pk.status_sentence]
    for fact in facts:
        assert fact in text, fact
        assert squash(fact) in html_text, fact
    d = docx.Document(str(path))
    assert len(d.tables) >= 4  # facts, agreement, measures, meetings, signatures …
    headers = [[c.text for c in t.rows[0].cells] for t in d.tables]
    assert ["Redskab", "Periode", "Status og resultat", "Dokumenteret", "Bemærkning"] in headers
    assert ["Dato", "Deltagere", "Drøftet", "Aftalt"] in headers


def test_municipality_version_leaves_out_the_internal_list_and_adds_what_the_caseworker_needs():
    case = klar()
    case.eligibility.medical_documentation = "yes"
    case.measures[0].approved_by_municipality = "yes"
    for fmt in FORMATS:
        out = render(case, "municipality", fmt)
        text = docx_text(out) if fmt == "docx" else out
        if fmt == "html":
            text = " ".join(parse_html(out).text)
            assert 'class="status' not in out
        assert "Hvem skal gøre hvad" not in text and "5. Hvem" not in text
        assert "Status: " not in text
        plain = text.replace("\\", "")
        for fact in ("10-05-1966", "Roskilde Kommune", "Åse Ørsted", "Bjørn Ærø",
                     "FOA Roskilde", "Lærke Høj", "Solgården Plejecenter", "Afsnit B, dagvagt"):
            assert fact in plain, (fmt, fact)
        assert "Fødselsdato" in plain and "CPR" not in plain  # no note to the sender
        # The minutes of both meetings, titled as the minutes title themselves.
        assert "Referat af første møde" in plain and "Referat af møde med kommunen" in plain
        running = " ".join(plain.split())
        assert "underskrevet 01-06-2025" in running and "godkendt" in running  # § 119, § 56
        assert "Kontaktperson på arbejdspladsen" in plain


def test_municipality_attachments_are_marked_by_what_the_case_says():
    case = Case.new()
    text = render(case, "municipality", "md").replace("\\", "")
    # Only what exists: no minutes without meetings, no § 56 agreement the case does not have,
    # no agreement that is not written, no marks for papers that are not there.
    bilag = text[text.index("Bilag"):]
    assert "Ingen bilag." in bilag and "[" not in bilag
    case.agreement.written = "no"
    text = render(case, "municipality", "md").replace("\\", "")
    assert "Den skriftlige aftale om" not in text[text.index("## 8. Bilag"):]


# -- bad input: user text is text in every format -----------------------------------------------


def evil_case() -> Case:
    case = klar()
    long_note = ("Lang note æøå " * 200)[:2000]
    case.person.name = f'M.K. {EVIL} "citat" & \'enkelt\''
    case.person.full_name = case.person.name  # the municipality's version shows the full name
    case.case.title = f"Sag {EVIL}"
    case.people.manager = f'Leder "{EVIL}"'
    case.agreement.difficult_functions = [f"Løft {EVIL}\nanden linje", long_note]
    case.agreement.accommodations = [f'Pauser "{EVIL}" & <b>fed</b>', "ctrl \x01 tegn"]
    case.measures[0].note = long_note
    case.meetings.append(Meeting(date=dt.date(2026, 10, 1), participants=["employee"],
                                 summary=f"Første linje\n{EVIL}\n# ikke en overskrift",
                                 agreed=long_note))
    return case


@pytest.mark.parametrize("document", DOCUMENTS)
def test_user_text_comes_out_as_text_in_every_format(document):
    case = evil_case()
    long_note = case.measures[0].note
    html_out = render(case, document, "html")
    p = parse_html(html_out)
    assert "<script" not in html_out.lower() and "<b>" not in html_out
    html_text = "".join(p.text)
    assert EVIL in html_text
    md = render(case, document, "md")
    assert not re.search(r"(?<!\\)<(script|/script|b)", md)
    assert "\\<script\\>" in md
    data = render(case, document, "docx")
    text = docx_text(data)
    assert EVIL in text and '"citat"' in text
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        names = z.namelist()
        body = z.read("word/document.xml").decode("utf-8")
    assert not any(n.endswith(".bin") or "vbaProject" in n for n in names)  # no macros
    assert "<script" not in body and "&lt;script&gt;" in body
    assert "instrText" not in body and "fldSimple" not in body and "fldChar" not in body
    assert "hyperlink" not in body
    if document != "pack" or True:
        # The 2,000-character note comes through whole (in the measures table).
        assert long_note.strip() in text
        assert squash(long_note.strip()) in squash(html_text)


def test_a_cpr_number_typed_in_a_note_never_reaches_a_document():
    case = klar()
    case.measures[0].note = "Se 010203-1234 i journalen"
    case.agreement.accommodations.append("Aftalt med 0102031234")
    for document in DOCUMENTS:
        for fmt in FORMATS:
            out = render(case, document, fmt)
            text = docx_text(out) if fmt == "docx" else out
            assert "010203-1234" not in text and "0102031234" not in text, (document, fmt)


# -- the command line and the wizard ------------------------------------------------------------


def fleksjob(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "FLEKSJOB_DEBUG": "1"}
    return subprocess.run([sys.executable, "-m", "fleksjob_tui", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_export_command_writes_every_document_in_every_format(tmp_path):
    shutil.copy(EXAMPLES / "klar.toml", tmp_path / "sag.toml")
    before = (tmp_path / "sag.toml").read_bytes()
    for document, stem in (("pack", "sag"), ("agreement", "sag-aftale"),
                           ("municipality", "sag-kommune")):
        for fmt in FORMATS:
            r = fleksjob("export", "sag.toml", "--document", document, "--format", fmt,
                         "--as-of", "22-11-2026", cwd=tmp_path)
            assert r.returncode == 0, r.stderr
            out = tmp_path / f"{stem}.{fmt}"
            assert out.exists() and stat.S_IMODE(out.stat().st_mode) == 0o600, out
    # Without --format the name decides; a .docx is a zip with Word's parts.
    r = fleksjob("export", "sag.toml", "--document", "agreement", "-o", "til-hr.docx",
                 cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert zipfile.is_zipfile(tmp_path / "til-hr.docx")
    # The same rules as before: never over a case, never over a file unasked.
    r = fleksjob("export", "sag.toml", "--document", "agreement", "-o", "sag.toml",
                 "--format", "docx", cwd=tmp_path)
    assert r.returncode == 2 and "intet er gemt" in r.stderr
    r = fleksjob("export", "sag.toml", "--document", "agreement", "-o", "til-hr.docx",
                 cwd=tmp_path)
    assert r.returncode == 2 and "--force" in r.stderr
    r = fleksjob("export", "sag.toml", "--document", "agreement", "-o", "til-hr.docx",
                 "--force", cwd=tmp_path)
    assert r.returncode == 0
    assert (tmp_path / "sag.toml").read_bytes() == before
    r = fleksjob("export", "sag.toml", "--document", "aftale", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_export_case_refuses_a_case_file_for_a_word_file_too(tmp_path):
    case_path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", case_path)
    with pytest.raises(ExportError):
        export_case(load_case(case_path), AS_OF, "docx", case_path, case_path,
                    document="agreement")
    assert case_path.read_bytes() == (EXAMPLES / "klar.toml").read_bytes()


async def test_export_window_offers_the_agreement_in_word(tmp_path):
    from textual.widgets import Input

    from fleksjob_tui.wizard.screens.summary import ExportScreen

    # The window names the file after the case's title, beside the case (issue 24).
    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", path)
    async with export_window(path) as (app, pilot):
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-document").set_value("agreement")
        await pilot.pause()
        app.screen.query_one("#export-format").set_value("docx")
        await pilot.pause()
        value = app.screen.query_one("#export-path", Input).value
        assert value.endswith("fastholdelsesfleksjob-for-m-k-aftale.docx"), value
        assert "Word" in str(app.screen.query_one("#export-hint").render())
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    out = tmp_path / "fastholdelsesfleksjob-for-m-k-aftale.docx"
    assert out.exists() and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "For arbejdsgiveren" in docx_text(out)


async def test_export_window_offers_the_municipality_version_in_english(tmp_path):
    from textual.widgets import Input

    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", path)
    async with wizard_at(path, "summary", lang="en") as (app, pilot):
        await pilot.press("ctrl+e")
        await pilot.pause()
        choice = app.screen.query_one("#export-document")
        assert "Documentation for the municipality" in str(choice.render()).replace("\xa0", " ")
        choice.set_value("municipality")
        await pilot.pause()
        value = app.screen.query_one("#export-path", Input).value
        assert value.endswith("fastholdelsesfleksjob-for-m-k-kommune.html"), value
        await pilot.press("enter")
        await pilot.pause()
    text = (tmp_path / "fastholdelsesfleksjob-for-m-k-kommune.html").read_text(encoding="utf-8")
    assert "Fødselsdato" in text  # the document speaks the case's language, as the pack does


# -- a person's view: the pages as pictures ------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOPPM = shutil.which("pdftoppm")


def pages_of(pdf: Path) -> list[bytes]:
    """Each page of ``pdf`` as a small grey picture (PGM bytes, no header)."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([PDFTOPPM, "-r", "30", "-gray", str(pdf), f"{out}/p"], check=True,
                       capture_output=True, timeout=120)
        pictures = []
        for f in sorted(Path(out).glob("p-*.pgm")):
            data = f.read_bytes()
            # "P5\n<w> <h>\n255\n" then one byte per pixel
            header = data.split(b"\n", 3)
            pictures.append(header[3])
        return pictures


def assert_pages(pdf: Path, most: int) -> None:
    assert pdf.exists() and pdf.stat().st_size > 1000
    pictures = pages_of(pdf)
    assert 1 <= len(pictures) <= most, len(pictures)
    for i, pixels in enumerate(pictures):
        ink = sum(1 for b in pixels if b < 160)
        assert ink > 200, f"page {i + 1} is blank ({ink} dark pixels)"


def soffice_pdf(docx_path: Path, out: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out), str(docx_path)],
                       capture_output=True, timeout=180, check=False)
    return out / (docx_path.stem + ".pdf")


@pytest.mark.skipif(SOFFICE is None or PDFTOPPM is None,
                    reason="LibreOffice (libreoffice-writer-nogui) or pdftoppm not installed")
@pytest.mark.parametrize(("document", "most"), [("agreement", 3), ("pack", 6),
                                                ("municipality", 6)])
def test_word_files_lay_out_on_a4_without_blank_pages(tmp_path, document, most):
    path = export_case(klar(), AS_OF, "docx", tmp_path / f"{document}.docx", document=document)
    pdf = soffice_pdf(path, tmp_path)
    assert_pages(pdf, most)
    data = pdf.read_bytes()
    for w, h in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]", data):
        assert abs(float(w) - 595) < 1.5 and abs(float(h) - 842) < 1.5
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "Side 1 af" in text  # page numbers
        assert "Åse Ørsted" in text or document == "pack"


@pytest.mark.skipif(CHROMIUM is None or PDFTOPPM is None,
                    reason="chromium or pdftoppm is not installed")
@pytest.mark.parametrize("document", ["agreement", "municipality"])
def test_html_documents_print_without_blank_pages(tmp_path, document):
    html_path = export_case(klar(), AS_OF, "html", tmp_path / f"{document}.html",
                            document=document)
    pdf = tmp_path / f"{document}.pdf"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-pdf-header-footer", f"--user-data-dir={profile}",
             f"--print-to-pdf={pdf}", html_path.as_uri()],
            capture_output=True, timeout=120, check=False,
        )
    assert_pages(pdf, 6)


# -- the timeline --------------------------------------------------------------------------------


def test_timeline_svg_is_plain_black_and_white_and_labels_every_date():
    import xml.etree.ElementTree as ET

    from fleksjob_tui.case.dates import format_date
    from fleksjob_tui.documents.timeline import merge_dues, timeline_points, timeline_svg
    from fleksjob_tui.rules import assess

    for name in ("klar", "mangler-dokumentation", "selvstaendig"):
        case = load_case(EXAMPLES / f"{name}.toml")
        a = assess(case, AS_OF)
        svg = timeline_svg((case, a), standalone=True)
        root = ET.fromstring(svg)
        ns = "{http://www.w3.org/2000/svg}"
        tags = {el.tag.replace(ns, "") for el in root.iter()}
        assert tags <= {"svg", "title", "desc", "line", "circle", "rect", "path", "text"}, tags
        for el in root.iter():
            for attr, value in el.attrib.items():
                assert "href" not in attr and not attr.startswith("on"), attr
                if attr in ("fill", "stroke"):
                    assert value in ("#000", "#fff"), value  # black and white only
        texts = [el.text for el in root.iter(f"{ns}text")]
        points = timeline_points(case, a, "da")
        kinds = {p.kind for p in points}
        assert {"today", "pension"} <= kinds
        if name != "selvstaendig":
            assert {"special_terms_start", "twelve_months", "six_year_mark"} <= kinds
        for p in merge_dues(points, "da"):  # one label for a day's alike due dates
            assert f"{p.label} {format_date(p.date, 'da')}" in texts, p
        # The labels never overlap: each row's labels are apart.
        xs = []
        for el in root.iter(f"{ns}text"):
            width = len(el.text) * 7.2
            x = float(el.get("x"))
            left = x if el.get("text-anchor") == "start" else x - width
            xs.append((float(el.get("y")), left, left + width))
            assert left >= 0 and left + width <= 681, el.text  # inside the picture
        for i, (y, lo, hi) in enumerate(xs):
            for y2, lo2, hi2 in xs[i + 1:]:
                assert y != y2 or hi < lo2 or hi2 < lo, (y, lo, hi, lo2, hi2)


def test_pack_html_shows_the_timeline_and_the_summary_its_line():
    from rich.console import Console

    from fleksjob_tui.documents.summary import summary_text
    from fleksjob_tui.documents.timeline import timeline_line
    from fleksjob_tui.rules import assess

    case = klar()
    html_out = render(case, "pack", "html")
    assert "<svg" in html_out and "12 måneder nået 01-06-2026" in html_out
    parse_html(html_out)
    a = assess(case, AS_OF)
    text = summary_text(case, a, width=80).replace("\xa0", " ")
    assert "12 mdr. 01-06-2026" in text and "I dag 22-11-2026" in text
    line = timeline_line(case, a, "en")
    console = Console(width=80, record=True, color_system=None)
    console.print(line)
    out = console.export_text()
    assert all(len(row) <= 80 for row in out.splitlines())
    for item in ("Special terms 2025-06-01", "12 months 2026-06-01", "Today 2026-11-22"):
        assert item in out.replace("\xa0", " "), item  # a point is never split over two lines
    assert timeline_line(Case.new(), assess(Case.new(), AS_OF)) is None


def test_a_due_date_shows_in_the_word_pack():
    import dataclasses

    from fleksjob_tui.documents.docx_writer import render_docx
    from fleksjob_tui.documents.pack import pack_document

    case = load_case(EXAMPLES / "mangler-dokumentation.toml")
    a = assess_for_pack(case, AS_OF)
    from fleksjob_tui.rules.engine import is_waiting

    i = next(n for n, f in enumerate(a.findings) if not is_waiting(f))  # a deadline, not time
    first = dataclasses.replace(a.findings[i], due=dt.date(2027, 2, 1))
    a = dataclasses.replace(a, findings=(*a.findings[:i], first, *a.findings[i + 1:]))
    view = build_view(case, a)
    assert view.findings[i].due == dt.date(2027, 2, 1)
    groups = view.finding_groups()
    assert sum(len(items) for _, items in groups) == len(a.findings)
    assert any(f.due == dt.date(2027, 2, 1) for _, items in groups for f in items)
    assert any(e.kind == "due" and e.date == dt.date(2027, 2, 1) for e in view.events)
    text = docx_text(render_docx(pack_document(view)))
    for f in a.findings:
        assert f.message in text
    # One way to write a finding in every format: [tag · due] message (reference).
    assert f" · senest 01-02-2027] {first.message} (Henvisning: " in text


# -- checked as their readers would (docs2) -----------------------------------------------------


def manager_case() -> Case:
    """A manager's case for HR and the municipality: klar with people, 37 → 25 hours, a § 56
    agreement approved by the municipality, a measure without dates and a next meeting."""
    from fleksjob_tui.case.model import Measure

    case = klar()
    case.measures.append(Measure(id="increased_absence", status="ongoing",
                                 from_=dt.date(2025, 11, 1), result="helped", documented="yes",
                                 approved_by_municipality="yes",
                                 approved_on=dt.date(2025, 11, 15)))
    case.measures.append(Measure(id="workplace_adaptation", status="not_tried",
                                 note="Hæve-sænkebord bestilt"))
    return case


@pytest.mark.parametrize("lang", ["da", "en"])
def test_word_pack_has_the_law_line_the_people_and_the_hours(lang):
    from fleksjob_tui.documents.summary import law_line

    case = manager_case()
    text = docx_text(render(case, "pack", "docx", lang))
    assert law_line(lang) in text  # "Lovgrundlag: … (tjekket …)", as the HTML pack shows it
    for name in ("Åse Ørsted", "Bjørn Ærø", "FOA Roskilde", "Lærke Høj"):
        assert name in text
    people = {"da": ("Nærmeste leder", "Tillidsrepræsentant", "HR-kontakt"),
              "en": ("Line manager", "Union representative", "HR contact")}[lang]
    for role in people:
        assert role in text
    hours = {"da": ("37 timer om ugen", "25 timer om ugen"),
             "en": ("37 hours a week", "25 hours a week")}[lang]
    for h in hours:
        assert h in text


@pytest.mark.parametrize("document", ["pack"])  # the municipality's: test_documents_signed
def test_a_measure_without_dates_says_so_and_an_approval_shows_its_date(document):
    case = manager_case()
    d = docx.Document(__import__("io").BytesIO(render(case, document, "docx")))
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "Redskab")
    rows = {r.cells[0].text.split(" — ")[0]: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["Ændret indretning af arbejdspladsen"][1] == "ingen datoer angivet"
    # The approval stands once, with the measure's name (as in the summary and the HTML pack).
    approved = " ".join(rows["Accept af øget fravær (§ 56-aftale)"])
    assert approved.count("godkendt af kommunen 15-11-2025") == 1
    assert rows["Nedsat timetal"][1] == "01-06-2025 – 01-12-2025"  # dated ones unchanged
    en = docx_text(render(case, document, "docx", "en"))  # the pack's Markdown is export.py's
    assert "no dates given" in en and "approved by the municipality 2025-11-15" in en


def test_municipality_attachments_name_the_date_the_paragraph_56_agreement_was_approved():
    text = render(manager_case(), "municipality", "md")
    line = next(x for x in text.splitlines() if "§ 56" in x and x.startswith("- Bilag"))
    assert "godkendt af kommunen 15-11-2025" in line


def test_the_agreement_says_draft_on_every_page():
    case = manager_case()
    d = docx.Document(__import__("io").BytesIO(render(case, "agreement", "docx")))
    footer = d.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("UDKAST – tilpas før underskrift")
    assert footer.runs[0].bold
    html_out = render(case, "agreement", "html", "en")
    assert re.search(r"@page \{ @bottom-left \{ content: \"DRAFT – adapt before signing\"",
                     html_out)
    # Only the draft says so: the pack and the municipality's version do not (the latter
    # names itself and the case on every page instead).
    for document in ("pack", "municipality"):
        assert "UDKAST" not in docx_text(render(case, document, "docx"))
        assert "UDKAST" not in render(case, document, "html")
    assert "@bottom-left" not in render(case, "pack", "html")


def test_empty_lines_to_write_on_stay_apart_in_markdown():
    text = render(Case.new(), "agreement", "md")
    lines = text.splitlines()
    numbered = [i for i, x in enumerate(lines) if re.match(r"\d\. _{10,}", x)]
    assert len(numbered) == 11  # three for the tasks, four each for functions, accommodations
    for i in numbered:
        assert lines[i + 1] == ""  # each its own paragraph: they never run into one line


def test_timeline_line_is_one_item_a_day_and_never_breaks_inside_one():
    from rich.console import Console

    from fleksjob_tui.documents.timeline import timeline_line
    from fleksjob_tui.rules import assess

    case = load_case(EXAMPLES / "mangler-dokumentation.toml")
    a = assess(case, AS_OF)
    assert sum(1 for f in a.findings if f.due == dt.date(2027, 3, 1)) >= 2
    # Two documentation deadlines on the 12-month date (the written agreement is due now).
    for lang, item in (("da", "12 mdr. + 2 frister 01-03-2027"),
                       ("en", "12 months + 2 due dates 2027-03-01")):
        console = Console(width=80, record=True, color_system=None)
        console.print(timeline_line(case, a, lang, 80))
        out = console.export_text()
        rows = out.splitlines()
        assert all(len(r) <= 80 for r in rows), rows
        assert item in out, out
        assert out.count("01-03-2027" if lang == "da" else "2027-03-01") == 1
        assert all(not r.startswith("→") for r in rows)  # an arrow ends a row, never starts one
        for r in rows:  # every row is whole items: "label date" pairs
            for part in r.rstrip(" →").split(" → "):
                assert re.search(r"\d{2}-\d{2}-\d{4}$|\d{4}-\d{2}-\d{2}$", part), (part, rows)


def test_timeline_svg_shows_the_same_due_date_once_with_a_count():
    from fleksjob_tui.documents.timeline import timeline_alt, timeline_svg

    case = load_case(EXAMPLES / "mangler-dokumentation.toml")
    view = build_view(case, assess_for_pack(case, AS_OF))
    svg = timeline_svg(view)
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    due = [x for x in labels if x.startswith("Frist")]
    assert len(due) == len(set(due)), labels
    assert any(re.search(r"\(\d\) 01-03-2027$", x) for x in due), due
    assert sum(1 for x in timeline_alt(view) if "Frist" in x) == len(due)


async def test_export_window_choosing_word_with_its_key_then_enter_saves(tmp_path):
    """At 80×24: the agreement with its key (u), Word with its key (w), Enter: the file is
    written. (Before, the cursor went on to "Fortryd" and Enter closed the window unsaved.)"""
    from textual.widgets import Button

    from fleksjob_tui.wizard.screens.summary import ExportScreen

    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", path)
    async with wizard_at(path, "summary") as (app, pilot):
        await pilot.press("ctrl+e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        await pilot.press("f1")  # (under F1: the window fits 80x24 with its key line)
        await pilot.pause()
        hint = str(app.screen.query_one(".help-body").render()) if app.screen.query(
            ".help-body") else " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "bliver du spurgt, før den erstattes" in hint.replace("\xa0", " ")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("u")  # the cursor starts on the choice of document (issue 24)
        await pilot.pause()
        assert app.focused.id == "export-format"
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.focused, Button) and app.focused.id == "export-ok"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    out = tmp_path / "fastholdelsesfleksjob-for-m-k-aftale.docx"
    assert out.exists() and "For arbejdsgiveren" in docx_text(out)


def test_a_date_in_a_word_table_never_breaks_at_its_hyphens():
    case = manager_case()
    data = render(case, "municipality", "docx")
    xml = zipfile.ZipFile(__import__("io").BytesIO(data)).read("word/document.xml").decode()
    assert "<w:noBreakHyphen/>" in xml
    text = docx_text(data)  # read back as an ordinary hyphen
    assert "godkendt af kommunen 15-11-2025" in text and "01-06-2025 – 01-12-2025" in text
    en = docx_text(render(case, "municipality", "docx", "en"))
    assert "2025-06-01 – 2025-12-01" in en


def test_a_date_in_an_html_table_stays_on_one_line():
    html_out = render(manager_case(), "municipality", "html")
    assert '<span class="nd">15-11-2025</span>' in html_out
    assert ".nd { white-space: nowrap; }" in html_out
    text = squash(" ".join(parse_html(html_out).text))
    assert "godkendt af kommunen 15-11-2025" in text


def test_the_agreement_says_its_basis():
    # One name on either basis (the HR review: the title, the Word property and the page say
    # it alike); § 2 says which basis.
    case = manager_case()
    text = render(case, "agreement", "md")
    assert "# Aftale om ansættelse på særlige vilkår (socialt kapitel)" in text
    assert "Ansættelsen sker efter overenskomstens sociale kapitel" in squash(text)
    case.employment.has_social_chapter = "no"
    case.employment.collective_agreement = None
    text = render(case, "agreement", "md")
    assert "# Aftale om ansættelse på særlige vilkår" in text
    assert "Ansættelsen sker derfor på særlige vilkår" in squash(text)  # lines are wrapped
    assert "Overenskomsten har ikke" not in text  # no agreement is presumed
    assert "# Aftale om ansættelse på særlige vilkår" in render(Case.new(), "agreement", "md")
    assert "on special terms" in render(Case.new(), "agreement", "md", "en")


async def test_export_window_opens_with_the_last_choice_again(tmp_path):
    from textual.widgets import Input

    from fleksjob_tui.wizard.screens.summary import ExportScreen

    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", path)
    async with wizard_at(path, "summary") as (app, pilot):
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#export-document").set_value("municipality")
        await pilot.pause()
        app.screen.query_one("#export-format").set_value("docx")
        await pilot.pause()
        await pilot.click("#export-ok")
        await pilot.pause()
        assert (tmp_path / "fastholdelsesfleksjob-for-m-k-kommune.docx").exists()
        await pilot.press("ctrl+e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert screen.query_one("#export-document").value == "municipality"
        assert screen.query_one("#export-format").value == "docx"
        assert screen.query_one("#export-path", Input).value.endswith("fastholdelsesfleksjob-for-m-k-kommune.docx")
        assert "Word" in str(screen.query_one("#export-hint").render())
