"""Issue 22, point 9: a document is written only over a regular file, and ``-o folder/`` names
a folder. ``--force`` replaces an earlier document, never a named pipe, a device node or a
socket (nor one a link points to); ``-o folder/`` with no such folder writes nothing."""

from __future__ import annotations

import os
import shutil
import socket
import stat
from pathlib import Path

import pytest

from fleksjob_tui import cli
from fleksjob_tui.documents.output import ExportError, output_path, write_document

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "fleksjob_tui" / "content" / "examples" / "klar.toml"

COMMANDS = {
    "export": ["export", "{case}", "-o", "{out}", "--force"],
    "export_md": ["export", "{case}", "-o", "{out}", "--force", "--format", "md"],
    "agreement": ["export", "{case}", "--document", "agreement", "-o", "{out}", "--force"],
    "calendar": ["calendar", "{case}", "-o", "{out}", "--force"],
}


def _case(tmp_path: Path) -> Path:
    p = tmp_path / "sag.toml"
    shutil.copy(EXAMPLE, p)
    return p


def _fifo(p: Path) -> Path:
    os.mkfifo(p)
    return p


def _socket(p: Path) -> Path:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(p))
    s.close()
    return p


def _link_to_fifo(p: Path) -> Path:
    target = _fifo(p.with_name("roer"))
    p.symlink_to(target)
    return p


SPECIAL = {"fifo": _fifo, "socket": _socket, "link_to_fifo": _link_to_fifo}


def _argv(command: str, case: Path, out: str) -> list[str]:
    return [a.format(case=case, out=out) for a in COMMANDS[command]]


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_force_never_replaces_a_file_that_is_not_regular(tmp_path, capsys, command, kind):
    case = _case(tmp_path)
    out = SPECIAL[kind](tmp_path / "ud.html")
    before = os.lstat(out)
    assert cli.main(_argv(command, case, str(out))) != 0
    err = capsys.readouterr().err
    assert "almindelig fil" in err
    after = os.lstat(out)
    assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (before.st_ino, stat.S_IFMT(before.st_mode))
    if kind == "link_to_fifo":
        assert stat.S_ISFIFO(os.lstat(tmp_path / "roer").st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_a_device_node_is_refused_by_the_one_writer(tmp_path):
    with pytest.raises(ExportError) as info:
        write_document("/dev/null", b"x", "en")
    assert "not a regular file" in info.value.message("en")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_force_still_replaces_an_earlier_document(tmp_path, capsys, command):
    case = _case(tmp_path)
    out = tmp_path / "ud.html"
    out.write_text("gammel")
    assert cli.main(_argv(command, case, str(out))) == 0
    assert out.read_bytes() != b"gammel" and stat.S_ISREG(os.lstat(out).st_mode)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_name_ending_in_slash_is_a_folder(tmp_path, capsys, command):
    case = _case(tmp_path)
    missing = tmp_path / "mappe"
    assert cli.main(_argv(command, case, str(missing) + "/")) != 0
    assert "mappe" in capsys.readouterr().err
    assert not missing.exists() and not missing.is_symlink()
    # an existing folder gets the default name inside it
    missing.mkdir()
    assert cli.main(_argv(command, case, str(missing) + "/")) == 0
    (written,) = list(missing.iterdir())
    assert written.stem.startswith("sag") and stat.S_ISREG(written.stat().st_mode)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, "standard.html"),
        ("", "standard.html"),
        ("ud.html", "ud.html"),
        ("{tmp}", "{tmp}/standard.html"),
        ("{tmp}/", "{tmp}/standard.html"),
    ],
)
def test_output_path(tmp_path, raw, expected):
    default = Path("standard.html")
    raw = raw.format(tmp=tmp_path) if raw else raw
    assert output_path(raw, default) == Path(expected.format(tmp=tmp_path))


@pytest.mark.parametrize("raw", ["{tmp}/findes-ikke/", "{tmp}/fil.txt/"])
def test_output_path_refuses_a_folder_that_is_not_there(tmp_path, raw):
    (tmp_path / "fil.txt").write_text("x")
    with pytest.raises(ExportError) as info:
        output_path(raw.format(tmp=tmp_path), Path("standard.html"), "en")
    assert "not a folder" in info.value.message("en")


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("name", ["x" * 300 + ".html", "æ" * 130 + ".md", "d" * 256 + "/ud.html"])
def test_a_name_too_long_for_the_file_system_is_refused_with_what_to_do(tmp_path, capsys,
                                                                         command, name):
    """Over 255 bytes in one name (æ is two): what, and what to do, exit 2 — never "uventet
    fejl" with the system's "File name too long" (found by a tester)."""
    case = _case(tmp_path)
    assert cli.main(_argv(command, case, str(tmp_path / name))) == 2
    err = capsys.readouterr().err
    assert "for langt" in err and "uventet" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [case.name]
