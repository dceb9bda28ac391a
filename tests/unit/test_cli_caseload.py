"""`fleksjob list` (issue 25): the caseload on the command line — order, next date, who acts,
the JSON shape, unreadable files with the reason, 80 columns, plain text, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from caseload_cases import AS_OF, EXPECTED, make_folder

from fleksjob_tui.cli import main
from fleksjob_tui.view import index as case_index

ROOT = Path(__file__).resolve().parents[2]
DAY = AS_OF.isoformat()
KEYS = {"path", "title", "status", "next_date", "next_what", "next_actor", "next_count",
        "past_days", "readable", "error"}


@pytest.fixture(autouse=True)
def _env(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("FLEKSJOB_DEBUG", "1")
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture
def folder(tmp_path):
    f = tmp_path / "sager"
    f.mkdir()
    return make_folder(f)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_is_every_case_in_order_with_its_next_date_and_actor(capsys, folder):
    code, out, err = run(capsys, "list", str(folder), "--as-of", DAY, "--json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert all(set(r) == KEYS for r in rows)
    assert [(Path(r["path"]).name, r["status"], r["next_date"], r["next_what"], r["next_actor"])
            for r in rows] == EXPECTED
    by = {Path(r["path"]).name: r for r in rows}
    assert by["moede-forbi.toml"]["past_days"] == 7
    assert by["frist.toml"]["past_days"] == 0 and by["frist.toml"]["readable"] is True
    bad = by["ulaeselig.toml"]
    assert bad["readable"] is False and bad["title"] is None and "TOML" in bad["error"]
    assert by["ny.toml"]["next_count"] == 7


def test_text_is_80_columns_in_order_and_says_a_past_date_in_words(capsys, folder):
    code, out, _ = run(capsys, "list", str(folder), "--as-of", DAY)
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "\x1b" not in out
    titles = ["Møde forbi", "Ny sag", "Klar sag", "Møde snart", "Mangler aftale", "Venter",
              "Spærrer", "ulaeselig.toml"]
    at = [next(i for i, line in enumerate(lines) if t in line) for t in titles]
    assert at == sorted(at)
    first = lines[at[0]:at[0] + 2]
    assert first[0].startswith("15-11-2026") and first[0].endswith("KLAR")
    assert "OVER DATOEN: 7 dage" in first[1] and "opfølgningsmøde" in first[1]
    assert "Lederen: frist" in lines[at[4] + 1]
    assert lines[at[4]].startswith("01-03-2027") and lines[at[4]].endswith("MANGLER")
    assert "kan gå til kommunen" in lines[at[5] + 1]
    assert "KAN IKKE LÆSES" in lines[at[7]] and "TOML" in lines[at[7] + 1]
    assert lines[0].startswith("8 sager i ")


def test_english(capsys, folder):
    code, out, _ = run(capsys, "list", str(folder), "--as-of", DAY, "--lang", "en")
    assert code == 0
    assert "PAST THE DATE: 7 days · Everyone at the meeting: follow-up meeting" in out
    assert "The manager: deadline" in out and "CANNOT BE READ" in out


def test_due_within_keeps_what_is_due_by_then_and_the_unreadable(capsys, folder):
    code, out, _ = run(capsys, "list", str(folder), "--as-of", DAY, "--due-within", "10",
                       "--json")
    assert code == 0
    assert [Path(r["path"]).name for r in json.loads(out)] == [
        "moede-forbi.toml", "ny.toml", "klar.toml", "moede-snart.toml", "ulaeselig.toml"]
    code, out, _ = run(capsys, "list", str(folder), "--as-of", DAY, "--due-within", "150",
                       "--json")
    assert "venter.toml" not in out and "frist.toml" in out
    code, _, err = run(capsys, "list", str(folder), "--due-within", "-1")
    assert code == 2 and "--due-within" in err


def test_the_case_folder_by_default_an_empty_one_and_a_bad_date(capsys, tmp_path, folder):
    code, out, _ = run(capsys, "list", "--as-of", DAY)
    assert code == 0 and "Ingen sager i mappen." in out and str(tmp_path / "home") in out
    code, out, _ = run(capsys, "list", "--as-of", DAY, "--json")
    assert code == 0 and json.loads(out) == []
    os.environ["FLEKSJOB_HOME"] = str(folder)
    code, out, _ = run(capsys, "list", "--as-of", DAY, "--json")
    assert code == 0 and len(json.loads(out)) == len(EXPECTED)
    code, out, err = run(capsys, "list", str(folder), "--as-of", "31-02-2026")
    assert code == 2 and out == "" and "--as-of" in err


def test_another_day_leaves_the_index_of_today_alone(capsys, folder):
    run(capsys, "list", str(folder), "--as-of", DAY)
    assert not (folder / case_index.INDEX_NAME).exists()
    run(capsys, "list", str(folder))
    data = json.loads((folder / case_index.INDEX_NAME).read_text("utf-8"))
    assert len(data["files"]) == len(EXPECTED)


def test_plain_under_term_dumb_through_the_program(folder):
    env = dict(os.environ, TERM="dumb", FLEKSJOB_DEBUG="1")
    env.pop("NO_COLOR", None)
    r = subprocess.run([sys.executable, "-m", "fleksjob_tui", "list", str(folder), "--as-of",
                        DAY], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert r.returncode == 0 and r.stderr == ""
    assert "\x1b" not in r.stdout and max(len(x) for x in r.stdout.splitlines()) <= 80
    assert "OVER DATOEN: 7 dage" in r.stdout
