"""The start screen's index of the case folder: the same list as storage.list_cases, reused only
for files that have not changed, private, and never more than a cache."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case
from fleksjob_tui.rules import assess
from fleksjob_tui.view import index as case_index

AS_OF = dt.date(2026, 11, 22)


def make(folder, name, title, person=None, updated=None):
    case = Case.new(title=title, role="employee")
    case.person.name = person
    if updated is not None:
        case.case.updated = updated
    storage.save_case(case, folder / name, touch=updated is None, backup=False)
    return folder / name


def summary(entries):
    return [(e.path.name, e.title, e.person_name, e.updated, e.status, e.readable)
            for e in entries]


def expected(folder):
    """What storage.list_cases and assess() give, the slow way."""
    out = []
    for e in storage.list_cases(folder):
        status = assess(e.case, AS_OF).status if e.case is not None else None
        out.append((e.path.name, e.title, e.person_name, e.updated, status, e.ok))
    return out


def test_same_list_as_storage_and_the_index_is_private(tmp_path):
    make(tmp_path, "a.toml", "A", "Ane", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    make(tmp_path, "b.toml", "B", None, dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    (tmp_path / "c.toml").write_text("[case\n", encoding="utf-8")
    (tmp_path / ".skjult.toml").write_text("", encoding="utf-8")
    (tmp_path / "mappe.toml").mkdir()
    first = case_index.list_entries(tmp_path, AS_OF)
    assert summary(first) == expected(tmp_path)
    index = tmp_path / case_index.INDEX_NAME
    assert stat.S_IMODE(index.stat().st_mode) == 0o600
    again = case_index.list_entries(tmp_path, AS_OF)
    assert summary(again) == summary(first)


def test_unchanged_files_are_not_read_again(tmp_path, monkeypatch):
    for i in range(5):
        make(tmp_path, f"s{i}.toml", f"Sag {i}")
    case_index.list_entries(tmp_path, AS_OF)
    calls = []
    real = storage.load_case
    monkeypatch.setattr(storage, "load_case", lambda p, **k: calls.append(p) or real(p, **k))
    case_index.list_entries(tmp_path, AS_OF)
    assert calls == []
    make(tmp_path, "s2.toml", "Sag 2, ny titel", "Bo")
    entries = case_index.list_entries(tmp_path, AS_OF)
    assert [p.name for p in calls] == ["s2.toml"]
    assert ("Sag 2, ny titel", "Bo") in [(e.title, e.person_name) for e in entries]


def test_a_deleted_case_leaves_the_index(tmp_path):
    make(tmp_path, "behold.toml", "Behold")
    gone = make(tmp_path, "slet.toml", "Slet", "Hemmelig Person")
    case_index.list_entries(tmp_path, AS_OF)
    storage.delete_case(gone)
    assert [e.title for e in case_index.list_entries(tmp_path, AS_OF)] == ["Behold"]
    assert "Hemmelig Person" not in (tmp_path / case_index.INDEX_NAME).read_text("utf-8")


def test_another_day_or_a_broken_index_means_reading_the_files(tmp_path, monkeypatch):
    make(tmp_path, "s.toml", "Sag")
    case_index.list_entries(tmp_path, AS_OF)
    index = tmp_path / case_index.INDEX_NAME
    calls = []
    real = storage.load_case
    monkeypatch.setattr(storage, "load_case", lambda p, **k: calls.append(p) or real(p, **k))
    case_index.list_entries(tmp_path, AS_OF + dt.timedelta(days=1))  # the status may differ
    assert len(calls) == 1
    for junk in ("{", "[]", json.dumps({"version": 1, "files": {"s.toml": 3}})):
        index.write_text(junk, encoding="utf-8")
        assert [e.title for e in case_index.list_entries(tmp_path, AS_OF)] == ["Sag"]
    data = json.loads(index.read_text("utf-8"))
    data["files"]["s.toml"]["title"] = 7  # a line we did not write is not trusted blindly
    index.write_text(json.dumps(data), encoding="utf-8")
    assert case_index.list_entries(tmp_path, AS_OF)[0].title == "Sag"


def test_a_folder_that_cannot_be_written_still_lists(tmp_path):
    make(tmp_path, "s.toml", "Sag")
    os.chmod(tmp_path, 0o500)
    try:
        assert [e.title for e in case_index.list_entries(tmp_path, AS_OF)] == ["Sag"]
    finally:
        os.chmod(tmp_path, 0o700)
    assert case_index.list_entries(tmp_path / "findes-ikke", AS_OF) == []
