"""Issue 22, points 2 and 10: dates bounded where they enter, and strict types for every field.

A date the rules cannot compute with (year 9999 + a pension age, a follow-up interval, a day
for the calendar) is refused by the model with an error naming the field, by the date parser
the wizard and the conversation use, and one such file never breaks a start screen. A value of
the wrong type (0 for a date, a date in quotes, true for a number, "yes" for true) is refused.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from fleksjob_tui import cli
from fleksjob_tui.case import storage
from fleksjob_tui.case.dates import MAX_DATE, MIN_DATE, DateError, parse_date
from fleksjob_tui.case.model import Case
from fleksjob_tui.view import index as case_index

ROOT = Path(__file__).resolve().parent.parent.parent
KLAR = (ROOT / "fleksjob_tui" / "content" / "examples" / "klar.toml").read_text(encoding="utf-8")


def _with(line_re: str, new: str, text: str = KLAR) -> str:
    out, n = re.subn(line_re, new, text, count=1, flags=re.M)
    assert n == 1, line_re
    return out


#: (key path, file text) — each found by a tester (issue 22) to crash a command or a start screen.
FAR_DATES = {
    "flexjob.start": KLAR + "\n[flexjob]\nstart = 9996-01-01\n",
    "person.birth_date": _with(r"^birth_date = .*$", "birth_date = 9932-01-01"),
    "meetings[0].date": _with(r"^date = 2025-06-01$", "date = 9999-12-31"),
    "case.updated": _with(r"^updated = .*$", "updated = 0001-01-01T00:00:00+23:59"),
    "employment.special_terms_start": _with(r"^special_terms_start = .*$",
                                            "special_terms_start = 9999-12-31"),
    "agreement.signed_on": _with(r"^signed_on = .*$", "signed_on = 1000-01-01"),
    "follow_up.next_meeting": KLAR + "\n[follow_up]\nnext_meeting = 9999-12-31\n",
}


@pytest.mark.parametrize("key", sorted(FAR_DATES))
def test_a_far_date_is_refused_naming_the_field(tmp_path, key):
    p = tmp_path / "sag.toml"
    p.write_text(FAR_DATES[key], encoding="utf-8")
    with pytest.raises(storage.CaseFileError) as info:
        storage.load_case(p)
    err = info.value
    assert err.code == "validation"
    assert err.key == key
    assert "1900" in err.message("da") and "2199" in err.message("da")
    assert "1900" in err.message("en") and "mellem" in err.message("da")
    assert err.line is not None


@pytest.mark.parametrize("key", sorted(FAR_DATES))
@pytest.mark.parametrize("command", [["check"], ["check", "--json"], ["summary"], ["calendar"],
                                     ["export"]])
def test_every_command_says_so_and_exits_2(tmp_path, capsys, key, command):
    p = tmp_path / "sag.toml"
    p.write_text(FAR_DATES[key], encoding="utf-8")
    argv = [command[0], str(p), *command[1:]]
    if command[0] in ("calendar", "export"):
        argv += ["-o", str(tmp_path / "ud")]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "uventet fejl" not in err and "Traceback" not in err
    if command != ["check", "--json"]:
        assert key in err


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("01-01-1900", True),
        ("31-12-2199", True),
        ("31-12-1899", False),
        ("01-01-2200", False),
        ("31-12-9999", False),
        ("9999-12-31", False),
        ("0001-01-01", False),
        ("01.01.9995", False),
    ],
)
def test_the_date_parser_has_the_same_bounds(text, ok):
    if ok:
        assert MIN_DATE <= parse_date(text) <= MAX_DATE
        return
    with pytest.raises(DateError) as info:
        parse_date(text, "en")
    assert info.value.kind == "out_of_range"
    assert "1900" in info.value.message("da") and "2199" in info.value.message("en")


def test_the_bounds_leave_room_for_every_offset_the_rules_add():
    """The latest birth date plus the highest pension age, and the latest start plus the
    flex job's five years, still exist — and are assessed without an error."""
    from fleksjob_tui.rules import assess, pension_for

    assert pension_for(MAX_DATE).date.year < 9999
    case = Case.new(title="Langt ude")
    case.person.birth_date = MAX_DATE
    case.employment.special_terms_start = MAX_DATE
    case.flexjob.start = MAX_DATE
    case.follow_up.next_meeting = MAX_DATE
    for day in (MIN_DATE, MAX_DATE):
        assert assess(case, day).status
    case.person.birth_date = MIN_DATE
    assert assess(case, MAX_DATE).status


def test_assignment_is_bounded_too():
    case = Case.new()
    with pytest.raises(ValueError):
        case.flexjob.start = dt.date(9999, 12, 31)
    assert case.flexjob.start is None


