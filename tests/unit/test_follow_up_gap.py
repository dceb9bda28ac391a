"""Issue 23: an advice when more than four months pass between logged follow-up meetings while
the twelve months run — practice, not law, and the finding says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from case_builders import ready_case

from fleksjob_tui.case.model import Meeting
from fleksjob_tui.case.storage import load_case
from fleksjob_tui.rules import assess
from fleksjob_tui.rules.follow_up import follow_up_gap

D = dt.date
AS_OF = D(2026, 11, 22)
START, MET = D(2025, 1, 1), D(2026, 1, 1)


def gap(*days: dt.date, as_of: dt.date = AS_OF):
    return follow_up_gap(days, START, MET, as_of)


def test_more_than_four_months_between_two_meetings_is_a_gap():
    assert gap(D(2025, 1, 10), D(2025, 5, 11)) == (D(2025, 1, 10), D(2025, 5, 11))
    assert gap(D(2025, 1, 10), D(2025, 5, 10)) is None  # four months exactly: no gap
    # The first gap, in date order, whatever the order of the meetings in the file.
    assert gap(D(2025, 11, 1), D(2025, 1, 10), D(2025, 5, 1), D(2025, 6, 1)) == \
        (D(2025, 6, 1), D(2025, 11, 1))


def test_only_while_the_twelve_months_run_and_only_meetings_held():
    assert gap(D(2026, 2, 1), D(2026, 10, 1)) is None  # both after the twelve months
    assert gap(D(2024, 1, 1), D(2024, 12, 1)) is None  # both before they began
    assert gap(D(2025, 11, 1), D(2026, 9, 1)) == (D(2025, 11, 1), D(2026, 9, 1))  # overlaps
    assert gap(D(2025, 2, 1), D(2025, 9, 1), as_of=D(2025, 8, 1)) is None  # one still planned
    assert gap(D(2025, 2, 1)) is None and gap() is None  # a single meeting: nothing between
    assert follow_up_gap([D(2025, 1, 1), D(2025, 9, 1)], None, None, AS_OF) is None


def test_the_advice_names_the_dates_and_says_it_is_practice_not_law():
    case = ready_case()
    case.meetings = [Meeting(date=D(2025, 1, 5)), Meeting(date=D(2025, 3, 1)),
                     Meeting(date=D(2025, 9, 1))]
    a = assess(case, AS_OF)
    (f,) = [f for f in a.findings if f.id == "meetings_far_apart"]
    assert "01-03-2025" in f.message and "01-09-2025" in f.message
    assert "ikke et lovkrav" in f.message and "Praksis, ikke lovkrav" in f.reference
    assert "--document minutes" in f.message
    assert a.status == "ready"  # an advice never holds the case back
    en = [f for f in assess(case, AS_OF, "en").findings if f.id == "meetings_far_apart"][0]
    assert "practice, not law" in en.message and "Practice, not law" in en.reference
    for word in ("berettiget", "eligible"):
        assert word not in f.message + en.message


def test_the_ready_example_gets_the_advice_and_stays_ready():
    """klar: meetings on 01-06-2025 and 08-09-2026, the twelve months in between."""
    klar = load_case(Path(__file__).resolve().parents[2] / "examples" / "klar.toml")
    a = assess(klar, AS_OF)
    assert [f.id for f in a.findings] == ["meetings_far_apart"] and a.status == "ready"
