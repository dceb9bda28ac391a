"""The documentation pack: HTML and Markdown hold every fact of the case, user text is escaped,
files are private, the command line and the wizard's Overblik step export it, and Chromium lays
the HTML out on A4."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from wizard_helpers import export_window, wizard_at

from fleksjob_tui import content
from fleksjob_tui.case.model import Measure
from fleksjob_tui.case.storage import load_case
from fleksjob_tui.documents.output import ExportError, assess_for_pack, default_output, export_case
from fleksjob_tui.documents.pack_render import md_escape, render_html, render_markdown
from fleksjob_tui.rules import assess
from fleksjob_tui.view.pack import redact

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 11, 22)
EVIL = '<script>alert("x")</script>'


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "home"))


def example(name: str = "klar"):
    return load_case(EXAMPLES / f"{name}.toml")


# -- helpers -------------------------------------------------------------------------------------

VOID = {"meta", "br", "col", "img", "hr", "input", "link", "wbr", "source", "area", "base"}


class StrictParser(HTMLParser):
    """Collects the text, the tags and attributes; fails on unbalanced or misnested tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> but open: {self.stack[-3:]}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(doc: str) -> StrictParser:
    p = StrictParser()
    p.feed(doc)
    p.close()
    assert not p.errors, p.errors
    assert p.stack == [], f"unclosed tags: {p.stack}"
    return p


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_text(doc: str) -> str:
    return plain(" ".join(parse(doc).text))


def md_text(doc: str) -> str:
    """Markdown with its escapes removed (what a reader sees)."""
    return plain(re.sub(r"\\(.)", r"\1", doc))


def facts_of(case) -> list[str]:
    """Every user fact the pack must hold."""
    lang = case.language
    out = [case.person.name, case.person.home_municipality, case.employment.employer,
           case.employment.workplace, case.employment.job_title,
           case.employment.collective_agreement]
    out += case.agreement.difficult_functions + case.agreement.accommodations
    for m in case.measures:
        out.append(content.text("measures", f"{m.id}.title", lang) if m.id != "other"
                   else m.title)
        if m.note:
            out.append(m.note)
        if m.from_:
            out.append(m.from_.strftime("%d-%m-%Y"))
    for mt in case.meetings:
        out += [mt.date.strftime("%d-%m-%Y"), mt.summary, mt.agreed]
    return [plain(x) for x in out if x]


# -- HTML ----------------------------------------------------------------------------------------


def test_html_parses_and_holds_every_fact_of_a_full_case():
    case = example("klar")
    assert len(case.measures) >= 4 and len(case.meetings) >= 2
    doc = render_html(case, assess_for_pack(case, AS_OF))
    text = html_text(doc)
    for fact in facts_of(case):
        assert fact in text, fact
    assert doc.startswith("<!DOCTYPE html>")
    assert '<html lang="da">' in doc
    # The status in words, never "berettiget"; the municipality decides.
    assert "KLAR" in text
    assert "ser ud til at være klar til at kontakte kommunen" in text
    assert "hjemkommune, der afgør" in text
    # Signature lines for the three, with date fields.
    for who in ("Leder", "Medarbejder", "Tillidsrepræsentant"):
        assert who in text
    assert text.count("Underskrift") >= 3 and text.count("Dato") >= 3
    # Key dates and the signed date of the agreement.
    assert "01-06-2026 (nået)" in text  # 12 months reached
    assert "10-05-2028" in text  # six-year mark
    assert "10-05-2034" in text  # state pension
    # The economy line is always an estimate.
    assert "15.600" in text and "Vejledende" in text


