"""Issue 24: a date answered "ved ikke" / "?" is recorded as not known, and the plan says who
can find it and by when (RULES.md section 7: every finding has an owner, a due date, a reason)."""

from __future__ import annotations

import datetime as dt

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case
from fleksjob_tui.rules import assess
from fleksjob_tui.view.words import due_text

AS_OF = dt.date(2026, 3, 1)


def _case(*unknown: str) -> Case:
    case = Case.new(role="union_rep", title="T")
    case.case.unknown_dates = list(unknown)
    return case


def test_an_unknown_start_names_the_manager_and_a_date():
    a = assess(_case("employment.special_terms_start"), AS_OF)
    ids = [f.id for f in a.findings]
    assert "special_terms_start_missing" not in ids  # one act, once: the not-known one
    (f,) = [f for f in a.findings if f.id == "date_not_known"]
    assert f.responsible == "manager" and f.step == "employment"
    assert "ikke kendt" in f.message and "HR" in f.message, f.message
    # No meeting planned: as soon as possible, with the reason — never a date counted from today,
    # which would move every day and never be passed (found in a new user's trial).
    assert f.due is None
    assert due_text(f, "da").startswith("så hurtigt som muligt: ")
    later = [g for g in assess(_case("employment.special_terms_start"), AS_OF
                               + dt.timedelta(days=30)).findings if g.id == "date_not_known"]
    assert later[0].due is None


def test_the_next_meeting_is_the_date_to_find_it_by():
    case = _case("employment.special_terms_start", "person.birth_date")
    case.follow_up.next_meeting = dt.date(2026, 3, 9)
    a = assess(case, AS_OF)
    found = {f.responsible: f for f in a.findings if f.id == "date_not_known"}
    assert set(found) == {"manager", "employee"}
    assert all(f.due == dt.date(2026, 3, 9) for f in found.values())
    assert "birth_date_missing" not in [f.id for f in a.findings]


def test_a_date_given_later_clears_it():
    case = _case("employment.special_terms_start")
    case.employment.special_terms_start = dt.date(2025, 1, 1)
    assert "date_not_known" not in [f.id for f in assess(case, AS_OF).findings]


def test_it_is_saved_with_the_case(tmp_path):
    path = tmp_path / "sag.toml"
    storage.save_case(_case("agreement.signed_on"), path)
    assert storage.load_case(path).case.unknown_dates == ["agreement.signed_on"]
    a = assess(storage.load_case(path), AS_OF, "en")
    (f,) = [f for f in a.findings if f.id == "date_not_known"]
    assert f.responsible == "manager" and "not known" in f.message


def test_the_dates_say_not_known_rather_than_missing():
    from fleksjob_tui.plain.summary import plain_summary

    case = _case("person.birth_date")
    said = plain_summary(case, assess(case, AS_OF), "da")
    assert "Fødselsdato ikke kendt" in said and "Fødselsdato mangler" not in said


def test_the_six_year_mark_without_a_start_does_not_speak_of_the_12_months_passing():
    """Without a start the 12 months have no date: the six-year row must not say "that day
    comes before the 12 months have passed" beside "the 12 months cannot be worked out" (found
    in a new user's trial)."""
    from fleksjob_tui.view.words import date_rows

    case = _case("employment.special_terms_start")
    case.person.birth_date = dt.date(1965, 1, 1)  # six years before pension: 01-01-2027
    a = assess(case, AS_OF)
    rows = dict(date_rows(a, "da"))
    six = next(v for k, v in rows.items() if k.startswith("6 år"))
    assert "kommer før de 12 måneder er gået" not in six
    assert "mindre end 12 måneder" in six


def test_a_next_meeting_not_known_is_advice_and_keeps_a_ready_case_ready():
    """The next follow-up meeting is practice, not law: "ved ikke" there gives advice (who
    agrees the date), and a case that is ready without the date stays ready (found by a
    tester: it turned KLAR into MANGLER)."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "examples" / "klar.toml"
    case = storage.load_case(path)
    case.follow_up.next_meeting = None
    as_of = dt.date(2026, 11, 22)
    before = assess(case, as_of).status
    case.case.unknown_dates = ["follow_up.next_meeting"]
    a = assess(case, as_of)
    (f,) = [f for f in a.findings if f.id == "date_not_known"]
    assert f.severity == "advice" and f.responsible == "manager"
    assert a.status == before == "ready"
