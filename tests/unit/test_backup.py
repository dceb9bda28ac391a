"""The previous version of a case is kept beside it (sag.toml.bak, mode 600) and can be restored."""

from __future__ import annotations

import os
import stat

import pytest

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case


def case(name: str) -> Case:
    c = Case.new(title="Sag", role="employee")
    c.person.name = name
    return c


def mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


def test_first_save_makes_no_backup(tmp_path):
    path = tmp_path / "sag.toml"
    storage.save_case(case("Åse"), path)
    assert not storage.backup_path(path).exists()
    assert storage.backup_path(path).name == "sag.toml.bak"


def test_save_keeps_previous_version_private(tmp_path):
    path = tmp_path / "sag.toml"
    path.write_text('schema_version = 1\n[person]\nname = "Gammel"\n', encoding="utf-8")
    path.chmod(0o644)
    before = path.read_bytes()
    storage.save_case(case("Ny"), path)
    bak = storage.backup_path(path)
    assert bak.read_bytes() == before
    assert mode(bak) == 0o600 and mode(path) == 0o600
    assert storage.load_case(path).person.name == "Ny"
    storage.save_case(case("Nyere"), path)
    assert storage.load_case(bak).person.name == "Ny"


def test_backup_false_leaves_backup_alone(tmp_path):
    path = tmp_path / "sag.toml"
    storage.save_case(case("A"), path)
    storage.save_case(case("B"), path)
    storage.save_case(case("C"), path, backup=False)
    assert storage.load_case(storage.backup_path(path)).person.name == "A"


def test_backup_is_copied_where_links_are_not_possible(tmp_path, monkeypatch):
    path = tmp_path / "sag.toml"
    storage.save_case(case("A"), path)
    before = path.read_bytes()

    def no_link(*a, **k):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    storage.save_case(case("B"), path)
    bak = storage.backup_path(path)
    assert bak.read_bytes() == before and mode(bak) == 0o600
    assert not os.path.samefile(bak, path)
    assert sorted(os.listdir(tmp_path)) == ["sag.toml", "sag.toml.bak"]


def test_backup_failure_leaves_case_untouched(tmp_path, monkeypatch):
    path = tmp_path / "sag.toml"
    storage.save_case(case("A"), path)
    before = path.read_bytes()
    real_replace = os.replace

    def full(src, dst):
        if str(dst).endswith(".bak"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(storage.CaseFileError) as info:
        storage.save_case(case("B"), path)
    assert info.value.code == "write_failed"
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["sag.toml"]


def test_list_cases_does_not_show_backups(tmp_path):
    path = tmp_path / "sag.toml"
    storage.save_case(case("A"), path)
    storage.save_case(case("B"), path)
    assert [e.path.name for e in storage.list_cases(tmp_path)] == ["sag.toml"]


def test_restore_swaps_case_and_backup(tmp_path):
    path = tmp_path / "sag.toml"
    storage.save_case(case("A"), path)
    storage.save_case(case("B"), path)
    storage.restore_backup(path)
    assert storage.load_case(path).person.name == "A"
    assert storage.load_case(storage.backup_path(path)).person.name == "B"
    assert mode(path) == 0o600 and mode(storage.backup_path(path)) == 0o600
    storage.restore_backup(path)  # twice undoes it
    assert storage.load_case(path).person.name == "B"


@pytest.mark.parametrize("content, code", [(None, "not_found"), (b"schema_version = 1\n[x", "toml_syntax")])
def test_restore_refuses_missing_or_broken_backup(tmp_path, content, code):
    path = tmp_path / "sag.toml"
    storage.save_case(case("A"), path)
    before = path.read_bytes()
    if content is not None:
        storage.backup_path(path).write_bytes(content)
    with pytest.raises(storage.CaseFileError) as info:
        storage.restore_backup(path)
    assert info.value.code == code
    assert path.read_bytes() == before


# -- fleksjob restore ---------------------------------------------------------------------------


def test_restore_command_swaps_and_says_where(tmp_path, capsys):
    from fleksjob_tui import cli

    path = tmp_path / "sag.toml"
    storage.save_case(case("A"), path)
    storage.save_case(case("B"), path)
    assert cli.main(["restore", "--yes", str(path)]) == 0
    out = capsys.readouterr().out
    assert "sag.toml.bak" in out and "fortryde" in out
    assert storage.load_case(path).person.name == "A"
    assert cli.main(["--lang", "en", "restore", "--yes", str(path)]) == 0
    assert "undo" in capsys.readouterr().out
    assert storage.load_case(path).person.name == "B"


def test_restore_command_without_backup_exits_2(tmp_path, capsys):
    from fleksjob_tui import cli

    path = tmp_path / "sag.toml"
    storage.save_case(case("A"), path)
    before = path.read_bytes()
    assert cli.main(["restore", str(path)]) == 2
    assert "sag.toml.bak" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_restore_command_refused_while_the_case_is_open(tmp_path, capsys):
    from fleksjob_tui import cli
    from fleksjob_tui.case import locking

    path = tmp_path / "sag.toml"
    storage.save_case(case("A"), path)
    storage.save_case(case("B"), path)
    with locking.acquire(path):
        assert cli.main(["restore", str(path)]) == 2
        assert "Luk guiden" in capsys.readouterr().err
    assert storage.load_case(path).person.name == "B"