def test_html_is_self_contained_without_scripts_or_links():
    case = example("klar")
    doc = render_html(case, assess_for_pack(case, AS_OF))
    p = parse(doc)
    assert "script" not in p.tags
    assert not {"link", "img", "iframe", "object", "embed", "a", "form"} & set(p.tags)
    for attr, value in p.attrs:
        assert attr not in ("src", "href") and not attr.startswith("on"), (attr, value)
    low = doc.lower()
    for needle in ("http://", "https://", "//fonts", "@import", "url(", "@font-face"):
        assert needle not in low, needle
    assert "<style>" in doc and "@page" in doc and "size: A4" in doc
    assert "break-inside: avoid" in doc


@pytest.mark.parametrize("name", ["klar", "mangler-dokumentation", "selvstaendig"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_never_says_eligible(name, lang):
    case = example(name)
    case.case.language = lang
    a = assess_for_pack(case, AS_OF)
    for doc in (render_html(case, a, lang), render_markdown(case, a, lang)):
        low = doc.lower()
        assert "berettiget" not in low and "eligible" not in low


def test_script_in_user_text_is_shown_as_text_never_as_a_tag():
    case = example("klar")
    case.measures[0].note = f"Se {EVIL} & <b>fed</b>"
    case.measures.append(Measure(id="other", title=f"Andet {EVIL}", status="tried"))
    case.meetings[0].summary = EVIL
    case.agreement.difficult_functions.append(EVIL)
    case.person.name = f'M.K. "{EVIL}"'
    doc = render_html(case, assess_for_pack(case, AS_OF))
    p = parse(doc)
    assert "script" not in p.tags and "b" not in p.tags
    text = " ".join(p.text)
    assert text.count(EVIL) >= 5
    assert "&lt;script&gt;" in doc
    assert "<script" not in doc.lower()


def test_measure_statuses_results_and_documentation_in_words():
    case = example("mangler-dokumentation")
    doc = render_html(case, assess_for_pack(case, AS_OF))
    text = html_text(doc)
    for m in case.measures:
        if m.documented:
            word = content.text("report", f"answer.{m.documented}", "da")
            assert word in text
    assert "MANGLER" in text
    # Findings grouped by who acts, each with its reference.
    a = assess_for_pack(case, AS_OF)
    for who, items in a.by_responsible().items():
        assert content.text("report", f"responsible.{who}", "da") in text
        for f in items:
            assert plain(f.message) in text
            assert f.reference in text


def test_findings_are_worded_for_all_three_readers():
    case = example("mangler-dokumentation")
    case.case.role = "employee"
    own = assess(case, AS_OF)
    pack = assess_for_pack(case, AS_OF)
    assert {f.id for f in own.findings} == {f.id for f in pack.findings}
    assert case.case.role == "employee"  # the case itself is not changed
    assert any(re.search(r"\b(Du|du|Din|din|Dig|dig)\b", f.message) for f in own.findings)
    text = html_text(render_html(case, pack))
    assert not re.search(r"\b(Du|du|Dig|dig|Din|din)\b", text), "pack speaks to 'du'"
    assert "Medarbejderen har endnu ikke" in text


def test_english_case_gives_an_english_pack():
    case = example("klar")
    case.case.language = "en"
    doc = render_html(case, assess_for_pack(case, AS_OF))
    text = html_text(doc)
    assert '<html lang="en">' in doc
    assert "Documentation form – manager/employee" in text
    assert "looks ready to contact the municipality" in text
    assert "Reduced hours" in text and "Union representative" in text
    assert "2026-06-01" in text


def test_flex_job_dates_and_turning_40_are_shown_when_they_apply():
    case = example("klar")
    case.flexjob.start = dt.date(2027, 1, 1)
    case.person.birth_date = dt.date(1990, 3, 15)
    text = html_text(render_html(case, assess_for_pack(case, AS_OF)))
    for d in ("01-07-2029", "01-07-2031", "01-01-2032", "15-03-2030"):
        assert d in text, d


def test_self_employed_pack_has_no_agreement_table_but_the_yearly_estimate():
    case = example("selvstaendig")
    text = html_text(render_html(case, assess_for_pack(case, AS_OF)))
    assert "LAB § 126" in text
    if case.economy.business_income is not None:
        assert "pr. år" in text and "Vejledende" in text


def test_no_economy_section_without_numbers():
    case = example("klar")
    case.economy.hourly_wage = None
    text = html_text(render_html(case, assess_for_pack(case, AS_OF)))
    assert "Økonomi" not in text


def test_cpr_numbers_are_removed_from_user_text():
    case = example("klar")
    case.measures[0].note = "Lægeerklæring for 100566-1234 vedlagt; tlf. 12345678"
    case.meetings[0].agreed = "CPR 1005661234"
    a = assess_for_pack(case, AS_OF)
    for doc in (render_html(case, a), render_markdown(case, a)):
        assert "100566-1234" not in doc and "1005661234" not in doc
        assert "CPR-nr. fjernet" in doc
        assert "12345678" in doc  # a phone number is kept
    assert redact("310199-0000", "en") == "[CPR no. removed]"
    assert redact("320199-0000", "da") == "320199-0000"  # no 32nd day


def test_empty_case_renders():
    from fleksjob_tui.case.model import Case

    case = Case.new()
    a = assess_for_pack(case, AS_OF)
    text = html_text(render_html(case, a))
    assert "Der er ikke registreret nogen redskaber endnu." in text
    assert "Fødselsdato mangler" in text
    assert "Ingen skrevet ind endnu." in text
    md = render_markdown(case, a)
    assert "Der er ikke registreret nogen møder endnu." in md


# -- Markdown ------------------------------------------------------------------------------------


def test_markdown_holds_the_same_facts():
    case = example("klar")
    a = assess_for_pack(case, AS_OF)
    md = render_markdown(case, a)
    text = md_text(md)
    for fact in facts_of(case):
        assert fact in text, fact
    assert md.startswith("# Dokumentationsskema – leder/medarbejder")
    assert "## 1. Sagens oplysninger" in md
    assert "ser ud til at være klar til at kontakte kommunen" in text
    assert "Vejledende" in text
    assert text.count("Underskrift:") == 3 and text.count("Dato:") == 3


def test_markdown_escapes_user_text():
    case = example("klar")
    case.measures.append(Measure(id="other", title="Støtte | hjælp *nu*", status="tried",
                                 documented="yes"))
    case.measures[0].note = "- ikke en liste\n# ikke en overskrift\n[link](http://x)"
    case.meetings[0].summary = EVIL
    md = render_markdown(case, assess_for_pack(case, AS_OF))
    # Every row of the measures table has exactly its five unescaped pipes.
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert len(rows) == len(case.measures) + 1
    for line in rows:
        assert len(re.findall(r"(?<!\\)\|", line)) == 5, line
    assert r"Støtte \| hjælp \*nu\*" in md
    assert r"\[link\](http://x)" in md
    assert r"\<script\>" in md
    assert "\n# ikke" not in md and "\n- ikke" not in md
    assert md_escape("1. punkt") == r"1\. punkt"
    assert md_escape("a\nb") == "a b"


# -- writing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_export_case_writes_a_private_file_atomically(tmp_path, fmt):
    case = example("klar")
    out = tmp_path / f"pakke.{fmt}"
    written = export_case(case, AS_OF, fmt, out)
    assert written == out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "M.K." in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temp file left
    # Overwriting keeps mode 600 even if the old file was wider.
    out.chmod(0o644)
    export_case(case, AS_OF, fmt, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_export_case_errors(tmp_path):
    case = example("klar")
    with pytest.raises(ExportError) as err:
        export_case(case, AS_OF, "html", tmp_path / "findes-ikke" / "x.html")
    assert "mappen findes ikke" in str(err.value)
    with pytest.raises(ExportError) as err:
        export_case(case, AS_OF, "html", tmp_path)
    assert "mappe" in err.value.short("da") and "folder" in err.value.short("en")
    with pytest.raises(ValueError):
        export_case(case, AS_OF, "pdf", tmp_path / "x.pdf")


def test_export_case_never_writes_over_a_case(tmp_path):
    """The pack must never destroy the case: not the case file itself (also through a link),
    not any .toml file, not a .toml.bak. The file stays byte for byte; the message says what to
    do in both languages."""
    case = example("klar")
    case_path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", case_path)
    backup = tmp_path / "sag.toml.bak"
    shutil.copy(EXAMPLES / "klar.toml", backup)
    other = tmp_path / "anden.TOML"
    other.write_text("schema_version = 1\n", encoding="utf-8")
    link = tmp_path / "pakke.html"
    link.symlink_to(case_path.name)
    before = {p: p.read_bytes() for p in (case_path, backup, other)}
    for target in (case_path, backup, other, link, tmp_path / "ny.toml",
                   tmp_path / "sag.toml.v1.bak"):
        for case_arg in (case_path, None):
            if target == link and case_arg is None:
                continue  # without the case's path a link to it is still refused by its name
            with pytest.raises(ExportError) as err:
                export_case(case, AS_OF, "html", target, case_path=case_arg)
            assert ".html" in err.value.hint("da") and ".md" in err.value.hint("da")
            assert ".html" in err.value.hint("en") and "Choose" in err.value.hint("en")
            assert "Vælg et navn" in err.value.message("da")
            assert "intet er gemt" in err.value.sentence("da")
    with pytest.raises(ExportError):  # the link leads to a .toml, even without the case's path
        export_case(case, AS_OF, "html", link)
    assert {p: p.read_bytes() for p in before} == before
    assert not (tmp_path / "ny.toml").exists() and not (tmp_path / "sag.toml.v1.bak").exists()
    assert link.is_symlink()
    # A hard link to the case is the same file, whatever its name.
    hard = tmp_path / "haard.html"
    os.link(case_path, hard)
    with pytest.raises(ExportError) as err:
        export_case(case, AS_OF, "md", hard, case_path=case_path)
    assert "selve sagsfilen (sag.toml)" in err.value.short("da")
    assert case_path.read_bytes() == before[case_path]


def test_format_follows_the_file_name():
    from fleksjob_tui.documents.output import format_for

    assert format_for("x.md") == "md" and format_for("X.Markdown") == "md"
    assert format_for("x.html") == "html" and format_for("x.htm") == "html"
    assert format_for("x.txt") == "html" and format_for(None) == "html"


def test_default_output_is_beside_the_case(tmp_path):
    assert default_output(tmp_path / "sag.toml", "html") == tmp_path / "sag.html"
    assert default_output(tmp_path / "sag.toml", "md") == tmp_path / "sag.md"
    p = default_output(None, "html", tmp_path, title="Fleksjob for Åse")
    assert p.parent == tmp_path and p.suffix == ".html" and "aase" in p.name


# -- command line --------------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1")
    env.pop("FLEKSJOB_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "fleksjob_tui", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=60)


def test_cli_export_html_beside_the_case(tmp_path):
    case_path = tmp_path / "klar.toml"
    shutil.copy(EXAMPLES / "klar.toml", case_path)
    r = run("export", str(case_path), "--as-of", "22-11-2026")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "klar.html"
    assert out.exists() and str(out) in r.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Solgården Plejecenter" in html_text(out.read_text(encoding="utf-8"))
    assert "Opgjort pr. 22-11-2026" in out.read_text(encoding="utf-8")


def test_cli_export_markdown_to_a_chosen_file(tmp_path):
    out = tmp_path / "til-mail.md"
    r = run("export", str(EXAMPLES / "mangler-dokumentation.toml"), "--format", "md",
            "-o", str(out), "--as-of", "2026-11-22", "--lang", "en")
    assert r.returncode == 0, r.stderr
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# Documentation form")
    r = run("export", str(EXAMPLES / "klar.toml"), "--format", "md", "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "klar.md").exists()


def test_cli_export_refuses_to_write_over_the_case_file(tmp_path):
    case_path = tmp_path / "SAG.toml"
    shutil.copy(EXAMPLES / "klar.toml", case_path)
    before = case_path.read_bytes()
    r = run("export", str(case_path), "-o", str(case_path))
    assert r.returncode == 2, r.stdout
    assert case_path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak")) and "gemt:" not in r.stdout
    assert "selve sagsfilen" in r.stderr and "SAG.html" in r.stderr
    assert ".html, .md eller .docx" in r.stderr and "Traceback" not in r.stderr
    # The same through a relative path and through a symbolic link.
    (tmp_path / "link.html").symlink_to("SAG.toml")
    r = run("export", str(case_path), "-o", str(tmp_path / "link.html"), "--force")
    assert r.returncode == 2
    assert case_path.read_bytes() == before


def test_cli_export_refuses_any_toml_file(tmp_path):
    other = tmp_path / "anden-sag.toml"
    other.write_text("schema_version = 1\n", encoding="utf-8")
    before = other.read_bytes()
    r = run("--lang", "en", "export", str(EXAMPLES / "klar.toml"), "-o", str(other), "--force")
    assert r.returncode == 2
    assert other.read_bytes() == before
    assert "case file" in r.stderr and ".html, .md or .docx" in r.stderr
    r = run("export", str(EXAMPLES / "klar.toml"), "-o", str(tmp_path / "ny.toml"))
    assert r.returncode == 2 and not (tmp_path / "ny.toml").exists()
    r = run("export", str(EXAMPLES / "klar.toml"), "-o", str(tmp_path / "klar.toml.bak"))
    assert r.returncode == 2 and not (tmp_path / "klar.toml.bak").exists()


@pytest.mark.parametrize("name", [".sag.toml.lock", ".sag.toml.4242-a1b2c3.tmp"])
def test_export_never_writes_over_a_lock_or_temporary_file(tmp_path, name):
    """The lock keeps a second window from writing the case: a pack written over it (with
    --force, or "Erstat" in the window) would let two windows write the same case."""
    own = tmp_path / name
    own.write_text('pid = 1\nhost = "x"\n', encoding="utf-8")
    before = own.read_bytes()
    r = run("export", str(EXAMPLES / "klar.toml"), "-o", str(own), "--force")
    assert r.returncode == 2
    assert own.read_bytes() == before
    assert "fleksjobs egne filer" in r.stderr and "sag.html" in r.stderr


def test_cli_export_asks_for_force_before_replacing_a_file(tmp_path):
    out = tmp_path / "pakke.html"
    out.write_text("underskrevet udgave", encoding="utf-8")
    r = run("export", str(EXAMPLES / "klar.toml"), "-o", str(out))
    assert r.returncode == 2
    assert out.read_text(encoding="utf-8") == "underskrevet udgave"
    assert "findes allerede" in r.stderr and "--force" in r.stderr and "-o" in r.stderr
    r = run("export", str(EXAMPLES / "klar.toml"), "-o", str(out), "--force")
    assert r.returncode == 0, r.stderr
    assert "M.K." in html_text(out.read_text(encoding="utf-8"))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    # The default name beside the case too.
    case_path = tmp_path / "klar.toml"
    shutil.copy(EXAMPLES / "klar.toml", case_path)
    assert run("export", str(case_path)).returncode == 0
    assert run("export", str(case_path)).returncode == 2
    assert run("export", str(case_path), "--force").returncode == 0


def test_cli_export_format_follows_the_output_name(tmp_path):
    out = tmp_path / "til-mail.md"
    r = run("export", str(EXAMPLES / "klar.toml"), "-o", str(out))
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Dokumentationsskema") and "<html" not in text
    out = tmp_path / "udskrift.htm"
    assert run("export", str(EXAMPLES / "klar.toml"), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # An explicit --format wins over the name.
    out = tmp_path / "alligevel.md"
    r = run("export", str(EXAMPLES / "klar.toml"), "--format", "html", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_export_help_names_force():
    from fleksjob_tui.cli import build_parser

    for lang, word in (("da", "erstat"), ("en", "replace")):
        parser = build_parser(lang)
        sub = next(a for a in parser._actions if a.dest == "command").choices["export"]
        helptext = sub.format_help()
        assert "--force" in helptext and word in helptext


def test_cli_export_broken_case_exits_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\n[person\n", encoding="utf-8")
    r = run("export", str(bad))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "bad.toml" in r.stderr
    assert not (tmp_path / "bad.html").exists()
    r = run("export", str(tmp_path / "missing.toml"))
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_cli_export_unwritable_output_exits_2(tmp_path):
    r = run("export", str(EXAMPLES / "klar.toml"), "-o", str(tmp_path / "nope" / "x.html"))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "kunne ikke gemmes" in r.stderr and "mappen findes ikke" in r.stderr


def test_cli_export_bad_format_exits_2():
    r = run("export", str(EXAMPLES / "klar.toml"), "--format", "pdf")
    assert r.returncode == 2


def klar_copy(tmp_path: Path) -> Path:
    """A copy of the example "klar" as ``sag.toml`` in ``tmp_path`` (the wizard may write it)."""
    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", path)
    return path


# -- the wizard ----------------------------------------------------------------------------------


async def test_export_from_the_summary_step(tmp_path):
    from fleksjob_tui.wizard.screens.summary import ExportScreen

    path = klar_copy(tmp_path)
    async with export_window(path) as (app, pilot):
        assert isinstance(app.screen, ExportScreen)
        from textual.widgets import Input

        # Named after the case's title (issue 24), beside the case file.
        out = tmp_path / "fastholdelsesfleksjob-for-m-k.html"
        assert app.screen.query_one("#export-path", Input).value == str(out)
        await pilot.press("enter")  # accept the default
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert out.exists()
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        text = html_text(out.read_text(encoding="utf-8"))
        assert "M.K." in text and "Solgården Plejecenter" in text
        # said under the export button, not in a toast over the summary (issue 24)
        assert str(out) in str(app.screen.query_one("#summary-saved").render())

        # The button, Markdown chosen in the window: the suffix follows the format.
        button = app.screen.query_one("#summary-export")
        button.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(button)
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-format").set_value("md")
        await pilot.pause()
        assert app.screen.query_one("#export-path", Input).value.endswith("for-m-k.md")
        await pilot.click("#export-ok")
        await pilot.pause()
        assert "Nedsat timetal" in out.with_suffix(".md").read_text(encoding="utf-8")

        # Escape cancels and writes nothing.
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)


async def test_export_asks_before_replacing_an_earlier_pack(tmp_path):
    """An earlier pack may have been printed and signed: Enter in the window must not silently
    write over it. "Fortryd" keeps it byte for byte; "Erstat" writes the new version."""
    from textual.widgets import Button

    from fleksjob_tui.wizard.screens.editor import ConfirmScreen
    from fleksjob_tui.wizard.screens.summary import ExportScreen

    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", path)
    earlier = tmp_path / "fastholdelsesfleksjob-for-m-k.html"  # named after the title
    earlier.write_text("underskrevet udgave", encoding="utf-8")
    async with wizard_at(path, "summary") as (app, pilot):
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert earlier.name in app.screen.question and "erstatte" in app.screen.question
        assert str(app.screen.query_one("#confirm-yes", Button).label) == "Erstat"
        assert app.screen.focused.id == "confirm-no"  # Enter on the default keeps the file
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # back in the window, nothing written
        assert earlier.read_text(encoding="utf-8") == "underskrevet udgave"

        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert not isinstance(app.screen, (ConfirmScreen, ExportScreen))
        assert "M.K." in html_text(earlier.read_text(encoding="utf-8"))


async def test_export_window_refuses_the_case_file_itself(tmp_path):
    """Typing the open case's own path (or any .toml) shows the reason in the window's error
    line, before any "Erstat?" question; the window stays open and the case is untouched."""
    from textual.widgets import Static

    from fleksjob_tui.wizard.screens.editor import ConfirmScreen
    from fleksjob_tui.wizard.screens.summary import ExportScreen

    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", path)
    async with wizard_at(path, "summary") as (app, pilot):
        before = path.read_bytes()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        for typed in (str(path), str(tmp_path / "ny.toml"), str(tmp_path / "sag.toml.bak")):
            app.screen.query_one("#export-path").value = typed
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen), typed  # no ConfirmScreen, not closed
            assert not isinstance(app.screen, ConfirmScreen)
            error = app.screen.query_one("#export-error", Static)
            shown = str(error.content)
            assert error.has_class("-shown")
            assert ".html, .md eller .docx" in shown and "intet er gemt" in shown, shown
        assert path.read_bytes() == before
        assert not (tmp_path / "ny.toml").exists() and not (tmp_path / "sag.toml.bak").exists()
        # The Gem button says the same.
        app.screen.query_one("#export-path").value = str(path)
        await pilot.click("#export-ok")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "selve sagsfilen (sag.toml)" in str(app.screen.query_one("#export-error").content)
        assert path.read_bytes() == before


async def test_export_hint_follows_the_format(tmp_path):
    from textual.widgets import Static

    from fleksjob_tui.wizard.screens.summary import ExportScreen

    path = klar_copy(tmp_path)
    async with export_window(path) as (app, pilot):
        assert isinstance(app.screen, ExportScreen)

        def hint() -> str:
            return str(app.screen.query_one("#export-hint", Static).content)

        assert "browser" in hint() and "Kun du kan læse filen" in hint()
        assert "600" not in hint()
        app.screen.query_one("#export-format").set_value("md")
        await pilot.pause()
        assert "e-mail" in hint() and "browser" not in hint() and "600" not in hint()
        assert "Kun du kan læse filen" in hint()
        app.screen.query_one("#export-format").set_value("html")
        await pilot.pause()
        assert "browser" in hint()
    for lang in ("da", "en"):
        for fmt in ("html", "md"):
            text = content.text("export", f"tui.hint_{fmt}", lang)
            assert "600" not in text and "mode" not in text.lower()


async def test_export_of_an_example_goes_to_the_case_folder(tmp_path):
    from textual.widgets import Input

    from fleksjob_tui.wizard.app import FleksjobApp
    from fleksjob_tui.wizard.screens.summary import ExportScreen

    case = example("klar")
    app = FleksjobApp(as_of=AS_OF, folder=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_case(case, None, read_only=True)
        await pilot.pause()
        await app.screen.show_step("summary")
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        value = Path(app.screen.query_one("#export-path", Input).value)
        assert value.parent == tmp_path and value.suffix == ".html"
        await pilot.press("enter")
        await pilot.pause()
        assert value.exists()
        assert not list(tmp_path.glob("*.toml"))  # the example itself is not saved


# -- a person's view: Chromium prints it on A4 --------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def print_to_pdf(html_path: Path, pdf_path: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-pdf-header-footer", f"--user-data-dir={profile}",
             f"--print-to-pdf={pdf_path}", html_path.as_uri()],
            capture_output=True, timeout=120, check=False,
        )


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_chromium_prints_the_pack_on_a4(tmp_path):
    case = example("klar")
    html_path = export_case(case, AS_OF, "html", tmp_path / "klar.html")
    pdf = tmp_path / "klar.pdf"
    print_to_pdf(html_path, pdf)
    assert pdf.exists() and pdf.stat().st_size > 1000
    data = pdf.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]", data)
    assert boxes, "no MediaBox in the PDF"
    for w, h in boxes:  # A4 = 595 x 842 points
        assert abs(float(w) - 595) < 1.5 and abs(float(h) - 842) < 1.5, (w, h)
    if shutil.which("pdftotext"):
        # Nothing is lost on the way to paper: every fact is in the PDF's text.
        text = plain(subprocess.run(["pdftotext", "-layout", str(pdf), "-"],
                                    capture_output=True, text=True, check=True).stdout)
        words = set(re.findall(r"\w+", text))
        for fact in facts_of(case):  # table cells wrap, so compare word by word
            missing = set(re.findall(r"\w+", fact)) - words
            assert not missing, (fact, missing)
        assert "Underskrift" in text


def test_pack_holds_the_answers_on_conditions_and_contacts():
    case = example("klar")
    case.eligibility.acute_injury = "no"
    case.contacts.home_municipality = "unknown"
    case.contacts.jobcenter = "yes"  # an old file's answer: read, but no longer asked or shown
    for text in (render_html(case, assess(case, AS_OF)), render_markdown(case, assess(case, AS_OF))):
        assert "Er medarbejderens arbejdsevne varigt og væsentligt nedsat?" in text
        assert "Har kommunen vurderet arbejdsevnen?" in text
        assert "Er der lægelige oplysninger" in text
        assert "Er medarbejderens hjemkommune kontaktet om sagen?" in text
        assert "jobcentret) kontaktet" not in text
        assert "ved ikke" in text.lower()


async def test_export_window_takes_the_format_from_the_name_typed(tmp_path):
    """HTML is chosen, but the name typed ends in .md: the file is Markdown (as with
    `fleksjob export -o pakke.md`), not HTML in a file called .md."""

    path = klar_copy(tmp_path)
    async with export_window(path) as (app, pilot):
        app.screen.query_one("#export-path").value = str(tmp_path / "pakke.md")
        await pilot.press("enter")
        await pilot.pause()
    text = (tmp_path / "pakke.md").read_text(encoding="utf-8")
    assert not text.lstrip().startswith("<!DOCTYPE") and text.lstrip().startswith("#")


async def test_a_format_letter_works_while_the_cursor_is_on_the_document(tmp_path):
    """Both choices show their letters: "w" picks Word while the cursor is still on the choice
    of document, and Enter then saves the Word file (found in a new user's trial: "w" was
    refused until Tab reached the format, and Enter saved HTML)."""
    from fleksjob_tui.wizard.screens.summary import ExportScreen

    path = klar_copy(tmp_path)
    async with export_window(path) as (app, pilot):
        assert isinstance(app.screen, ExportScreen)
        assert app.focused.id == "export-document"
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.query_one("#export-format").value == "docx"
        assert app.focused.id == "export-document"  # the cursor stays where it was
        await pilot.press("enter")
        await pilot.pause()
        assert list(tmp_path.glob("*.docx")), list(tmp_path.iterdir())


async def test_a_refused_final_agreement_leaves_the_letters_working(tmp_path):
    """A case without the accommodations: Enter on "Aftale til underskrift" says why in the
    error line and puts the cursor back on the documents, so "u" picks the draft at once; the
    buttons stay within reach (found by a tester: the cursor sat on a hidden Save button)."""
    import shutil
    from pathlib import Path

    from fleksjob_tui.wizard.screens.summary import ExportScreen

    path = tmp_path / "sag.toml"
    shutil.copy(Path(__file__).resolve().parents[2] / "examples" / "mangler-dokumentation.toml",
                path)
    async with export_window(path) as (app, pilot):
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "kan ikke laves endnu" in str(app.screen.query_one("#export-error").render())
        assert app.focused.id == "export-document"
        save = app.screen.query_one("#export-ok")
        save.scroll_visible(animate=False)
        await pilot.pause()
        assert save.region.bottom <= app.screen.size.height - 1  # reachable above the key line
        await pilot.press("u")
        await pilot.pause()
        assert app.screen.document == "agreement"
        assert not app.screen.query_one("#export-error").has_class("-shown")
