"""Issue 22, points 5 and 7: case text leaves the program without control characters and
without CPR numbers — on the terminal (``check``, ``summary``, ``summary --plain``) and in every
document (the pack, the agreement, the municipality's version in HTML, Markdown and Word, and
the calendar). One function in the core (:mod:`fleksjob_tui.case.clean`), applied where text
leaves (the view every output reads, and the conversation's one way out)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from fleksjob_tui import cli
from fleksjob_tui.case import storage
from fleksjob_tui.case.clean import clean_case, clean_text, printable
from fleksjob_tui.case.model import Measure, Meeting
from fleksjob_tui.case.privacy import find_cpr

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "fleksjob_tui" / "content" / "examples" / "klar.toml"

#: Escape sequences and control characters a tester put in a case's texts (issue 22).
CONTROL = {
    "clear_screen": "\x1b[2J\x1b[H",
    "window_title": "\x1b]0;OVERTAGET\x07",
    "clipboard_osc52": "\x1b]52;c;aGVtbWVsaWc=\x07",
    "osc_with_st": "\x1b]8;;http://x.invalid\x1b\\",
    "bell": "\x07\x07",
    "backspace": "abc\x08\x08\x08",
    "c1_csi": "\x9b2J",
    "c1_osc": "\x9d0;OVERTAGET\x9c",
    "nul_and_del": "\x00\x7f",
    "bidi_override": "\u202eevil\u202c",
    "carriage_return": "skjult\rsynlig",
}

#: Left in the text shown: never a whole escape sequence's payload, never a control character.
_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("name", sorted(CONTROL))
def test_printable_removes_control_characters_and_keeps_the_words(name):
    text = f"Åse {CONTROL[name]} Hansen\nanden linje\ttab"
    out = printable(text)
    assert not _BAD.search(out) and "\r" not in out
    assert out.startswith("Åse ") and out.endswith("Hansen\nanden linje tab")
    for payload in ("OVERTAGET", "aGVtbWVsaWc=", "x.invalid"):
        assert payload not in out


@pytest.mark.parametrize("text", ["", "Åse Hansen", "linje 1\nlinje 2", "37,5 timer · 22-11-2026"])
def test_printable_leaves_ordinary_text_alone(text):
    assert printable(text) == text
    assert clean_text(text, "[X]") == text


EN = "\u2013"
CPRS = [f"010203{EN}1234", "01 02 03-1234", "01.02.03-1234", "０１０２０３-１２３４",
        "010203\u00a01234", "010203/1234", "010203-\u200b1234"]


def _dirty_case(tmp_path: Path, bad: str, cpr: str) -> Path:
    case = storage.load_case(EXAMPLE)
    case.case.title = f"Sag {cpr} {bad}"
    case.person.name = f"M.K. {bad} {cpr}"
    case.employment.employer = f"Solgården {bad}"
    case.employment.job_title = f"SOSU {bad}"
    case.people.manager = f"Leder {bad}"
    case.agreement.difficult_functions = [f"Løft {bad} {cpr}"]
    case.agreement.accommodations = [f"Ingen løft {bad}"]
    case.measures = [*case.measures,
                     Measure(id="other", title=f"Eget tiltag {bad} {cpr}", status="tried",
                             documented="no", note=f"Note {bad} {cpr}")]
    case.meetings = [*case.meetings,
                     Meeting(date=case.meetings[0].date, summary=f"Referat {bad} {cpr}",
                             agreed=f"Aftalt {bad} {cpr}")]
    case.follow_up.next_meeting = None
    p = tmp_path / "sag.toml"
    storage.save_case(case, p)
    return p


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return re.sub(r"<[^>]+>", " ", xml)  # a space between runs and cells: no digits glued


def _outputs(tmp_path: Path, p: Path, capsys) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, argv in {
        "check": ["check", str(p)],
        "summary": ["summary", str(p)],
        "summary_plain": ["--plain", "summary", str(p)],
    }.items():
        cli.main(argv)
        out[name] = capsys.readouterr().out
    for document in ("pack", "agreement", "municipality"):
        for fmt in ("html", "md", "docx"):
            target = tmp_path / f"{document}.{fmt}"
            assert cli.main(["export", str(p), "--document", document, "--format", fmt,
                             "-o", str(target), "--force"]) == 0, capsys.readouterr().err
            out[f"{document}.{fmt}"] = (_docx_text(target) if fmt == "docx"
                                        else target.read_text(encoding="utf-8"))
    ics = tmp_path / "sag.ics"
    assert cli.main(["calendar", str(p), "-o", str(ics), "--force"]) == 0
    # without its UID lines: 32 random hex digits can hold ten decimal ones that look like a CPR
    out["calendar"] = "\n".join(
        line for line in ics.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
        if not line.startswith("UID:"))
    capsys.readouterr()
    return out


@pytest.mark.parametrize("name", sorted(CONTROL))
def test_no_control_character_leaves_in_any_output(tmp_path, capsys, name):
    p = _dirty_case(tmp_path, CONTROL[name], "")
    for output, text in _outputs(tmp_path, p, capsys).items():
        assert not _BAD.search(text), (output, _BAD.search(text))
        assert "\r" not in text, output
        assert "OVERTAGET" not in text and "aGVtbWVsaWc=" not in text, output


@pytest.mark.parametrize("cpr", CPRS)
def test_no_cpr_number_leaves_in_any_document(tmp_path, capsys, cpr):
    p = _dirty_case(tmp_path, "", cpr)
    outputs = _outputs(tmp_path, p, capsys)
    for output, text in outputs.items():
        if output == "check":
            continue  # the user's own terminal: the findings only, no case text but titles
        assert find_cpr(text) == [], (output, [text[a:b] for a, b in find_cpr(text)])
    assert "CPR" in outputs["municipality.md"]  # the calendar carries no case title at all


def test_clean_case_leaves_a_clean_case_as_it_is_and_never_changes_the_original():
    case = storage.load_case(EXAMPLE)
    assert clean_case(case, "[X]") is case
    case.person.name = "Åse\x1b[2J 010203-1234"
    copy = clean_case(case, "[X]")
    assert copy is not case and copy.person.name == "Åse [X]"
    assert case.person.name == "Åse\x1b[2J 010203-1234"


def test_the_conversation_prints_no_control_characters(tmp_path):
    from fleksjob_tui.plain.conversation import Conversation

    case = storage.load_case(EXAMPLE)
    case.case.title = "Sag \x1b]0;OVERTAGET\x07 \x1b[2J"
    out = io.StringIO()
    conv = Conversation(case, None, "da", case.case.updated.date(), io.StringIO(""), out)
    conv.say(f"Titel: {case.case.title}")
    assert not _BAD.search(out.getvalue()) and "OVERTAGET" not in out.getvalue()


def test_a_copy_of_the_example_has_calendar_dates(tmp_path, capsys):
    """The calendar above has something to print (else the test would prove nothing)."""
    p = tmp_path / "sag.toml"
    shutil.copy(EXAMPLE, p)
    assert cli.main(["calendar", str(p), "-o", str(tmp_path / "k.ics")]) == 0
    assert "SUMMARY" in (tmp_path / "k.ics").read_text()
