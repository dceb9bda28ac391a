"""A case file that is a folder, not UTF-8, empty, huge (10 MB) or from a newer version: every
command that reads a case (check, summary, export, open, restore) says so clearly and exits 2,
and the file is untouched — same bytes, same modification time. `open` fails before the TUI."""

from __future__ import annotations

import json
import os

import pytest

from fleksjob_tui import cli

KINDS = {
    "folder": (None, ("mappe", "folder")),
    "not_utf8": ('schema_version = 1\n[person]\nname = "Åse"\n'.encode("latin-1"),
                 ("UTF-8", "UTF-8")),
    "empty": (b"", ("tom", "empty")),
    "huge": (b"schema_version = 1\n" + b"# " + b"x" * (10 * 1024 * 1024) + b"\n",
             ("for stor", "too large")),
    "newer": (b"schema_version = 2\n[person]\nname = \"Fremtid\"\n",
              ("nyere version", "newer version")),
}

CODES = {"folder": "is_directory", "not_utf8": "not_utf8", "empty": "empty", "huge": "too_large",
         "newer": "schema_newer"}

COMMANDS = {
    "check": ["check", "{p}"],
    "check_json": ["check", "{p}", "--json"],
    "summary": ["summary", "{p}"],
    "export": ["export", "{p}", "-o", "{out}"],
    "open": ["open", "{p}"],
}


@pytest.fixture(autouse=True)
def _tui_must_not_start(monkeypatch, tmp_path):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "home"))
    import fleksjob_tui.wizard.app as app_module

    def refuse(*a, **k):
        raise AssertionError("the TUI was started for a file that cannot be read")

    monkeypatch.setattr(app_module, "run_app", refuse)


def make(tmp_path, kind):
    data, _ = KINDS[kind]
    p = tmp_path / "sag.toml"
    if data is None:
        p.mkdir()
        (p / "inde.txt").write_text("x")
    else:
        p.write_bytes(data)
    old = 1_600_000_000
    os.utime(p, (old, old))
    return p


def fingerprint(p):
    st = p.stat()
    if p.is_dir():
        return ("dir", sorted(os.listdir(p)), st.st_mtime_ns)
    return (p.read_bytes(), st.st_mtime_ns, st.st_mode)


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_bad_file_exit_2_clear_message_file_untouched(tmp_path, capsys, kind, command, lang):
    p = make(tmp_path, kind)
    before = fingerprint(p)
    out = tmp_path / "pakke.html"
    argv = [a.format(p=p, out=out) for a in COMMANDS[command]]
    if lang == "en":
        argv = ["--lang", "en", *argv]
    code = cli.main(argv)
    captured = capsys.readouterr()
    assert code == 2
    expected = KINDS[kind][1][0 if lang == "da" else 1]
    assert expected in captured.err
    assert "Traceback" not in captured.err
    if command == "check_json":  # a JSON error object on stdout, for programs reading it
        assert json.loads(captured.out)["error"]["code"] == CODES[kind]
    else:
        assert captured.out == ""
    assert ("Filen er ikke ændret" if lang == "da" else "has not been changed") in captured.err
    assert fingerprint(p) == before
    assert not out.exists()
    assert sorted(os.listdir(tmp_path)) == ["home", "sag.toml"] or not (tmp_path / "home").exists()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_restore_with_a_bad_backup_exits_2_and_touches_nothing(tmp_path, capsys, kind):
    from fleksjob_tui.case import storage
    from fleksjob_tui.case.model import Case

    case = tmp_path / "case.toml"
    storage.save_case(Case.new(title="God"), case)
    bak = storage.backup_path(case)
    data, _ = KINDS[kind]
    if data is None:
        bak.mkdir()
    else:
        bak.write_bytes(data)
    before_case, before_bak = fingerprint(case), fingerprint(bak)
    assert cli.main(["restore", str(case)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert fingerprint(case) == before_case and fingerprint(bak) == before_bak
