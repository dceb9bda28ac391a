"""Issue 22, point 3: a crash never prints the case. Textual's own crash screen shows the local
variables of every frame (the name, the municipality, the notes); the wizard shows a short
message with what to do instead, and writes a report without case data to a private file."""

from __future__ import annotations

import stat

import pytest
from wizard_helpers import AS_OF, keys

from fleksjob_tui.case import crashreport, storage
from fleksjob_tui.case.model import Case
from fleksjob_tui.wizard.app import FleksjobApp

SECRET = "Hemmelig Helbredsoplysning"


# home: tests/tui/conftest.py


@pytest.fixture
def case_file(home):
    case = Case.new(role="union_rep")
    case.case.title = "Test"
    case.person.name = SECRET
    path = home / "test.toml"
    storage.save_case(case, path)
    return path


def _boom(case, as_of, lang):
    name = case.person.name  # a local variable holding case data, as in every real frame
    raise RuntimeError(name)  # the message holds case data too


async def test_a_crash_shows_a_short_message_and_writes_a_private_report_without_the_case(
        case_file, home, monkeypatch, capsys):
    app = FleksjobApp(case_file, as_of=AS_OF)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            monkeypatch.setattr("fleksjob_tui.wizard.app.assess", _boom)
            await keys(pilot, "shift+tab", "text:x")  # an answer changes: the rules run
            await pilot.pause()
    shown = capsys.readouterr()
    screen = shown.out + shown.err
    assert SECRET not in screen and "Hemmelig" not in screen
    assert "Traceback" not in screen
    assert "Fleksjob stoppede på grund af en fejl i programmet" in screen
    [report] = (home / "crash-reports").iterdir()
    assert str(report) in screen.replace("\n", "")  # it says where
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
    text = report.read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in text and "in _boom" in text
    assert "Hemmelig" not in text
    assert app.return_code == 1


def test_the_report_follows_the_cause_and_never_writes_over_a_file(tmp_path):
    name = SECRET
    try:
        try:
            {}[name]
        except KeyError as err:
            raise ValueError(name) from err
    except ValueError as err:
        first = crashreport.write_report(err, tmp_path)
        second = crashreport.write_report(err, tmp_path)
    text = first.read_text(encoding="utf-8")
    assert "builtins.KeyError" in text and "which led to:" in text and "builtins.ValueError" in text
    assert "Hemmelig" not in text
    assert first != second and first.exists() and second.exists()
