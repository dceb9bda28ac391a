"""Issue 22, point 4: deleting a case (the start screen's Delete) removes only names in the
case's own folder and never follows a link: a symbolic link named ``*.toml`` goes, the file it
points to and that file's ``.bak`` stay; a ``.bak`` that is a link goes as a link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case


def _case(path: Path, title: str = "Sag") -> Path:
    storage.save_case(Case.new(title=title), path)
    storage.save_case(Case.new(title=title + " 2"), path)  # now with a .bak
    return path


@pytest.fixture
def folders(tmp_path):
    home, outside = tmp_path / "home", tmp_path / "andet-sted"
    home.mkdir()
    outside.mkdir()
    return home, outside


def _link_to_a_case(home, outside):
    target = _case(outside / "maal.toml")
    link = home / "link.toml"
    link.symlink_to(target)
    kept = [target, storage.backup_path(target)]
    return link, kept, [link]


def _bak_is_a_link(home, outside):
    secret = outside / "hemmelig.txt"
    secret.write_text("bliv")
    case = home / "sag.toml"
    storage.save_case(Case.new(title="Sag"), case)
    storage.backup_path(case).symlink_to(secret)
    return case, [secret], [case, storage.backup_path(case)]


def _link_with_a_stale_lock_beside_its_target(home, outside):
    link, kept, gone = _link_to_a_case(home, outside)
    from fleksjob_tui.case import locking

    lock = outside / ".maal.toml.lock"
    lock.write_text(f'pid = 999999999\nhost = "{locking.this_host()}"\n'
                    'since = 2026-11-22T10:15:00Z\ntoken = "t0"\n')
    return link, [*kept, lock], gone


def _bak_is_a_folder(home, outside):
    case = home / "sag.toml"
    storage.save_case(Case.new(title="Sag"), case)
    storage.backup_path(case).mkdir()
    (storage.backup_path(case) / "inde.txt").write_text("bliv")
    return case, [storage.backup_path(case) / "inde.txt"], [case]


def _plain_case(home, outside):
    case = _case(home / "sag.toml")
    return case, [], [case, storage.backup_path(case)]


SETUPS = {
    "link_to_a_case": _link_to_a_case,
    "bak_is_a_link": _bak_is_a_link,
    "stale_lock_beside_target": _link_with_a_stale_lock_beside_its_target,
    "bak_is_a_folder": _bak_is_a_folder,
    "plain_case": _plain_case,
}


@pytest.mark.parametrize("setup", sorted(SETUPS))
def test_delete_removes_only_names_in_the_folder(folders, setup):
    home, outside = folders
    path, kept, gone = SETUPS[setup](home, outside)
    before = {p: p.read_bytes() for p in kept if p.is_file()}
    removed = storage.delete_case(path)
    assert set(removed) == set(gone)
    for p in gone:
        assert not os.path.lexists(p)
    for p in kept:
        assert p.exists(), p
    assert {p: p.read_bytes() for p in kept if p.is_file()} == before


def test_a_named_pipe_is_refused(folders):
    home, _ = folders
    fifo = home / "roer.toml"
    os.mkfifo(fifo)
    with pytest.raises(storage.CaseFileError) as info:
        storage.delete_case(fifo)
    assert info.value.code == "not_regular"
    assert info.value.message("da").startswith("Sagen kunne ikke slettes")
    assert os.path.lexists(fifo)
