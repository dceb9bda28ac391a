"""Issue 22 (again), the smaller points: the case folder is tightened to 700 on `list` and on a
save too; `updated` in range after its offset, and with an offset; NaN and inf refused clearly."""

from __future__ import annotations

import os

import pytest

from fleksjob_tui import cli
from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "sager"
    folder.mkdir()
    os.chmod(folder, 0o755)
    monkeypatch.setenv("FLEKSJOB_HOME", str(folder))
    return folder


def mode(p) -> int:
    return p.stat().st_mode & 0o777


def test_list_tightens_the_case_folder(home, capsys):
    storage.save_case(Case.new(role="employee", title="A"), home / "a.toml")
    os.chmod(home, 0o755)
    cli.main(["list"])
    assert mode(home) == 0o700


def test_list_of_the_case_folder_by_name_tightens_it(home, capsys):
    cli.main(["list", str(home)])
    assert mode(home) == 0o700


def test_a_save_in_the_case_folder_tightens_it(home):
    storage.save_case(Case.new(role="employee", title="A"), home / "a.toml")
    assert mode(home) == 0o700


def test_a_save_elsewhere_leaves_that_folder_alone(home, tmp_path):
    other = tmp_path / "andet"
    other.mkdir()
    os.chmod(other, 0o755)
    storage.save_case(Case.new(role="employee", title="A"), other / "a.toml")
    assert mode(other) == 0o755


def load_text(tmp_path, text):
    p = tmp_path / "sag.toml"
    p.write_text("schema_version = 1\n" + text, encoding="utf-8")
    return storage.load_case(p)


@pytest.mark.parametrize("stamp", ["1900-01-01T00:30:00+01:00", "2199-12-31T23:30:00-01:00",
                                   "0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59"])
def test_updated_out_of_range_after_its_offset_is_refused(tmp_path, stamp):
    with pytest.raises(storage.CaseFileError) as err:
        load_text(tmp_path, f"[case]\nupdated = {stamp}\n")
    assert "case.updated" in str(err.value)


def test_updated_without_an_offset_is_refused_with_a_clear_message(tmp_path):
    with pytest.raises(storage.CaseFileError) as err:
        load_text(tmp_path, "[case]\nupdated = 2026-11-22T10:00:00\n")
    assert "case.updated" in str(err.value)


def test_updated_with_an_offset_in_range_loads(tmp_path):
    case = load_text(tmp_path, "[case]\nupdated = 2026-11-22T10:00:00+01:00\n")
    assert case.case.updated.utcoffset() is not None


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "+nan"])
def test_nan_and_inf_say_a_number_is_needed(tmp_path, value):
    with pytest.raises(storage.CaseFileError) as err:
        load_text(tmp_path, f"[economy]\nhourly_wage = {value}\n")
    assert "skal være et tal" in str(err.value), str(err.value)


def test_the_full_example_in_case_format_is_examples_klar():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    doc = (root / "docs" / "case-format.md").read_text(encoding="utf-8")
    after = doc.split("## Fuldt eksempel", 1)[1]
    block = after.split("```toml\n", 1)[1].split("```", 1)[0]
    assert block == (root / "examples" / "klar.toml").read_text(encoding="utf-8")
