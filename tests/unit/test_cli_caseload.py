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
        "next_others", "next_item", "past_days", "readable", "error"}


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
    assert (by["ny.toml"]["next_count"], by["ny.toml"]["next_others"]) == (7, 2)


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
    for bad in ("-1", "syv"):
        with pytest.raises(SystemExit) as exit_:
            run(capsys, "list", str(folder), "--due-within", bad)
        err = capsys.readouterr().err
        assert exit_.value.code == 2 and f"--due-within: {bad} er ikke et antal dage" in err


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


# -- check of many files (point 3) ----------------------------------------------------------------

EXAMPLES = ROOT / "examples"


def test_check_many_gives_one_json_line_each_with_its_path_and_the_highest_exit(capsys, folder):
    files = [EXAMPLES / "klar.toml", folder / "frist.toml", folder / "ulaeselig.toml",
             folder / "venter.toml"]
    code, out, err = run(capsys, "check", *map(str, files), "--as-of", DAY, "--json")
    assert code == 2
    lines = out.splitlines()
    assert len(lines) == 4
    rows = [json.loads(line) for line in lines]
    assert [r["path"] for r in rows] == [str(f) for f in files]
    assert [r.get("status") for r in rows] == ["ready", "missing", None, "waiting"]
    assert rows[2]["error"]["code"] == "toml_syntax" and rows[2]["schema"] == 1
    assert "ulaeselig.toml" in err
    # Each line is the one-case JSON with the path added.
    code, one, _ = run(capsys, "check", str(files[1]), "--as-of", DAY, "--json")
    assert code == 1
    assert json.loads(one) == {k: v for k, v in rows[1].items() if k != "path"}


def test_check_many_exit_is_the_highest_without_errors(capsys, folder):
    ready = str(EXAMPLES / "klar.toml")
    assert run(capsys, "check", ready, ready, "--as-of", DAY, "--json")[0] == 0
    assert run(capsys, "check", ready, str(folder / "venter.toml"), "--as-of", DAY)[0] == 1


def test_one_case_keeps_its_output_and_many_are_the_same_texts_one_after_another(capsys,
                                                                                  folder):
    a, b = str(EXAMPLES / "klar.toml"), str(folder / "frist.toml")
    code_a, out_a, _ = run(capsys, "check", a, "--as-of", DAY)
    code_b, out_b, _ = run(capsys, "check", b, "--as-of", DAY)
    code, out, _ = run(capsys, "check", a, b, "--as-of", DAY)
    assert (code_a, code_b, code) == (0, 1, 1)
    assert out == out_a + "\n" + out_b
    # One case with --json: the indented object without a path, as before.
    code, out, _ = run(capsys, "check", a, "--as-of", DAY, "--json")
    assert out.startswith('{\n  "schema": 1,') and "path" not in json.loads(out)


def test_check_many_with_a_bad_date_says_so_for_each_file(capsys, folder):
    files = [str(folder / "frist.toml"), str(folder / "venter.toml")]
    code, out, _ = run(capsys, "check", *files, "--as-of", "31-02-2026", "--json")
    assert code == 2
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["path"], r["error"]["code"]) for r in rows] == [(f, "bad_as_of") for f in files]


# -- calendar --all (point 4) -----------------------------------------------------------------------


def _events(path):
    from icalendar import Calendar

    cal = Calendar.from_ical(path.read_bytes())
    return {(str(e["uid"]), str(e["summary"]), e.decoded("dtstart"))
            for e in cal.walk("VEVENT")}


def test_calendar_all_is_every_case_calendar_in_one(capsys, tmp_path, folder):
    out = tmp_path / "alle.ics"
    code, stdout, err = run(capsys, "calendar", "--all", str(folder), "-o", str(out),
                            "--as-of", DAY)
    assert code == 0, err
    assert "ulaeselig.toml" in err  # skipped, named
    together = _events(out)
    each = set()
    for name, *_ in EXPECTED[:-1]:
        one = tmp_path / f"{name}.ics"
        code, _, err = run(capsys, "calendar", str(folder / name), "-o", str(one), "--as-of",
                           DAY)
        if name == "ny.toml":  # the case without dates: no calendar of its own
            assert code == 2 and "ingen datoer" in err
            continue
        assert code == 0, err
        each |= _events(one)
    assert together == each and len(together) > len(EXPECTED)
    assert f"({len(together)} datoer fra 7 sager)" in stdout  # the unreadable one is not counted
    # Never over a file unasked; --force replaces it; the folder's cases by default.
    code, _, err = run(capsys, "calendar", "--all", str(folder), "-o", str(out))
    assert code == 2 and out.exists()
    os.environ["FLEKSJOB_HOME"] = str(folder)
    assert run(capsys, "calendar", "--all", "-o", str(out), "--force", "--as-of", DAY)[0] == 0
    assert _events(out) == together


def test_calendar_all_needs_a_file_and_never_writes_a_case(capsys, tmp_path, folder):
    code, _, err = run(capsys, "calendar", "--all", str(folder))
    assert code == 2 and "-o" in err
    code, _, err = run(capsys, "calendar", "--all", str(folder), "-o", str(folder / "x.toml"))
    assert code == 2 and not (folder / "x.toml").exists()
    code, _, err = run(capsys, "calendar")
    assert code == 2 and "--all" in err


@pytest.mark.parametrize("given", ["missing-folder", "a-file.toml"])
def test_a_folder_that_is_not_one_is_an_error_not_an_empty_caseload(capsys, tmp_path, given):
    """A typo in FOLDER (found by the break-it tester) must not read as "no cases"."""
    (tmp_path / "a-file.toml").write_text("", encoding="utf-8")
    path = str(tmp_path / given)
    code, out, err = run(capsys, "list", path, "--as-of", DAY)
    assert code == 2 and out == "" and "er ikke en mappe" in err and path in err
    code, out, err = run(capsys, "calendar", "--all", path, "-o", str(tmp_path / "x.ics"))
    assert code == 2 and "er ikke en mappe" in err and not (tmp_path / "x.ics").exists()


@pytest.mark.parametrize(("days", "ok"), [("3650", True), ("3651", False),
                                          ("99999999999999999999", False), ("-1", False)])
def test_due_within_is_bounded_to_ten_years(capsys, folder, days, ok):
    try:
        code, out, err = run(capsys, "list", str(folder), "--as-of", DAY, "--due-within", days)
    except SystemExit as stop:  # argparse refuses the option with the message on stderr
        code, err = stop.code, capsys.readouterr().err
    assert (code == 0) is ok
    if not ok:
        assert code == 2 and "fra 0 til 3650" in err and "uventet" not in err


def test_calendar_all_reads_a_linked_case_once(capsys, tmp_path, folder):
    """A symbolic link to a case in the folder (found by the break-it tester) gave every event
    twice, with the same identifier: a calendar program drops or merges them."""
    out = tmp_path / "alle.ics"
    assert run(capsys, "calendar", "--all", str(folder), "-o", str(out), "--as-of", DAY)[0] == 0
    alone = out.read_text(encoding="utf-8").count("BEGIN:VEVENT")
    (folder / "link.toml").symlink_to(folder / EXPECTED[0][0])
    code, _, err = run(capsys, "calendar", "--all", str(folder), "-o", str(out), "--force",
                       "--as-of", DAY)
    text = out.read_text(encoding="utf-8")
    uids = [line for line in text.splitlines() if line.startswith("UID:")]
    assert code == 0, err
    assert text.count("BEGIN:VEVENT") == alone and len(uids) == len(set(uids))
