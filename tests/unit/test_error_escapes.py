"""Issue 22 (again): an error message never prints an escape sequence from a case file — not from
a bad value, not from an unknown key, not from the file's name — in any command."""

from __future__ import annotations

import pytest

from fleksjob_tui import cli
from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case

EVIL = "\x1b]52;c;aGVq\x07\x1b[2J\x1b]0;PWNED\x07"
TOML_EVIL = "\\u001b]52;c;aGVq\\u0007\\u001b[2J\\u001b]0;PWNED\\u0007"

FILES = {
    "value": ("sag.toml", f'schema_version = 1\n[case]\nrole = "{TOML_EVIL}"\n'),
    "key": ("sag.toml", f'schema_version = 1\n[person]\n"x{TOML_EVIL}" = 1\n'),
    "name": (f"sag{EVIL}.toml", 'schema_version = 1\n[case]\nrole = "boss"\n'),
}

COMMANDS = {
    "check": ["check", "{p}"],
    "summary": ["summary", "{p}"],
    "summary_plain": ["--plain", "summary", "{p}"],
    "export": ["export", "{p}", "-o", "{out}"],
    "restore": ["restore", "{p}", "--yes"],
    "open": ["open", "{p}"],
    "plain_open": ["--plain", "open", "{p}"],
    "list": ["list", "{d}"],
    "calendar_all": ["calendar", "--all", "{d}", "-o", "{out}"],
}


@pytest.fixture(autouse=True)
def _tui_must_not_start(monkeypatch, tmp_path):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "home"))
    import fleksjob_tui.wizard.app as app_module

    def refuse(*a, **k):
        raise AssertionError("the TUI was started for a file that cannot be read")

    monkeypatch.setattr(app_module, "run_app", refuse)


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", sorted(FILES))
def test_no_escape_sequence_reaches_the_terminal(tmp_path, capsys, kind, command):
    folder = tmp_path / "sager"
    folder.mkdir(mode=0o700)
    name, text = FILES[kind]
    path = folder / name
    path.write_text(text, encoding="utf-8")
    good = Case.new(role="employee", title="God")
    storage.save_case(good, folder / f"god{EVIL}.toml")
    storage.save_case(good, storage.backup_path(path))  # something for restore to offer
    argv = [a.format(p=path, d=folder, out=tmp_path / "ud.html") for a in COMMANDS[command]]
    if command == "calendar_all":
        argv[-1] = str(tmp_path / "ud.ics")
    try:
        cli.main(argv)
    except SystemExit:
        pass
    out, err = capsys.readouterr()
    for stream in (out, err):
        assert "\x1b" not in stream and "\x07" not in stream, repr(stream[:400])
