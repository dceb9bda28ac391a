"""Issue 23: the documents a professional signs — the agreement as people sign it, the
municipality's version as a caseworker reads it, the minutes of one meeting and the calendar's
privacy. Every document is read back as text (python-docx, the HTML, the Markdown)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import stat

import docx
import pytest
from test_documents import (
    AS_OF,
    EXAMPLES,
    FORMATS,
    docx_text,
    evil_case,
    fleksjob,
    klar,
    manager_case,
    parse_html,
    render,
    squash,
)
from wizard_helpers import AS_OF as WIZARD_AS_OF
from wizard_helpers import wizard_at

from fleksjob_tui.case.dates import format_date
from fleksjob_tui.case.model import Case, Meeting
from fleksjob_tui.case.storage import load_case, save_case
from fleksjob_tui.documents import NotForCase, render_document
from fleksjob_tui.documents.output import assess_for_pack, export_case
from fleksjob_tui.wizard.app import FleksjobApp
from fleksjob_tui.wizard.screens.meetings import MeetingEditor


def text_of(case: Case, document: str, fmt: str, lang: str | None = None) -> str:
    out = render(case, document, fmt, lang)
    if fmt == "docx":
        return docx_text(out)
    if fmt == "html":
        return squash(" ".join(parse_html(out).text))
    return squash(out)  # Markdown's lines are wrapped: read it as running text


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
    # The date it is made is written when it is signed; the earlier written agreement of
    # 01-06-2025 (the case's) is named as the one it replaces, and the start.
    assert "Aftalen er indgået den" in text and "01-06-2025" in text
    # The provision of the social chapter (the framework agreement) is the parties' to write.
    assert "Rammeaftale/bestemmelse om socialt kapitel" in text
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
    md = render(case, "agreement", "md")
    line = next(x for x in md.splitlines() if "Aftalen er indgået den" in x)
    assert "01-12-2026" not in line and "______" in line


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
        if case.person.self_employed:  # no agreement between employer and employee for them
            with pytest.raises(NotForCase):
                text_of(case, "agreement", "md")
            continue
        for lang in ("da", "en"):
            text = text_of(case, "agreement", "md", lang)
            assert ("12. Underskrifter" if lang == "da" else "12. Signatures") in text, path


# -- 2. the municipality's version ---------------------------------------------------------------


def mangler() -> Case:
    """An example with deadlines for the manager (internal "Frist"), a measure and an estimate."""
    case = klar()
    case.person.full_name = "Mette Kirsten Knudsen"
    return case


@pytest.mark.parametrize("fmt", FORMATS)
def test_municipality_version_has_nothing_internal(fmt):
    case = load_case(EXAMPLES / "mangler-dokumentation.toml")
    text = text_of(case, "municipality", fmt)
    assert "Frist" not in text and "I dag" not in text
    for words in ("fleksløntilskud", "Økonomi", "betalte timer", "Vejledende"):
        assert words not in text, words
    text = text_of(klar(), "municipality", fmt)
    assert "fleksløntilskud" not in text and "18 betalte timer" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_municipality_version_names_the_employee_sender_contact_and_signature(fmt):
    text = text_of(mangler(), "municipality", fmt)
    assert "Fulde navn" in text and "Mette Kirsten Knudsen" in text and "10-05-1966" in text
    assert "Sendt af" in text and "Bjørn Ærø (tillidsrepræsentanten)" in text
    assert "Kontaktperson på arbejdspladsen" in text and "Åse Ørsted (nærmeste leder)" in text
    assert "Telefon (arbejde)" in text and "E-mail (arbejde)" in text
    assert "Arbejdsgiveren bekræfter" in text and "For arbejdsgiveren" in text
    # The answers are the union representative's own statements (klar: role union_rep).
    assert "Tillidsrepræsentantens egne oplysninger" in text and "ikke en vurdering" in text
    # The people and the hours stand once.
    assert text.count("Lærke Høj") == 1
    assert text.count("37 timer om ugen") == 1  # not again as "Arbejdstid: 37 → 25" below
    assert "Næste opfølgningsmøde" not in text


def test_municipality_version_without_a_full_name_has_a_line_not_the_initials():
    md = render(klar(), "municipality", "md")
    line = next(x for x in md.splitlines() if "Fulde navn" in x)
    assert "M.K." not in line and "______" in line
    assert "Full name" in render(klar(), "municipality", "md", "en")


def test_municipality_log_is_measures_and_meetings_in_date_order():
    d = docx.Document(io.BytesIO(render(klar(), "municipality", "docx")))
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "Dato"
                 and t.rows[0].cells[1].text == "Hvad")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    rows = [r for r in rows if not r[1].startswith("De 12 måneder")]  # the window's marks
    whats = [r[1].split(" (")[0].split(" — ")[0] for r in rows]
    assert whats == ["Redskab: Nedsat timetal", "Første møde", "Redskab: Ændrede arbejdsopgaver",
                     "Redskab: Hjælpemidler", "Redskab: Omplacering", "Møde med kommunen"], whats
    days = [dt.datetime.strptime(r[0], "%d-%m-%Y").date() for r in rows]
    assert days == sorted(days)
    assert rows[0][2].startswith("01-06-2025 – 01-12-2025")  # the period
    assert rows[0][3] == "afprøvet: hjalp delvist" and rows[0][4] == "ja, bilag 4"
    assert rows[1][3].startswith("Aftalt: Nedsat tid")
    # No table of measures or meetings besides the log: each stands once.
    assert not any(t.rows[0].cells[0].text == "Redskab" for t in d.tables)


def test_municipality_log_puts_a_measure_without_dates_last_and_says_so():
    case = manager_case()
    case.measures[-1].status = "tried"  # tried, but no dates given
    md = render(case, "municipality", "md")
    log = md[md.index("## 6."):md.index("## 7.")]
    last = log[log.rindex("- **"):]  # the log is a list: too wide for a table
    assert last.startswith("- **uden dato**") and "ingen datoer angivet" in last
    assert "godkendt af kommunen 15-11-2025" in md


def test_municipality_attachments_are_only_those_that_apply():
    case = klar()
    md = render(case, "municipality", "md")
    assert "§ 56" not in md  # the case has no § 56 agreement
    case.meetings = []
    assert "Referater af møderne" not in render(case, "municipality", "md")
    self_employed = render(load_case(EXAMPLES / "selvstaendig.toml"), "municipality", "md")
    assert "Den skriftlige aftale om ansættelse" not in self_employed
    assert "Den selvstændige" in self_employed


def test_full_name_is_kept_in_the_file_and_shown_to_the_municipality_and_signer(tmp_path):
    case = mangler()
    path = tmp_path / "sag.toml"
    save_case(case, path)
    assert 'full_name = "Mette Kirsten Knudsen"' in path.read_text(encoding="utf-8")
    assert load_case(path).person.full_name == "Mette Kirsten Knudsen"
    # The pack is the parties' own; the agreement is signed by the person, by the full name.
    for fmt in FORMATS:
        assert "Mette Kirsten" not in text_of(case, "pack", fmt), fmt
        assert "Mette Kirsten Knudsen" in text_of(case, "agreement", fmt), fmt
    case.person.full_name = "Mette 010203-1234"  # a CPR number typed by mistake never shows
    assert "1234" not in render(case, "municipality", "md")


# -- 4. the calendar: a copy is another case ----------------------------------------------------


async def test_save_as_a_copy_gives_the_copy_its_own_identifier(tmp_path):
    first = tmp_path / "sag.toml"
    case = Case.new(role="union_rep", title="Test")
    save_case(case, first)
    original = load_case(first).case.id
    assert original
    app = FleksjobApp(first, as_of=WIZARD_AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.save_as(first)  # the same file: the same case
        assert app.case.case.id == original
        assert app.save_as(tmp_path / "kopi.toml")
        await pilot.pause()
    copy = load_case(tmp_path / "kopi.toml").case.id
    assert copy and copy != original and load_case(first).case.id == original


# -- 3. minutes of a meeting --------------------------------------------------------------------


def minutes(case: Case, day: dt.date, fmt: str, lang: str | None = None) -> str:
    out = render_document(case, assess_for_pack(case, AS_OF), "minutes", fmt, lang,
                          meeting=day)
    if fmt == "docx":
        return docx_text(out)
    if fmt == "html":
        return squash(" ".join(parse_html(out).text))
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_minutes_have_date_participants_discussed_agreed_next_meeting_and_signatures(fmt):
    case = klar()
    text = minutes(case, dt.date(2026, 9, 8), fmt)
    # The municipality took part: the title says so (test_documents_review: by kind).
    for words in ("Referat af møde med kommunen", "08-09-2026", "Deltagere", "Drøftet", "Aftalt",
                  "Næste møde", "Underskrifter", "Navn", "Dato", "Underskrift",
                  "Nærmeste leder: Åse Ørsted", "Tillidsrepræsentant: Bjørn Ærø", "Kommunen",
                  "Omplacering til køkkenet har ikke hjulpet",
                  "Arbejdsgiveren dokumenterer forsøget"):
        assert words in text, (fmt, words)
    assert "14-01-2027" in text  # the planned next meeting
    assert text.count("Åse Ørsted") >= 2  # a participant, and above her signature
    # Only this meeting: the other meeting's words are not in it.
    assert "Nedsat tid til 25 timer" not in text


def test_minutes_name_a_next_meeting_only_as_agreed_at_that_meeting():
    """An HR consultant's read: the minutes of 01-06-2025 said "Næste opfølgningsmøde:
    08-09-2026" — a later meeting's date, not known then, as if agreed then. An earlier meeting
    gets a line to fill in; the latest gets the planned next meeting."""
    case = klar()
    first = minutes(case, dt.date(2025, 6, 1), "md")
    line = next(x for x in first.splitlines() if "Næste opfølgningsmøde" in x)
    assert not re.search(r"\d{2}-\d{2}-\d{4}", line)
    last = max(m.date for m in case.meetings)
    case.follow_up.next_meeting = last + dt.timedelta(days=60)
    text = minutes(case, last, "md")
    line = next(x for x in text.splitlines() if "Næste opfølgningsmøde" in x)
    assert format_date(case.follow_up.next_meeting, "da") in line


def test_agreement_without_a_written_one_leaves_the_start_to_be_written():
    """An HR consultant's read: a draft made now with "begynder den: 01-03-2026" is backdated
    when there is no written agreement (the municipality may count from the signing)."""
    case = klar()
    case.agreement.written = "no"
    start = format_date(case.employment.special_terms_start, "da")
    text = text_of(case, "agreement", "docx")
    assert f"__________ (sagen oplyser særlige vilkår fra {start}" in text
    assert f"indgået den: {format_date(case.agreement.signed_on, 'da')}" not in text
    case.agreement.written = "yes"
    text = text_of(case, "agreement", "docx")
    assert start in text and "sagen oplyser" not in text


def test_minutes_without_words_have_lines_to_write_on_and_sign_for_those_present():
    case = Case.new()
    case.meetings = [Meeting(date=dt.date(2026, 3, 2), participants=["employee", "hr"])]
    text = minutes(case, dt.date(2026, 3, 2), "md")
    assert text.count("______") >= 8
    signers = [x for x in text.splitlines() if x.startswith("**") and x.endswith("**  ")]
    assert signers == ["**Medarbejder**  "], signers  # HR is listed, not asked to sign
    en = minutes(case, dt.date(2026, 3, 2), "docx", "en")
    assert "Minutes of the first meeting" in en and "Participants" in en  # the only one


def test_export_command_writes_minutes_of_a_meeting(tmp_path):
    shutil.copy(EXAMPLES / "klar.toml", tmp_path / "sag.toml")
    r = fleksjob("export", "sag.toml", "--document", "minutes", cwd=tmp_path)
    assert r.returncode == 2 and "--meeting" in r.stderr and "08-09-2026" in r.stderr
    r = fleksjob("export", "sag.toml", "--document", "minutes", "--meeting", "02-09-2026",
                 cwd=tmp_path)
    assert r.returncode == 2 and "01-06-2025, 08-09-2026" in r.stderr
    r = fleksjob("export", "sag.toml", "--document", "minutes", "--meeting", "31-02-2026",
                 cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    for fmt, ext in (("html", "html"), ("md", "md"), ("docx", "docx")):
        r = fleksjob("export", "sag.toml", "--document", "minutes", "--meeting", "08.09.2026",
                     "--format", fmt, "--as-of", "22-11-2026", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        out = tmp_path / f"sag-referat-2026-09-08.{ext}"
        assert out.exists() and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Referat af møde med kommunen" in docx_text(tmp_path / "sag-referat-2026-09-08.docx")
    path = export_case(klar(), AS_OF, "md", tmp_path / "r.md", document="minutes",
                       meeting=dt.date(2025, 6, 1))
    assert "01-06-2025" in path.read_text(encoding="utf-8")


# -- 5. layout and file hygiene -------------------------------------------------------------------

ALL = ("agreement", "municipality", "minutes")


def any_document(document: str, fmt: str, lang: str | None = None):
    case = klar()
    if document == "minutes":
        return render_document(case, assess_for_pack(case, AS_OF), "minutes", fmt, lang,
                               meeting=dt.date(2026, 9, 8))
    return render(case, document, fmt, lang)


@pytest.mark.parametrize("document", ALL)
def test_word_headings_keep_with_what_follows(document):
    d = docx.Document(io.BytesIO(any_document(document, "docx")))
    paras = d.paragraphs
    headings = [p for p in paras if p.style.name.startswith("Heading") and p.text.strip()]
    assert len(headings) >= 5
    assert all(p.paragraph_format.keep_with_next for p in headings)
    # A heading's first paragraph stays with what follows too (an intro above a table, the
    # first item of a list), unless the next heading follows it.
    for i, p in enumerate(paras[:-2]):
        first, then = paras[i + 1], paras[i + 2]
        if p in headings and first.text.strip() and not first.style.name.startswith("Heading") \
                and not then.style.name.startswith("Heading"):
            assert first.paragraph_format.keep_with_next, first.text


@pytest.mark.parametrize("document", (*ALL, "pack"))
def test_word_properties_say_what_made_the_file_and_when(document):
    data = any_document(document, "docx")
    d = docx.Document(io.BytesIO(data))
    props = d.core_properties
    assert props.author == "fleksjob-tui" and props.last_modified_by == "fleksjob-tui"
    assert props.title and "fleksjob-tui" not in props.title
    now = dt.datetime.now(dt.UTC)
    for when in (props.created, props.modified):
        assert abs((when.replace(tzinfo=dt.UTC) - now).total_seconds()) < 600, when
    with __import__("zipfile").ZipFile(io.BytesIO(data)) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
    assert "<Application>fleksjob-tui</Application>" in app and "Macintosh" not in app
    assert d.styles["Normal"].font.name == "Arial" and "Liberation Sans" not in styles


@pytest.mark.parametrize("document", ALL)
def test_printed_html_keeps_headings_with_what_follows(document):
    out = any_document(document, "html")
    css = out[out.index("<style>"):out.index("</style>")]
    assert re.search(r"\.doc h1, \.doc h2, \.doc h3 \{ break-after: avoid;", css)
    assert re.search(r"\.doc h2::after, \.doc h3::after \{[^}]*height: 35mm;", css)


@pytest.mark.parametrize("document", ALL)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_markdown_reads_as_plain_text(document, lang):
    md = any_document(document, "md", lang)
    for line in md.splitlines():
        assert len(line) <= 100 or " " not in line.strip(), line
    for escape in ("\\[", "\\]", "1\\.", "\\#", "\\&", "\\!"):
        assert escape not in md, escape
    assert "(LAB § 119, stk. 2)" in squash(render(klar(), "municipality", "md"))  # no escapes


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_pack_in_markdown_is_wrapped_too(lang):
    for case in (klar(), evil_case()):
        md = render(case, "pack", "md", lang)
        for line in md.splitlines():
            if not line.startswith("|"):  # a table row stays a row
                assert len(line) <= 100 or " " not in line.strip(), line
    md = render(evil_case(), "pack", "md")
    assert "\n# ikke" not in md and "\n- ikke" not in md


def test_markdown_still_escapes_what_would_be_markup():
    case = klar()
    case.agreement.accommodations = ["[link](http://x) og <b>fed</b> og *stjerne* og # ikke"]
    md = render(case, "agreement", "md")
    assert r"\[link\](http://x)" in md and r"\<b\>fed\</b\>" in md and r"\*stjerne\*" in md
    assert "\n# ikke" not in md


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_finding_is_written_one_way_in_every_format(fmt):
    case = load_case(EXAMPLES / "mangler-dokumentation.toml")
    out = render(case, "pack", fmt)
    text = docx_text(out) if fmt == "docx" else out
    text = squash(text.replace("**", "").replace('<span class="sev">', "").replace("</span>", ""))
    assert "[Mangler · senest 01-03-2027, når de 12 måneder nås] " in text
    assert "[Mangler · nu] " in text
    assert ". senest 01-03-2027" not in text  # never glued to the end of the message


async def test_the_meeting_editor_writes_the_minutes_beside_the_case(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "home"))
    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", path)
    async with wizard_at(path, "meetings") as (app, pilot):
        meeting = app.case.meetings[1]
        app.push_screen(MeetingEditor(meeting, "da", "Møde"))
        await pilot.pause()
        await pilot.click("#editor-minutes")
        await pilot.pause()
        assert isinstance(app.screen, MeetingEditor)  # the editor stays open
        # Named after the case's title like every export from the wizard (issue 24).
        (out,) = tmp_path.glob("*-referat-2026-09-08.docx")
        assert out.name.startswith("fastholdelsesfleksjob-for-m")
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        text = docx_text(out)
        assert "Referat af møde med kommunen" in text and "08-09-2026" in text
        meeting.date = None
        await pilot.click("#editor-minutes")
        await pilot.pause()
        assert not list(tmp_path.glob("*-referat.docx"))
