"""Issue 23, the HR consultant's second read: a final agreement to sign (no "Udkast" on it),
every part the case knows filled in, one font in Word (headings too), no agreement between
employer and employee for the self-employed, minutes titled by the meeting and naming its
participants, a calendar that does not give away the birth date, and Word properties that say
what the document is — never the case's title. Every document is read back as text."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx_reading import docx_in_order
from icalendar import Calendar
from test_documents import AS_OF, EXAMPLES, FORMATS, docx_text, fleksjob, klar, parse_html, squash
from wizard_helpers import export_window

from fleksjob_tui.case.model import Meeting
from fleksjob_tui.case.storage import load_case
from fleksjob_tui.documents import render_document
from fleksjob_tui.documents.calendar import build_calendar
from fleksjob_tui.documents.output import ExportError, assess_for_pack, export_case
from fleksjob_tui.rules import assess
from fleksjob_tui.view import build_view


def text(data, fmt: str) -> str:
    if fmt == "docx":
        return squash(docx_in_order(data))
    if fmt == "html":
        return squash(" ".join(parse_html(data).text))
    return squash(data)


def doc(case, document="agreement", fmt="md", lang=None, **kw):
    return render_document(case, assess_for_pack(case, AS_OF), document, fmt, lang, **kw)


# -- 1. a final version to sign ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_final_agreement_never_says_draft(fmt, lang):
    case = klar()
    draft = doc(case, fmt=fmt, lang=lang)
    final = doc(case, fmt=fmt, lang=lang, final=True)
    word = "udkast" if lang == "da" else "draft"
    assert word in text(draft, fmt).lower()
    assert word not in text(final, fmt).lower()
    # The version to sign names the parties, not the program's title of the case.
    assert "Fastholdelsesfleksjob for M.K." in text(draft, fmt)
    assert "Fastholdelsesfleksjob for M.K." not in text(final, fmt)
    if fmt == "html":
        assert "@bottom-left" not in final  # no draft mark on the printed pages
    if fmt == "docx":
        footer = docx.Document(io.BytesIO(final)).sections[0].footer.paragraphs[0].text
        assert word not in footer.lower() and ("Side" in footer or "Page" in footer)
    # Still everything to sign: the parts and the three places to sign.
    assert ("12. Underskrifter" if lang == "da" else "12. Signatures") in text(final, fmt)


def test_export_command_final_option(tmp_path):
    shutil.copy(EXAMPLES / "klar.toml", tmp_path / "sag.toml")
    r = fleksjob("export", "sag.toml", "--document", "agreement", "--final", "-o", "a.docx",
                 "--as-of", "22-11-2026", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "udkast" not in docx_text(tmp_path / "a.docx").lower()
    r = fleksjob("export", "sag.toml", "--document", "agreement", "-o", "b.docx",
                 "--as-of", "22-11-2026", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "UDKAST" in docx_text(tmp_path / "b.docx")
    # --final is for the agreement only: another document says so and writes nothing.
    r = fleksjob("export", "sag.toml", "--document", "pack", "--final", "-o", "c.html",
                 "--as-of", "22-11-2026", cwd=tmp_path)
    assert r.returncode != 0 and "--final" in r.stderr
    assert not (tmp_path / "c.html").exists()


def test_export_says_which_document_and_refuses_a_meeting_without_minutes(tmp_path):
    """The command names the document it saved (not "the documentation" for the agreement and
    the minutes too), and --meeting without --document minutes is refused, never answered with
    another document (both found by a tester)."""
    shutil.copy(EXAMPLES / "klar.toml", tmp_path / "sag.toml")
    r = fleksjob("export", "sag.toml", "--document", "agreement", "-o", "a.html",
                 "--as-of", "22-11-2026", cwd=tmp_path)
    assert r.returncode == 0 and "Udkast til skriftlig aftale" in r.stdout, r.stdout
    r = fleksjob("export", "sag.toml", "--document", "minutes", "--meeting", "08-09-2026",
                 "-o", "m.md", "--as-of", "22-11-2026", cwd=tmp_path)
    assert r.returncode == 0 and "Referat" in r.stdout, r.stdout
    r = fleksjob("export", "sag.toml", "--meeting", "08-09-2026", "-o", "f.md",
                 "--as-of", "22-11-2026", cwd=tmp_path)
    assert r.returncode == 2 and "--document minutes" in r.stderr, r.stderr
    assert not (tmp_path / "f.md").exists()


# -- 2. every part the case knows ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_agreement_of_the_examples_fills_hours_union_and_tasks(fmt):
    klar_ = text(doc(load_case(EXAMPLES / "klar.toml"), fmt=fmt), fmt)
    hours = klar_[klar_.index("7. Arbejdstid"):klar_.index("8. Løn")]
    assert "37 timer" in hours and "25 timer" in hours, hours
    parties = klar_[klar_.index("1. Parterne"):klar_.index("2. Grundlag")]
    assert "FOA" in parties, parties
    tasks = klar_[klar_.index("4. Nuværende"):klar_.index("5. Funktioner")]
    assert "flere opgaver med dokumentation og aktiviteter" in tasks, tasks
    venter = text(doc(load_case(EXAMPLES / "venter.toml"), fmt=fmt), fmt)
    hours = venter[venter.index("7. Arbejdstid"):venter.index("8. Løn")]
    assert "37 timer" in hours and "30 timer" in hours, hours
    assert "3F" in venter[venter.index("1. Parterne"):venter.index("2. Grundlag")]


def test_agreement_lists_only_the_task_changes_that_have_begun():
    case = klar()
    case.measures[1].to = None
    case.measures[1].from_ = dt.date(2027, 2, 1)  # changed tasks: a plan, not yet begun
    case.measures[1].status = "ongoing"
    out = squash(doc(case))
    tasks = out[out.index("4. Nuværende"):out.index("5. Funktioner")]
    assert "flere opgaver med dokumentation" not in tasks


# -- 3. one font in Word: headings, title and tables too ----------------------------------------


def _fonts(style) -> dict[str, str | None]:
    rpr = style.element.rPr
    fonts = rpr.rFonts if rpr is not None else None
    if fonts is None:
        return {}
    return {k.split("}")[1]: v for k, v in fonts.attrib.items()}


@pytest.mark.parametrize("document", ["agreement", "minutes"])
def test_word_headings_are_in_the_body_font(document):
    case = klar()
    kw = {"meeting": dt.date(2025, 6, 1)} if document == "minutes" else {}
    d = docx.Document(io.BytesIO(doc(case, document, "docx", **kw)))
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        fonts = _fonts(d.styles[name])
        assert not any(k.endswith("Theme") for k in fonts), (name, fonts)
        if name != "Normal" or fonts:
            for key in ("ascii", "hAnsi", "eastAsia", "cs"):
                assert fonts.get(key) == "Arial", (name, fonts)
    # The theme's own fonts are Arial too (a style that still asks for the theme gets Arial).
    with __import__("zipfile").ZipFile(io.BytesIO(doc(case, document, "docx", **kw))) as z:
        theme = z.read("word/theme/theme1.xml").decode("utf-8")
    assert 'typeface="Calibri' not in theme and 'typeface="Cambria' not in theme


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(not (SOFFICE and shutil.which("pdffonts")), reason="needs LibreOffice")
def test_word_agreement_in_libreoffice_uses_one_font_family(tmp_path):
    path = tmp_path / "aftale.docx"
    path.write_bytes(doc(klar(), fmt="docx"))
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(path)], capture_output=True, timeout=180,
                   env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    out = subprocess.run(["pdffonts", str(tmp_path / "aftale.pdf")], capture_output=True,
                         text=True, timeout=60).stdout
    names = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    assert names
    for name in names:
        family = name.split("+")[-1]
        assert family.startswith(("LiberationSans", "Arial")), out


# -- 4. the self-employed: no agreement between employer and employee -------------------------


def test_no_agreement_for_the_self_employed(tmp_path):
    case = load_case(EXAMPLES / "selvstaendig.toml")
    with pytest.raises(ExportError) as err:
        export_case(case, AS_OF, "docx", tmp_path / "a.docx", document="agreement")
    assert "selvstændig" in err.value.short("da") and "§ 126" in err.value.short("da")
    assert "self-employed" in err.value.short("en")
    assert not (tmp_path / "a.docx").exists()
    shutil.copy(EXAMPLES / "selvstaendig.toml", tmp_path / "sag.toml")
    r = fleksjob("export", "sag.toml", "--document", "agreement", "--as-of", "22-11-2026",
                 cwd=tmp_path)
    assert r.returncode != 0
    assert "aftale mellem arbejdsgiver og medarbejder" in squash(r.stderr), r.stderr
    assert not list(tmp_path.glob("sag-aftale.*"))


async def test_export_window_says_the_self_employed_have_no_agreement(tmp_path):
    from textual.widgets import Static

    from fleksjob_tui.wizard.screens.summary import ExportScreen

    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "selvstaendig.toml", path)
    async with export_window(path) as (app, pilot):
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-document").set_value("agreement")
        await pilot.pause()
        line = str(app.screen.query_one("#export-error", Static).render())
        assert "aftale mellem arbejdsgiver og medarbejder" in squash(line), line
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # nothing written
    assert not list(tmp_path.glob("*aftale*"))


# -- 5. minutes: titled by the meeting, participants by name ---------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_minutes_are_titled_by_the_kind_of_meeting(fmt):
    case = klar()
    first = text(doc(case, "minutes", fmt, meeting=dt.date(2025, 6, 1)), fmt)
    assert "Referat af første møde" in first
    municipal = text(doc(case, "minutes", fmt, meeting=dt.date(2026, 9, 8)), fmt)
    assert "Referat af møde med kommunen" in municipal
    case.meetings.append(Meeting(date=dt.date(2026, 11, 1), participants=["manager"]))
    follow = text(doc(case, "minutes", fmt, meeting=dt.date(2026, 11, 1)), fmt)
    assert "Referat af opfølgningsmøde" in follow
    en = text(doc(case, "minutes", fmt, "en", meeting=dt.date(2025, 6, 1)), fmt)
    assert "Minutes of the first meeting" in en


@pytest.mark.parametrize("fmt", FORMATS)
def test_minutes_name_the_participants_or_leave_a_line(fmt):
    case = klar()
    out = text(doc(case, "minutes", fmt, meeting=dt.date(2026, 9, 8)), fmt)
    part = out[out.index("Deltagere"):out.index("Drøftet")]
    assert "Nærmeste leder: Åse Ørsted" in part, part
    assert "Medarbejder: M.K." in part and "Tillidsrepræsentant: Bjørn Ærø" in part
    assert re.search(r"Kommunen: _{10,}", part), part  # a line to write the name on


# -- 6. the calendar keeps the birth date to itself ---------------------------------------------


def _summaries(data: bytes) -> list[str]:
    return [str(ev["summary"]) for ev in Calendar.from_ical(data).walk("VEVENT")]


def test_calendar_leaves_out_dates_that_give_away_the_birth_date():
    case = klar()
    view = build_view(case, assess(case, AS_OF))
    a = assess(case, AS_OF)
    data, _ = build_calendar(view)
    cal = Calendar.from_ical(data)
    days = {ev.decoded("dtstart") for ev in cal.walk("VEVENT")}
    assert a.pension.date not in days and a.pension.six_year_mark not in days
    assert not any("pension" in s.lower() for s in _summaries(data))
    data, _ = build_calendar(view, personal_dates=True)
    assert any("Folkepension" in s for s in _summaries(data))
    assert any("6 år før folkepension" in s for s in _summaries(data))


def test_calendar_command_with_personal_dates(tmp_path):
    shutil.copy(EXAMPLES / "klar.toml", tmp_path / "sag.toml")
    r = fleksjob("calendar", "sag.toml", "--as-of", "22-11-2026", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Folkepension" not in (tmp_path / "sag.ics").read_text("utf-8")
    r = fleksjob("calendar", "sag.toml", "--with-personal-dates", "--force", "--as-of",
                 "22-11-2026", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Folkepension" in (tmp_path / "sag.ics").read_text("utf-8")


# -- 7. Word properties: what the document is, never the case's title --------------------------


@pytest.mark.parametrize(("document", "title"), [
    ("agreement", "Aftale om ansættelse på særlige vilkår (socialt kapitel)"),
    ("minutes", "Referat af første møde"),
    ("pack", "Dokumentation"),
    ("municipality", "Dokumentation"),
])
def test_word_properties_say_what_the_document_is_without_the_name(document, title):
    case = klar()
    case.case.title = "Mette Kirstine Hansen"
    kw = {"meeting": dt.date(2025, 6, 1)} if document == "minutes" else {}
    p = docx.Document(io.BytesIO(doc(case, document, "docx", **kw))).core_properties
    assert title in p.title, p.title
    for value in (p.title, p.subject, p.keywords, p.comments, p.category):
        assert "Mette" not in (value or "") and "M.K." not in (value or "")
    assert p.author == "fleksjob-tui" and p.last_modified_by == "fleksjob-tui"
    created = p.created.replace(tzinfo=None)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert abs((created - now).total_seconds()) < 600


def test_readme_says_when_the_agreement_is_final_and_why_the_calendar_has_no_birthdays():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    assert "--final" in readme and "--with-personal-dates" in readme


async def test_export_window_makes_the_final_agreement_too(tmp_path):
    from fleksjob_tui.wizard.screens.summary import ExportScreen

    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", path)
    async with export_window(path) as (app, pilot):
        assert isinstance(app.screen, ExportScreen)
        choice = app.screen.query_one("#export-document")
        assert "Aftale til underskrift" in str(choice.render()).replace("\xa0", " ")
        choice.set_value("agreement_final")
        await pilot.pause()
        app.screen.query_one("#export-format").set_value("docx")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    out = tmp_path / "fastholdelsesfleksjob-for-m-k-aftale.docx"
    text = docx_text(out)
    assert "12. Underskrifter" in text and "udkast" not in text.lower()
