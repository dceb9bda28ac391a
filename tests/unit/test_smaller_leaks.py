"""Issue 22, point 11: an existing case folder of mode 755 becomes 700; the save-error notice
says "Sagen kunne ikke gemmes" once; ``restore`` that cannot write says so truthfully (not
"the answers are still in memory"); an error never quotes a file that a link points to."""

from __future__ import annotations

import errno
import io
import os
import shutil
import stat
from pathlib import Path

import pytest

from fleksjob_tui import cli, content
from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "fleksjob_tui" / "content" / "examples" / "klar.toml"


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


# -- the folder ----------------------------------------------------------------------------


@pytest.mark.parametrize("wide", [0o755, 0o750, 0o777, 0o705])
def test_an_existing_case_folder_is_tightened_to_700(tmp_path, monkeypatch, wide):
    folder = tmp_path / "sager"
    folder.mkdir()
    folder.chmod(wide)
    monkeypatch.setenv("FLEKSJOB_HOME", str(folder))
    assert storage.default_folder() == folder
    assert mode(folder) == 0o700


def test_the_home_folder_itself_is_left_as_it_is(tmp_path, monkeypatch):
    home = tmp_path / "hjem"
    home.mkdir()
    home.chmod(0o755)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("FLEKSJOB_HOME", str(home))
    storage.default_folder()
    assert mode(home) == 0o755


# -- the save-error notice -----------------------------------------------------------------


def _failing_save(monkeypatch, tmp_path, err=errno.ENOSPC) -> storage.CaseFileError:
    path = tmp_path / "sag.toml"
    storage.save_case(Case.new(title="A"), path)

    def full(fd):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(storage.CaseFileError) as info:
        storage.save_case(Case.new(title="B"), path)
    monkeypatch.undo()
    return info.value


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_wizard_notice_says_it_once(monkeypatch, tmp_path, lang):
    err = _failing_save(monkeypatch, tmp_path)
    notice = content.ui("save.failed", lang, detail=err.message(lang))
    head = {"da": "Sagen kunne ikke gemmes", "en": "Could not save the case"}[lang]
    memory = {"da": "hukommelsen", "en": "in memory"}[lang]
    assert notice.count(head) == 1
    assert notice.count(memory) == 1
    assert "ikke tabt" not in notice and "not lost" not in notice


def test_the_conversation_says_it_once(monkeypatch, tmp_path):
    from fleksjob_tui.plain.conversation import Conversation

    path = tmp_path / "sag.toml"
    case = Case.new(title="A")
    storage.save_case(case, path)
    out = io.StringIO()
    conv = Conversation(case, path, "da", case.case.created.date(), io.StringIO(""), out)
    case.person.name = "Åse"

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert conv.save() is False
    said = out.getvalue()
    assert said.lower().count("kunne ikke gemmes") == 1
    assert "disken er fuld" in said


# -- restore that cannot write -------------------------------------------------------------


@pytest.mark.parametrize("err", [errno.EROFS, errno.EACCES, errno.ENOSPC])
def test_restore_that_cannot_write_says_so_truthfully(tmp_path, monkeypatch, capsys, err):
    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLE, path)
    shutil.copy(EXAMPLE, storage.backup_path(path))
    before = path.read_bytes(), storage.backup_path(path).read_bytes()
    real_open = os.open

    def refuse(p, flags, *a, **k):
        if str(p).endswith(".tmp"):
            raise (PermissionError if err == errno.EACCES else OSError)(err, os.strerror(err))
        return real_open(p, flags, *a, **k)

    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.setattr(os, "link", lambda *a, **k: (_ for _ in ()).throw(OSError(err, "x")))
    assert cli.main(["restore", "--yes", str(path)]) == 2
    msg = capsys.readouterr().err
    assert "kunne ikke lægges tilbage" in msg
    assert "hukommelsen" not in msg and "Svarene" not in msg
    assert "ikke ændret" in msg
    assert (path.read_bytes(), storage.backup_path(path).read_bytes()) == before


# -- links ---------------------------------------------------------------------------------

SECRETS = {
    "not_toml": "HEMMELIG_NOEGLE=abc123 og mere\n",
    "toml_bad_value": 'schema_version = 1\n[person]\nname = "HEMMELIG_NOEGLE"\nself_employed = "HEMMELIG_NOEGLE"\n',
    "bad_schema": 'schema_version = "HEMMELIG_NOEGLE"\n',
    "second_line": 'schema_version = 1\nHEMMELIG_NOEGLE = "abc\n',
}


@pytest.mark.parametrize("kind", sorted(SECRETS))
@pytest.mark.parametrize("command", [["check"], ["check", "--json"], ["summary"]])
def test_an_error_never_quotes_a_file_a_link_points_to(tmp_path, capsys, kind, command):
    secret = tmp_path / "andet" / "hemmelig.conf"
    secret.parent.mkdir()
    secret.write_text(SECRETS[kind])
    link = tmp_path / "sag.toml"
    link.symlink_to(secret)
    assert cli.main([command[0], str(link), *command[1:]]) == 2
    captured = capsys.readouterr()
    assert "HEMMELIG_NOEGLE" not in captured.err + captured.out
    assert "abc123" not in captured.err + captured.out
    # the file itself (no link) is still quoted: the user's own case, where the quote helps
    direct = cli.main([command[0], str(secret), *command[1:]])
    assert direct == 2
    capsys.readouterr()


@pytest.mark.skipif(not os.path.exists("/proc/self/environ"), reason="no /proc")
def test_a_link_to_the_environment_is_not_quoted(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("AAA_FLEKSJOB_HEMMELIG", "x" * 10)
    link = tmp_path / "sag.toml"
    link.symlink_to("/proc/self/environ")
    assert cli.main(["check", str(link)]) == 2
    err = capsys.readouterr().err
    assert "AAA_FLEKSJOB_HEMMELIG" not in err
    for name in list(os.environ)[:3]:
        assert f"{name}=" not in err