def test_start_screens_list_an_unreadable_case_and_the_others(tmp_path, as_of):
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "god.toml").write_text(KLAR, encoding="utf-8")
    for i, text in enumerate(FAR_DATES.values()):
        (folder / f"langt-ude-{i}.toml").write_text(text, encoding="utf-8")
    entries = case_index.list_entries(folder, as_of)
    assert len(entries) == 1 + len(FAR_DATES)
    assert [e.path.name for e in entries if e.readable] == ["god.toml"]
    # listed again from the index: the same
    again = case_index.list_entries(folder, as_of)
    assert [(e.path, e.readable) for e in again] == [(e.path, e.readable) for e in entries]
    cases = storage.list_cases(folder)
    assert [e.path.name for e in cases if e.ok] == ["god.toml"]


def test_index_line_with_a_time_no_clock_can_show_is_read_again(tmp_path, as_of):
    import json

    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "god.toml").write_text(KLAR, encoding="utf-8")
    case_index.list_entries(folder, as_of)
    idx = folder / case_index.INDEX_NAME
    data = json.loads(idx.read_text())
    data["files"]["god.toml"]["updated"] = "0001-01-01T00:00:00+23:59"
    idx.write_text(json.dumps(data))
    (entry,) = case_index.list_entries(folder, as_of)
    assert entry.readable and entry.updated.year == 2026


def test_plain_start_lists_an_unreadable_case_as_such(tmp_path, monkeypatch, as_of):
    from fleksjob_tui.plain import start as plain_start
    from fleksjob_tui.plain.conversation import Conversation

    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "god.toml").write_text(KLAR, encoding="utf-8")
    (folder / "langt-ude.toml").write_text(FAR_DATES["flexjob.start"], encoding="utf-8")
    out = io.StringIO()
    conv = Conversation(Case.new(), None, "da", as_of, io.StringIO("n\n"), out)
    assert plain_start._pick_case(conv, folder) is None
    said = out.getvalue()
    assert "langt-ude.toml: filen kan ikke læses" in said
    assert "Fastholdelsesfleksjob for M.K." in said


# -- point 10: strict types ------------------------------------------------------------------

WRONG_TYPES = {
    # key: (the line in the file, words in the Danish message, words in the English one)
    "person.birth_date": ("birth_date = 0", "skal være en dato", "must be a date"),
    "person.birth_date ": ('birth_date = "1966-05-10"', "uden anførselstegn", "without quotes"),
    "person.self_employed": ('self_employed = "yes"', "true eller false", "true or false"),
    "economy.paid_hours_per_week": ("paid_hours_per_week = true", "skal være et tal",
                                    "must be a number"),
    "self_employment.months_30h_last_24": ("months_30h_last_24 = 12.0", "helt tal",
                                           "whole number"),
    "case.updated": ('updated = "2026-11-22T10:40:00Z"', "tidspunkt", "date and time"),
    "case.title": ("title = 12", "tekst", "text"),
    "person.name": ("name = true", "tekst", "text"),
}


def _file_with(key: str, line: str) -> str:
    table, name = key.strip().split(".")
    pattern = rf"^{name} = .*$"
    if re.search(pattern, KLAR, re.M):
        return _with(pattern, line)
    if f"\n[{table}]\n" in KLAR:
        return KLAR.replace(f"\n[{table}]\n", f"\n[{table}]\n{line}\n")
    return KLAR + f"\n[{table}]\n{line}\n"


@pytest.mark.parametrize("key", sorted(WRONG_TYPES))
def test_a_value_of_the_wrong_type_is_refused(tmp_path, key):
    line, da, en = WRONG_TYPES[key]
    p = tmp_path / "sag.toml"
    p.write_text(_file_with(key, line), encoding="utf-8")
    with pytest.raises(storage.CaseFileError) as info:
        storage.load_case(p)
    err = info.value
    assert err.code == "validation" and err.key == key.strip()
    assert da in err.message("da")
    assert en in err.message("en")


@pytest.mark.parametrize("line", ["paid_hours_per_week = 30", "paid_hours_per_week = 30.5"])
def test_whole_and_decimal_numbers_are_numbers(tmp_path, line):
    p = tmp_path / "sag.toml"
    p.write_text(_with(r"^paid_hours_per_week = .*$", line), encoding="utf-8")
    assert storage.load_case(p).economy.paid_hours_per_week in (30.0, 30.5)


def test_every_example_still_loads(examples):
    for p in sorted(examples.glob("*.toml")):
        storage.load_case(p)


def test_start_screen_list_shows_no_control_characters(tmp_path, as_of):
    folder = tmp_path / "home"
    folder.mkdir()
    text = KLAR.replace('title = "Fastholdelsesfleksjob for M.K."',
                        'title = "Sag \\u001b]0;OVERTAGET\\u0007 A"')
    text = text.replace('name = "M.K."', 'name = "M.K.\\u001b[2J"')
    (folder / "sag.toml").write_text(text, encoding="utf-8")
    (entry,) = case_index.list_entries(folder, as_of)
    assert entry.title == "Sag  A" and entry.person_name == "M.K."
