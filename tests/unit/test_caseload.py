"""The caseload (issue 25): each case's next step — the date that matters, what it is, who acts
— from the view's dates, its order, its words, and the folder's index keeping it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from case_builders import ready_case
from caseload_cases import AS_OF, EXPECTED, make_folder

from fleksjob_tui.case import storage
from fleksjob_tui.rules import assess
from fleksjob_tui.view import caseload
from fleksjob_tui.view import index as case_index
from fleksjob_tui.view.caseload import NextStep, next_step, sort_key, step_words

D = dt.date


def step_of(case, as_of=AS_OF):
    return next_step(case, assess(case, as_of), as_of)


def row(entry):
    s = entry.step
    if s is None:
        return (entry.path.name, entry.status, None, None, None)
    return (entry.path.name, entry.status, s.date.isoformat() if s.date else None, s.what,
            s.actor)


def caseload_rows(folder, as_of=AS_OF):
    entries = case_index.list_entries(folder, as_of)
    entries.sort(key=lambda e: sort_key(e.step, as_of, e.title or e.path.name))
    return [row(e) for e in entries]


def test_every_status_in_order_with_its_next_date_and_actor(tmp_path):
    make_folder(tmp_path)
    assert caseload_rows(tmp_path) == EXPECTED


def test_the_index_keeps_the_step_and_reuses_it(tmp_path, monkeypatch):
    make_folder(tmp_path)
    first = caseload_rows(tmp_path)
    data = json.loads((tmp_path / case_index.INDEX_NAME).read_text("utf-8"))
    assert data["files"]["frist.toml"]["step"] == {"date": "2027-03-01", "what": "due",
                                                   "actor": "manager", "count": 1,
                                                   "others": 0,
                                                   "item": "attempt_not_documented"}
    monkeypatch.setattr(storage, "load_case", lambda *a, **k: pytest.fail("read again"))
    assert caseload_rows(tmp_path) == first


def test_an_index_line_without_a_step_is_read_again(tmp_path):
    make_folder(tmp_path)
    case_index.list_entries(tmp_path, AS_OF)
    path = tmp_path / case_index.INDEX_NAME
    data = json.loads(path.read_text("utf-8"))
    data["files"]["venter.toml"]["step"] = {"date": "nej", "what": "due", "actor": None,
                                            "count": 1, "others": 0}
    path.write_text(json.dumps(data), "utf-8")
    assert caseload_rows(tmp_path) == EXPECTED


def test_on_another_day_the_dates_fall_on_the_other_side(tmp_path):
    make_folder(tmp_path)
    # Before the meeting of 15-11 it is the next date of that case, and not past.
    # Before the meeting of 15-11 the ready case's step is to contact the municipality now;
    # on AS_OF the meeting is past (nothing logged) and it comes first (EXPECTED).
    before = dict((r[0], r) for r in caseload_rows(tmp_path, D(2026, 11, 10)))
    assert before["moede-forbi.toml"][2:] == (None, "contact", "employee")
    assert before["moede-snart.toml"][2:] == ("2026-12-01", "meeting", "all")
    # After 01-12 the waiting case's meeting is past (not logged) and comes first.
    later = caseload_rows(tmp_path, D(2026, 12, 5))
    assert later[0][0] == "moede-forbi.toml" and later[1][0] == "moede-snart.toml"


def test_a_meeting_logged_on_the_planned_day_is_no_longer_the_next_step():
    from fleksjob_tui.case.model import Meeting

    c = ready_case()
    c.follow_up.next_meeting = D(2026, 11, 15)
    assert step_of(c) == NextStep(D(2026, 11, 15), "meeting", "all", 1)
    c.meetings = [Meeting(date=D(2026, 11, 15), participants=["manager"])]
    assert step_of(c).what == "contact"


def test_the_earliest_date_wins_and_items_of_one_day_count_together():
    c = ready_case()
    c.employment.special_terms_start = D(2026, 3, 1)
    c.agreement.attempt_documented = "no"  # both due when the twelve months are reached
    c.measures[0].documented = "no"
    a = assess(c, AS_OF)
    dues = sorted((f.due, f.responsible) for f in a.findings
                  if f.due and f.id != "twelve_months_not_met")
    assert len(dues) >= 2
    step = step_of(c)
    assert step.date == dues[0][0] and step.what == "due" and step.actor == dues[0][1]
    assert step.count == sum(1 for d in dues if d == dues[0])
    # A follow-up meeting before the deadline comes first.
    c.follow_up.next_meeting = D(2026, 12, 3)
    assert step_of(c) == NextStep(D(2026, 12, 3), "meeting", "all", 1)


def test_a_waiting_case_can_go_from_the_six_year_mark_when_it_comes_first():
    c = ready_case()
    c.employment.special_terms_start = D(2026, 6, 1)
    c.person.birth_date = D(1965, 1, 10)  # six years before the pension date: within the wait
    a = assess(c, AS_OF)
    if a.status != "waiting" or a.pension is None or not (
            AS_OF < a.pension.six_year_mark < D(2027, 6, 1)):
        pytest.skip("the rules give no six-year mark inside the wait for this birth date")
    assert step_of(c) == NextStep(a.pension.six_year_mark, "municipality", "employee", 1)


def test_words_say_a_past_date_in_words_in_both_languages():
    step = NextStep(D(2026, 11, 15), "meeting", "all", 1)
    assert step_words(step, AS_OF, "da") == ("15-11-2026", "opfølgningsmøde", "Alle ved mødet",
                                             "OVER DATOEN: 7 dage")
    assert step_words(step, AS_OF, "en")[3] == "PAST THE DATE: 7 days"
    many = NextStep(None, "asap", "manager", 3)
    assert step_words(many, AS_OF, "da") == ("nu", "3 ting mangler nu", "Lederen", "")
    # Who else is waited for: the other people's items of the same day.
    assert step_words(NextStep(None, "asap", "manager", 7, 2), AS_OF, "da")[1] == (
        "7 ting mangler nu (og 2 for andre)")
    assert step_words(NextStep(None, "none", None, 0), AS_OF, "en")[:3] == (
        "—", "nothing to do by a date", "—")


def test_every_what_and_actor_has_words():
    for what in caseload.WHATS:
        for lang in ("da", "en"):
            assert step_words(NextStep(AS_OF, what, "manager", 2), AS_OF, lang)[1]
    for actor in ("employee", "manager", "union_rep", "doctor", "all"):
        assert step_words(NextStep(AS_OF, "due", actor), AS_OF, "en")[2] != "—"


def test_json_round_trip_and_bad_lines():
    step = NextStep(D(2027, 1, 2), "due", "manager", 2, 1, "written_agreement_missing")
    assert NextStep.from_json(step.to_json()) == step
    for bad in (None, {}, {"date": None, "what": "x", "actor": None, "count": 1},
                {"date": None, "what": "due", "actor": None, "count": True, "others": 0},
                {"date": None, "what": "due", "actor": None, "count": 1},
                {"date": None, "what": "due", "actor": None, "count": 1, "others": 0,
                 "item": 3}):
        assert NextStep.from_json(bad) is None


@pytest.mark.parametrize(("count", "what", "words"), [
    (1, "asap", "mangler nu: skriftlig aftale"),
    (3, "asap", "3 ting mangler nu, først: skriftlig aftale"),
    (1, "due", "frist for skriftlig aftale"),
])
def test_the_step_says_what_it_is(count, what, words):
    """A union representative on a Monday morning (issue 25): "Lederen: mangler nu" said who,
    not what; the first item is named."""
    step = NextStep(None, what, "manager", count, 0, "written_agreement_missing")
    assert step_words(step, AS_OF, "da")[1] == words
    assert "written agreement" in step_words(step, AS_OF, "en")[1]


def test_every_finding_has_a_short_name_for_the_caseload():
    from fleksjob_tui import content

    ids = [k for k in content.load("findings") if isinstance(content.load("findings")[k], dict)]
    assert len(ids) > 30
    assert [i for i in ids if not content.has("caseload", f"item.{i}")] == []
