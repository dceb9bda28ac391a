"""The rules engine: assess(case, as_of) against RULES.md, table-driven."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable

import pytest
from case_builders import ready_case, self_employed_case
from hypothesis import given, settings
from hypothesis import strategies as st

from fleksjob_tui import content
from fleksjob_tui.case.model import STEP_IDS, Case, Measure, Meeting
from fleksjob_tui.rules import Assessment, assess, definitions, flexjob_dates, pension_for
from fleksjob_tui.rules.types import RESPONSIBLE_ORDER, SEVERITY_ORDER

D = dt.date
AS_OF = D(2026, 3, 1)
BIRTH = D(1975, 6, 15)  # 70 -> pension 2045-06-15, six-year mark 2039-06-15: the rule applies


def ids(a: Assessment) -> list[str]:
    return [f.id for f in a.findings]


def finding(a: Assessment, fid: str):
    return next(f for f in a.findings if f.id == fid)


# --- the ready case --------------------------------------------------------------------------


def test_ready_case_has_no_findings():
    a = assess(ready_case(), AS_OF)
    assert ids(a) == []
    assert a.status == "ready"
    assert a.twelve_months.applies is True
    assert a.twelve_months.exemption is None
    assert a.twelve_months.met is True
    assert all(state == "complete" for state in a.step_states.values())
    assert list(a.step_states) == list(STEP_IDS)


def test_self_employed_ready_case_has_no_findings():
    a = assess(self_employed_case(), AS_OF)
    assert ids(a) == []
    assert a.status == "ready"
    assert a.twelve_months.exemption == "self_employed"
    assert a.twelve_months.applies is False


# --- each finding: raised by a change to the ready case -----------------------------------------


def _set(path: str, value) -> Callable[[Case], None]:
    table, key = path.split(".")

    def change(c: Case) -> None:
        setattr(getattr(c, table), key, value)

    return change


def _measures(*ms: Measure) -> Callable[[Case], None]:
    def change(c: Case) -> None:
        c.measures = list(ms)

    return change


def _self_employed(**answers) -> Callable[[Case], None]:
    def change(c: Case) -> None:
        c.person.self_employed = True
        c.measures = []
        c.self_employment.main_occupation = "yes"
        c.self_employment.months_30h_last_24 = 18
        c.self_employment.benefit_periods = "no"
        for k, v in answers.items():
            setattr(c.self_employment, k, v)

    return change


RAISED = [
    # (finding id, change to the ready case, expected severity, responsible, step)
    ("birth_date_missing", _set("person.birth_date", None), "missing", "employee", "person"),
    ("birth_date_in_future", _set("person.birth_date", D(2030, 1, 1)), "missing", "employee",
     "person"),
    ("over_pension_age", _set("person.birth_date", D(1955, 7, 1)), "blocker", "employee", "person"),
    ("receives_disability_pension", _set("person.receives_disability_pension", "yes"),
     "blocker", "employee", "person"),
    ("disability_pension_unanswered", _set("person.receives_disability_pension", None),
     "missing", "employee", "person"),
    ("disability_pension_claim_pending", _set("person.disability_pension_claim_pending", "yes"),
     "advice", "municipality", "person"),
    ("capacity_not_reduced", _set("eligibility.capacity_reduced", "no"),
     "blocker", "municipality", "eligibility"),
    ("capacity_unclear", _set("eligibility.capacity_reduced", "unknown"),
     "missing", "municipality", "eligibility"),
    ("relocation_retraining_not_examined",
     _set("eligibility.relocation_retraining_examined", "no"), "missing", "manager", "eligibility"),
    ("no_measures_tried", _measures(), "missing", "manager", "measures"),
    ("measures_undocumented", _measures(Measure(id="changed_rota", status="tried")),
     "missing", "manager", "measures"),
    ("special_terms_start_missing", _set("employment.special_terms_start", None),
     "missing", "manager", "employment"),
    ("twelve_months_not_met", _set("employment.special_terms_start", D(2025, 6, 1)),
     "missing", "manager", "employment"),
    ("written_agreement_missing", _set("agreement.written", "no"),
     "missing", "manager", "checklist"),
    ("difficult_functions_missing", _set("agreement.difficult_functions", []),
     "missing", "manager", "checklist"),
    ("accommodations_missing", _set("agreement.accommodations", []),
     "missing", "manager", "checklist"),
    ("attempt_not_documented", _set("agreement.attempt_documented", "unknown"),
     "missing", "manager", "checklist"),
    ("self_employed_not_main_occupation", _self_employed(main_occupation="no"),
     "blocker", "employee", "self_employment"),
    ("self_employed_main_occupation_unclear", _self_employed(main_occupation="unknown"),
     "missing", "employee", "self_employment"),
    ("self_employed_hours_not_met", _self_employed(months_30h_last_24=11),
     "blocker", "employee", "self_employment"),
    ("self_employed_hours_extension_possible",
     _self_employed(months_30h_last_24=11, benefit_periods="unknown"),
     "missing", "employee", "self_employment"),
    ("agreement_signed_after_start", _set("agreement.signed_on", D(2025, 2, 1)),
     "advice", "manager", "checklist"),
    ("flexjob_start_before_twelve_months", lambda c: (
        setattr(c.employment, "special_terms_start", D(2025, 6, 1)),
        setattr(c.flexjob, "start", D(2026, 5, 1))),
     "missing", "manager", "eligibility"),
    ("medical_documentation_advice", _set("eligibility.medical_documentation", "unknown"),
     "advice", "employee", "eligibility"),
    ("self_employed_hours_missing", _self_employed(months_30h_last_24=None),
     "missing", "employee", "self_employment"),
    ("progressive_disease_note", _set("eligibility.progressive_disease", "yes"),
     "advice", "employee", "eligibility"),
    ("hr_not_contacted", _set("contacts.hr", "no"), "advice", "manager", "checklist"),
    ("home_municipality_not_contacted", _set("contacts.home_municipality", None),
     "advice", "employee", "checklist"),
    ("union_not_involved", _set("contacts.union", "no"), "advice", "employee", "checklist"),
    ("flexjob_start_after_pension_age", _set("flexjob.start", D(2045, 6, 15)),
     "blocker", "employee", "eligibility"),
    ("exemption_to_be_assessed", lambda c: (
        setattr(c.eligibility, "acute_injury", "yes"),
        setattr(c.eligibility, "retention_pointless", "yes")),
     "advice", "municipality", "eligibility"),
    ("self_employed_receives_excluded_benefit", _self_employed(excluded_benefits="yes"),
     "blocker", "employee", "self_employment"),
    ("meeting_date_missing", lambda c: setattr(c, "meetings", [Meeting(agreed="Mindre løft")]),
     "missing", "manager", "meetings"),
    ("meetings_far_apart", lambda c: setattr(c, "meetings", [Meeting(date=D(2025, 2, 1)),
                                                               Meeting(date=D(2025, 6, 2))]),
     "advice", "manager", "meetings"),
    ("date_not_known", lambda c: (setattr(c.employment, "special_terms_start", None),
                                  setattr(c.case, "unknown_dates",
                                          ["employment.special_terms_start"])),
     "missing", "manager", "employment"),
]


@pytest.mark.parametrize(("fid", "change", "severity", "responsible", "step"), RAISED,
                         ids=[r[0] for r in RAISED])
def test_each_finding_is_raised(fid, change, severity, responsible, step):
    c = ready_case()
    assert fid not in ids(assess(c, AS_OF))  # not raised before the change
    change(c)
    a = assess(c, AS_OF)
    assert fid in ids(a)
    f = finding(a, fid)
    assert (f.severity, f.responsible, f.step) == (severity, responsible, step)
    assert f.message and "{" not in f.message  # every placeholder filled
    assert f.reference
    assert a.status == expected_status(f)


def expected_status(f) -> str:
    """RULES.md section 7 for a case with this one open finding."""
    if f.severity == "blocker":
        return "not_eligible"
    if f.severity == "advice" or f.responsible == "municipality":
        return "ready"  # the municipality's part never holds a case back
    if f.id == "twelve_months_not_met":
        return "waiting"
    return "missing"


def test_every_finding_in_rules_md_is_tested_and_defined():
    rules_md_ids = {
        "birth_date_missing", "over_pension_age", "receives_disability_pension",
        "capacity_not_reduced", "capacity_unclear", "relocation_retraining_not_examined",
        "no_measures_tried", "measures_undocumented", "special_terms_start_missing",
        "twelve_months_not_met", "written_agreement_missing", "difficult_functions_missing",
        "accommodations_missing", "attempt_not_documented", "self_employed_not_main_occupation",
        "self_employed_hours_not_met", "progressive_disease_note",
        "home_municipality_not_contacted", "union_not_involved",
        "self_employed_hours_extension_possible", "agreement_signed_after_start",
        "flexjob_start_before_twelve_months", "medical_documentation_advice",
        "exemption_to_be_assessed", "flexjob_start_after_pension_age",
        "self_employed_receives_excluded_benefit", "meeting_date_missing",
    }
    retired = {"jobcenter_not_contacted"}
    added = {
        "disability_pension_unanswered", "disability_pension_claim_pending",
        "self_employed_main_occupation_unclear", "self_employed_hours_missing",
        "hr_not_contacted", "birth_date_in_future", "meetings_far_apart", "date_not_known",
    }
    assert set(definitions()) == rules_md_ids | added | retired
    assert {r[0] for r in RAISED} == rules_md_ids | added
    assert {fid for fid, d in definitions().items() if d.retired} == retired


# --- not raised: the conditions that keep a finding quiet ---------------------------------------

NOT_RAISED = [
    # (finding id, change to the ready case that must NOT raise it)
    ("birth_date_in_future", _set("person.birth_date", AS_OF)),  # born today: not in the future
    ("over_pension_age", _set("person.birth_date", D(1962, 12, 31))),  # pension 2029-12-31
    ("disability_pension_unanswered", _set("person.receives_disability_pension", "yes")),
    ("receives_disability_pension", _set("person.receives_disability_pension", "unknown")),
    ("disability_pension_claim_pending", _set("person.disability_pension_claim_pending", None)),
    ("capacity_unclear", _set("eligibility.capacity_reduced", "no")),
    ("capacity_not_reduced", _set("eligibility.capacity_reduced", "unknown")),
    ("relocation_retraining_not_examined", _set("eligibility.progressive_disease", "yes")),
    ("no_measures_tried", _measures(Measure(id="aids", status="ongoing", documented="yes"))),
    ("measures_undocumented", _measures(
        Measure(id="aids", status="not_tried"), Measure(id="relocation", status="not_relevant"),
        Measure(id="reduced_hours", status="ongoing", documented="yes"))),
    ("twelve_months_not_met", _set("employment.special_terms_start", None)),
    ("special_terms_start_missing", _set("employment.special_terms_start", D(2025, 6, 1))),
    ("difficult_functions_missing", _set("agreement.written", "no")),
    ("self_employed_hours_not_met", _self_employed(months_30h_last_24=12)),
    ("self_employed_hours_missing", _set("self_employment.months_30h_last_24", None)),  # employee
    ("self_employed_not_main_occupation", _set("self_employment.main_occupation", "no")),
    ("self_employed_main_occupation_unclear", _self_employed(main_occupation="yes")),
    ("progressive_disease_note", _set("eligibility.progressive_disease", "unknown")),
]


@pytest.mark.parametrize(("fid", "change"), NOT_RAISED, ids=[r[0] for r in NOT_RAISED])
def test_finding_not_raised(fid, change):
    c = ready_case()
    change(c)
    assert fid not in ids(assess(c, AS_OF))


@pytest.mark.parametrize(
    ("reduced", "assessed", "expected"),
    [
        ("yes", "yes", []),
        ("yes", "no", ["capacity_unclear"]),
        ("yes", "unknown", ["capacity_unclear"]),
        ("yes", None, ["capacity_unclear"]),
        ("unknown", "yes", ["capacity_unclear"]),
        (None, "yes", ["capacity_unclear"]),
        (None, None, ["capacity_unclear"]),
        ("no", "yes", ["capacity_not_reduced"]),
        ("no", None, ["capacity_not_reduced"]),
    ],
)
def test_capacity_answers(reduced, assessed, expected):
    c = ready_case()
    c.eligibility.capacity_reduced = reduced
    c.eligibility.capacity_assessed = assessed
    got = [i for i in ids(assess(c, AS_OF)) if i.startswith("capacity_")]
    assert got == expected


@pytest.mark.parametrize("answer", ["no", "unknown", None])
def test_contact_advice_when_answer_is_not_yes(answer):
    c = ready_case()
    c.contacts.hr = c.contacts.home_municipality = c.contacts.jobcenter = c.contacts.union = answer
    a = assess(c, AS_OF)
    assert ids(a) == [
        "hr_not_contacted", "home_municipality_not_contacted", "union_not_involved",
    ]
    assert a.status == "ready"  # advice does not count
    assert a.step_state("checklist") == "complete"


def test_self_employed_gets_no_workplace_contact_advice():
    c = self_employed_case()
    c.contacts.hr = c.contacts.home_municipality = c.contacts.jobcenter = c.contacts.union = None
    # Only the home municipality (the one contact question, lov nr. 1750/2025).
    assert ids(assess(c, AS_OF)) == ["home_municipality_not_contacted"]


def test_self_employed_never_gets_no_measures_tried_or_progressive_note():
    c = self_employed_case()
    c.eligibility.progressive_disease = "yes"
    a = assess(c, AS_OF)
    assert "no_measures_tried" not in ids(a)
    assert "progressive_disease_note" not in ids(a)
    assert a.twelve_months.exemption == "self_employed"


def test_self_employed_both_blockers():
    c = self_employed_case()
    c.self_employment.main_occupation = "no"
    c.self_employment.months_30h_last_24 = 0
    a = assess(c, AS_OF)
    assert ids(a) == ["self_employed_not_main_occupation", "self_employed_hours_not_met"]
    assert a.status == "not_eligible"
    assert a.step_state("self_employment") == "blocker"
    assert "0 af de seneste 24" in finding(a, "self_employed_hours_not_met").message


def test_blank_agreement_lines_do_not_count():
    c = ready_case()
    c.agreement.difficult_functions = ["", "   "]
    c.agreement.accommodations = [" "]
    got = ids(assess(c, AS_OF))
    assert "difficult_functions_missing" in got and "accommodations_missing" in got


# --- the 12-month rule (LAB § 119) ----------------------------------------------------------

SECTION_119 = {
    "special_terms_start_missing", "twelve_months_not_met", "written_agreement_missing",
    "difficult_functions_missing", "accommodations_missing", "attempt_not_documented",
}
#: What the § 119 findings are for a case with no start date and an empty agreement.
EMPTY_119 = SECTION_119 - {"twelve_months_not_met"}


def empty_agreement_case() -> Case:
    c = ready_case()
    c.employment.special_terms_start = None
    c.agreement.written = None
    c.agreement.difficult_functions = []
    c.agreement.accommodations = []
    c.agreement.attempt_documented = None
    return c


@pytest.mark.parametrize(
    ("start", "as_of", "met_on", "met"),
    [
        (D(2025, 3, 1), D(2026, 2, 28), D(2026, 3, 1), False),  # one day short
        (D(2025, 3, 1), D(2026, 3, 1), D(2026, 3, 1), True),  # on the day
        (D(2025, 3, 1), D(2026, 3, 2), D(2026, 3, 1), True),
        (D(2024, 2, 29), D(2025, 2, 27), D(2025, 2, 28), False),  # 29 Feb + 12 months = 28 Feb
        (D(2024, 2, 29), D(2025, 2, 28), D(2025, 2, 28), True),
        (D(2025, 1, 31), D(2026, 1, 30), D(2026, 1, 31), False),
        (D(2026, 3, 1), D(2026, 3, 1), D(2027, 3, 1), False),  # started today
    ],
)
def test_twelve_month_boundary(start, as_of, met_on, met):
    c = ready_case()
    c.employment.special_terms_start = start
    a = assess(c, as_of)
    assert a.twelve_months.start == start
    assert a.twelve_months.met_on == met_on
    assert a.twelve_months.met is met
    assert ("twelve_months_not_met" in ids(a)) is (not met)
    assert a.step_state("employment") == ("complete" if met else "waiting")
    assert a.status == ("ready" if met else "waiting")


def test_twelve_months_not_met_message_gives_met_on_in_each_language():
    c = ready_case()
    c.employment.special_terms_start = D(2025, 6, 1)
    assert "01-06-2026" in finding(assess(c, AS_OF), "twelve_months_not_met").message
    c.case.language = "en"
    msg = finding(assess(c, AS_OF), "twelve_months_not_met").message
    assert "2026-06-01" in msg and msg.startswith("The employee")
    # Only time is needed: the message says there is nothing to correct (issue 10).
    assert "nothing to correct" in msg


def test_no_start_date_gives_met_none():
    c = ready_case()
    c.employment.special_terms_start = None
    tm = assess(c, AS_OF).twelve_months
    assert (tm.start, tm.met_on, tm.met) == (None, None, None)


# Born 1966-05-10: pension age 68 -> 2034-05-10; six-year mark 2028-05-10.
SENIOR_BIRTH = D(1966, 5, 10)


@pytest.mark.parametrize(
    ("as_of", "applies", "exemption"),
    [
        (D(2028, 5, 9), True, None),  # a day more than six years left: the rule applies
        (D(2028, 5, 10), False, "senior"),  # exactly six years left: exempt
        (D(2030, 1, 1), False, "senior"),
        (D(2020, 1, 1), True, None),
    ],
)
def test_six_year_boundary(as_of, applies, exemption):
    c = empty_agreement_case()
    c.person.birth_date = SENIOR_BIRTH
    a = assess(c, as_of)
    assert pension_for(SENIOR_BIRTH).six_year_mark == D(2028, 5, 10)
    assert a.twelve_months.applies is applies
    assert a.twelve_months.exemption == exemption
    assert bool(SECTION_119 & set(ids(a))) is applies
    if applies:
        assert EMPTY_119 <= set(ids(a))


def test_no_birth_date_treats_rule_as_applying():
    c = empty_agreement_case()
    c.person.birth_date = None
    a = assess(c, AS_OF)
    assert a.pension is None
    assert a.twelve_months.applies is True
    assert a.twelve_months.exemption is None
    assert EMPTY_119 <= set(ids(a))
    assert "birth_date_missing" in ids(a)


@pytest.mark.parametrize(
    ("answers", "exemption"),
    [
        ({"eligibility.acute_injury": "yes", "eligibility.retention_pointless": "yes"},
         "acute_injury"),
        ({"eligibility.progressive_disease": "yes", "eligibility.retention_pointless": "yes"},
         "progressive_disease"),
        # a progressive illness alone is no exemption (RULES.md section 2)
        ({"eligibility.progressive_disease": "yes"}, None),
        ({"eligibility.progressive_disease": "yes", "eligibility.retention_pointless": "no"},
         None),
        ({"eligibility.progressive_disease": "yes",
          "eligibility.retention_pointless": "unknown"}, None),
        ({"person.birth_date": SENIOR_BIRTH}, "senior"),
        ({"person.self_employed": True}, "self_employed"),
        # precedence: self_employed, senior, acute_injury, progressive_disease
        ({"person.self_employed": True, "person.birth_date": SENIOR_BIRTH}, "self_employed"),
        ({"person.birth_date": SENIOR_BIRTH, "eligibility.acute_injury": "yes",
          "eligibility.retention_pointless": "yes"}, "senior"),
        ({"eligibility.acute_injury": "yes", "eligibility.retention_pointless": "yes",
          "eligibility.progressive_disease": "yes"}, "acute_injury"),
        # § 119 stk. 3 needs BOTH an acute injury and retention being obviously pointless
        ({"eligibility.acute_injury": "yes", "eligibility.retention_pointless": "no"}, None),
        ({"eligibility.acute_injury": "yes", "eligibility.retention_pointless": "unknown"}, None),
        ({"eligibility.acute_injury": "no", "eligibility.retention_pointless": "yes"}, None),
        ({"eligibility.progressive_disease": "unknown"}, None),
        ({"person.self_employed": None}, None),
    ],
)
def test_exemptions(answers, exemption):
    c = empty_agreement_case()
    for path, value in answers.items():
        _set(path, value)(c)
    as_of = D(2029, 1, 1)  # senior for SENIOR_BIRTH, not for BIRTH
    a = assess(c, as_of)
    assert a.twelve_months.exemption == exemption
    assert a.twelve_months.applies is (exemption is None)
    found = set(ids(a))
    if exemption is None:
        assert EMPTY_119 <= found
    else:
        assert not SECTION_119 & found


@pytest.mark.parametrize(
    ("answers", "waived"),
    [
        ({"eligibility.acute_injury": "yes", "eligibility.retention_pointless": "yes"}, True),
        ({"eligibility.progressive_disease": "yes", "eligibility.retention_pointless": "yes"},
         True),
        ({"eligibility.progressive_disease": "yes"}, False),
        ({"person.birth_date": SENIOR_BIRTH}, False),  # senior does not waive § 116 stk. 3
        # the waiver holds whatever the precedence: senior first, acute injury also holds
        ({"person.birth_date": SENIOR_BIRTH, "eligibility.acute_injury": "yes",
          "eligibility.retention_pointless": "yes"}, True),
        ({"eligibility.acute_injury": "yes"}, False),
    ],
)
def test_measure_findings_waived_only_by_acute_injury_or_progressive_disease(answers, waived):
    c = ready_case()
    c.measures = []
    c.eligibility.relocation_retraining_examined = "unknown"
    for path, value in answers.items():
        _set(path, value)(c)
    found = set(ids(assess(c, D(2029, 1, 1))))
    assert ("relocation_retraining_not_examined" in found) is not waived
    assert ("no_measures_tried" in found) is not waived


def test_progressive_disease_note_with_the_exemption():
    c = ready_case()
    c.eligibility.progressive_disease = "yes"
    c.eligibility.retention_pointless = "yes"
    a = assess(c, AS_OF)
    assert a.twelve_months.exemption == "progressive_disease"
    f = finding(a, "progressive_disease_note")
    assert "vejledning" in f.message and "§ 119" in f.message
    assert "kommunens konkrete vurdering" in f.message
    assert a.status == "ready"


def test_progressive_disease_note_even_when_another_exemption_comes_first():
    c = ready_case()
    c.person.birth_date = SENIOR_BIRTH
    c.eligibility.progressive_disease = "yes"
    a = assess(c, D(2029, 1, 1))
    assert a.twelve_months.exemption == "senior"
    assert "progressive_disease_note" in ids(a)


# --- pension-related blockers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "over"),
    [
        (D(2029, 12, 30), False),  # born 1962-12-31: pension 2029-12-31
        (D(2029, 12, 31), True),  # on the pension date
        (D(2031, 1, 1), True),
    ],
)
def test_over_pension_age_boundary(as_of, over):
    c = ready_case()
    c.person.birth_date = D(1962, 12, 31)
    a = assess(c, as_of)
    assert ("over_pension_age" in ids(a)) is over
    assert a.twelve_months.exemption == "senior"
    if over:
        assert a.status == "not_eligible"
        assert "31-12-2029" in finding(a, "over_pension_age").message


def test_pension_in_assessment():
    a = assess(ready_case(), AS_OF)
    assert a.pension == pension_for(BIRTH)
    assert a.pension.date == D(2045, 6, 15)


# --- measures -------------------------------------------------------------------------------


def test_measures_undocumented_names_the_measures_by_title():
    c = ready_case()
    c.measures = [
        Measure(id="changed_rota", status="tried", documented="no"),
        Measure(id="aids", status="ongoing", documented="yes"),
        Measure(id="other", title="Hjemmearbejde to dage om ugen", status="ongoing"),
        Measure(id="reduced_hours", status="not_tried"),
    ]
    a = assess(c, AS_OF)
    msg = finding(a, "measures_undocumented").message
    rota = content.text("measures", "changed_rota.title", "da")
    assert rota != "changed_rota"
    assert rota in msg
    assert "Hjemmearbejde to dage om ugen" in msg
    assert content.text("measures", "aids.title", "da") not in msg
    assert content.text("measures", "reduced_hours.title", "da") not in msg
    assert "no_measures_tried" not in ids(a)
    c.case.language = "en"
    msg_en = finding(assess(c, AS_OF), "measures_undocumented").message
    assert content.text("measures", "changed_rota.title", "en") in msg_en


@pytest.mark.parametrize(
    ("status", "tried"),
    [("tried", True), ("ongoing", True), ("not_tried", False), ("not_relevant", False),
     (None, False)],
)
def test_which_measure_statuses_count_as_tried(status, tried):
    c = ready_case()
    c.measures = [Measure(id="changed_tasks", status=status, documented="yes")]
    assert ("no_measures_tried" in ids(assess(c, AS_OF))) is (not tried)


# --- status, order, step states -------------------------------------------------------------


def test_status_blocker_beats_missing_and_findings_are_ordered():
    c = empty_agreement_case()
    c.eligibility.capacity_reduced = "no"
    c.contacts.union = "no"
    c.person.receives_disability_pension = "yes"
    a = assess(c, AS_OF)
    assert a.status == "not_eligible"
    severities = [f.severity for f in a.findings]
    assert severities == sorted(severities, key=SEVERITY_ORDER.index)
    assert ids(a)[:2] == ["receives_disability_pension", "capacity_not_reduced"]
    assert ids(a)[-1] == "union_not_involved"
    assert [f.id for f in a.by_severity("blocker")] == ids(a)[:2]


def test_step_states():
    c = ready_case()
    c.eligibility.capacity_reduced = "no"  # blocker in eligibility
    c.eligibility.relocation_retraining_examined = "no"  # missing in eligibility too
    c.agreement.written = "no"  # missing in checklist
    c.contacts.union = "no"  # advice only
    c.person.disability_pension_claim_pending = "yes"  # advice in person
    a = assess(c, AS_OF)
    assert a.step_states == {
        "person": "complete",
        "employment": "complete",
        "checklist": "missing",
        "measures": "complete",
        "eligibility": "blocker",
        "self_employment": "complete",
        "meetings": "complete",
        "economy": "complete",
        "summary": "complete",
    }
    assert a.step_state("eligibility") == "blocker"


def test_findings_grouped_by_responsible():
    c = empty_agreement_case()
    c.eligibility.capacity_assessed = "no"
    c.contacts.union = "no"
    groups = assess(c, AS_OF).by_responsible()
    assert list(groups) == [w for w in RESPONSIBLE_ORDER if w in groups]
    assert [f.id for f in groups["municipality"]] == ["capacity_unclear"]
    assert [f.id for f in groups["employee"]] == ["union_not_involved"]
    assert "written_agreement_missing" in [f.id for f in groups["manager"]]


# --- duration and age 40 (LAB §§ 120-121) ---------------------------------------------------


@pytest.mark.parametrize(
    ("start", "follow_up", "status", "end"),
    [
        (D(2026, 4, 1), D(2028, 10, 1), D(2030, 10, 1), D(2031, 4, 1)),
        (D(2024, 8, 31), D(2027, 2, 28), D(2029, 2, 28), D(2029, 8, 31)),
        (D(2024, 2, 29), D(2026, 8, 29), D(2028, 8, 29), D(2029, 2, 28)),
    ],
)
def test_flexjob_dates(start, follow_up, status, end):
    c = ready_case()
    c.flexjob.start = start
    fj = assess(c, AS_OF).flexjob
    assert (fj.start, fj.follow_up, fj.status, fj.end) == (start, follow_up, status, end)
    assert fj == flexjob_dates(start)


def test_no_flexjob_start_no_dates():
    assert assess(ready_case(), AS_OF).flexjob is None


@pytest.mark.parametrize(
    ("birth", "as_of", "turns_40"),
    [
        (D(1990, 2, 28), AS_OF, D(2030, 2, 28)),
        (D(1988, 2, 29), AS_OF, D(2028, 2, 29)),
        (D(1987, 2, 28), D(2027, 2, 27), D(2027, 2, 28)),  # the day before the 40th birthday
        (D(1987, 2, 28), D(2027, 2, 28), None),  # 40 today: not under 40
        (D(1975, 6, 15), AS_OF, None),
        (None, AS_OF, None),
    ],
)
def test_turns_40(birth, as_of, turns_40):
    c = ready_case()
    c.person.birth_date = birth
    assert assess(c, as_of).turns_40 == turns_40


# --- language and role ------------------------------------------------------------------------


def test_language_and_role_pick_the_wording():
    c = ready_case(role="manager", language="da")
    c.agreement.written = "no"
    da = finding(assess(c, AS_OF), "written_agreement_missing").message
    assert da == ("Der mangler en skriftlig aftale om ansættelsen på særlige vilkår. Aftalen skal "
                  "nævne de funktioner, medarbejderen har svært ved eller ikke kan udføre, og de "
                  "skånehensyn, der er aftalt. Det haster: aftalen viser, hvornår de 12 måneder "
                  "startede, og kommunen kan regne dem fra den dag, aftalen underskrives.")
    c.case.role = "employee"
    du = finding(assess(c, AS_OF), "written_agreement_missing").message
    assert "du har svært ved" in du and "medarbejderen" not in du
    c.case.language = "en"
    assert finding(assess(c, AS_OF), "written_agreement_missing").message.startswith(
        "A written agreement on your employment")
    c.case.role = "union_rep"
    en = finding(assess(c, AS_OF), "written_agreement_missing").message
    assert "the employee finds difficult" in en
    assert assess(c, AS_OF).language == "en"


def test_a_danish_case_assessed_in_english_for_the_wizard():
    """`fleksjob --lang en` on a case written in Danish: the wizard's findings are English,
    references with words too; the case itself keeps its language."""
    c = ready_case()
    c.case.language = "da"
    c.agreement.accommodations = []
    c.contacts.home_municipality = "no"
    a = assess(c, AS_OF, "en")
    assert a.language == "en" and c.case.language == "da"
    f = finding(a, "accommodations_missing")
    assert "accommodation" in f.message.lower() and "skånehensyn" not in f.message
    f = finding(a, "home_municipality_not_contacted")
    # General sources for an employer other than Københavns Kommune (issue 21).
    assert f.reference == "The union's guidance (contact the municipality early); LAB § 118"
    da = assess(c, AS_OF)
    assert da.language == "da"
    assert finding(da, "home_municipality_not_contacted").reference.startswith(
        "Fagforeningens vejledning")


def test_case_without_role_or_language_uses_danish_employee_wording():
    c = ready_case()
    c.case.role = None
    c.case.language = None
    c.person.birth_date = None
    a = assess(c, AS_OF)
    assert a.language == "da"
    assert finding(a, "birth_date_missing").message.startswith("Din fødselsdato mangler")


# --- findings.toml --------------------------------------------------------------------------


def test_findings_toml_is_complete_and_never_says_eligible():
    raw = content.load("findings")
    for fid, d in raw.items():
        assert d["severity"] in SEVERITY_ORDER, fid
        assert d["responsible"] in RESPONSIBLE_ORDER, fid
        assert d["responsible"] != "doctor", fid  # a person asks the doctor (RULES.md §7)
        assert d["step"] in STEP_IDS, fid
        ref = d["reference"]
        if isinstance(ref, dict):  # a reference with words is translated; its citations are not
            assert set(ref) == {"da", "en"} and ref["da"].strip() and ref["en"].strip(), fid
            for cite in ("LAB §", "§ 119, stk. 3", "Kom godt i gang"):
                assert (cite in ref["da"]) == (cite in ref["en"]), (fid, cite)
        else:
            assert ref.strip(), fid
        assert d["message"]["da"].strip() and d["message"]["en"].strip(), fid
        for variant, text in d["message"].items():
            assert variant in ("da", "en", "da_du", "en_you", "da_manager", "en_manager",
                               "da_union_rep", "en_union_rep"), (fid, variant)
            low = text.lower()
            assert "berettig" not in low and "eligible" not in low, (fid, variant)
            # the same placeholders in every variant
            assert sorted(_placeholders(text)) == sorted(_placeholders(d["message"]["da"])), fid


def _placeholders(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


# --- purity, JSON, no Textual -----------------------------------------------------------------


def test_assess_is_pure():
    c = empty_agreement_case()
    before = c.model_dump()
    first = assess(c, AS_OF)
    assert c.model_dump() == before
    assert assess(c, AS_OF) == first


def test_assess_accepts_a_datetime():
    a = assess(ready_case(), dt.datetime(2026, 3, 1, 15, 30))
    assert a.as_of == AS_OF


def test_json_shape():
    c = ready_case()
    c.person.birth_date = D(1990, 2, 28)
    c.employment.special_terms_start = D(2025, 6, 1)
    c.flexjob.start = D(2026, 4, 1)
    a = assess(c, AS_OF)
    data = json.loads(json.dumps(a.to_json()))
    assert list(data) == [
        "schema", "as_of", "status", "pension", "twelve_months", "findings", "turns_40", "flexjob",
        "counts", "law",
    ]
    assert data["schema"] == 1
    assert data["as_of"] == "2026-03-01"
    assert data["status"] == "missing"  # the flex job starts before the twelve months
    assert data["pension"] == {
        "years": 70, "months": 0, "date": "2060-02-28", "six_year_mark": "2054-02-28",
    }
    assert data["twelve_months"] == {
        "applies": True, "exemption": None, "start": "2025-06-01", "met_on": "2026-06-01",
        "met": False,
    }
    assert data["findings"] == [{
        "id": "twelve_months_not_met",
        "severity": "missing",
        "responsible": "manager",
        "group": "waiting",
        "message": finding(a, "twelve_months_not_met").message,
        "reference": "LAB § 119, stk. 1",
        "due": "2026-06-01",
    }, {
        "id": "flexjob_start_before_twelve_months",
        "severity": "missing",
        "responsible": "manager",
        "group": "act",
        "message": finding(a, "flexjob_start_before_twelve_months").message,
        "reference": 'LAB § 119, stk. 1 ("forinden")',
        "due": None,
    }]
    assert data["turns_40"] == "2030-02-28"
    assert data["flexjob"] == {
        "start": "2026-04-01", "follow_up": "2028-10-01", "status": "2030-10-01",
        "end": "2031-04-01", "ends_at_pension": False,
    }


def test_rules_package_does_not_import_textual():
    code = (
        "import sys, fleksjob_tui.rules; "
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- properties over random cases ---------------------------------------------------------------

ANSWER = st.sampled_from(["yes", "no", "unknown", None])


@st.composite
def cases(draw) -> Case:
    c = Case.new(role=draw(st.sampled_from(["employee", "manager", "union_rep", None])),
                 language=draw(st.sampled_from(["da", "en"])))
    c.person.birth_date = draw(st.none() | st.dates(D(1945, 1, 1), D(2005, 12, 31)))
    c.person.self_employed = draw(st.sampled_from([True, False, None]))
    c.person.receives_disability_pension = draw(ANSWER)
    c.person.disability_pension_claim_pending = draw(ANSWER)
    c.employment.special_terms_start = draw(st.none() | st.dates(D(2015, 1, 1), D(2027, 1, 1)))
    c.agreement.written = draw(ANSWER)
    c.agreement.difficult_functions = draw(st.lists(st.sampled_from(["", "løft"]), max_size=2))
    c.agreement.accommodations = draw(st.lists(st.sampled_from(["", "pauser"]), max_size=2))
    c.agreement.attempt_documented = draw(ANSWER)
    for key in ("capacity_reduced", "capacity_assessed", "relocation_retraining_examined",
                "acute_injury", "retention_pointless", "progressive_disease",
                "medical_documentation"):
        setattr(c.eligibility, key, draw(ANSWER))
    c.self_employment.main_occupation = draw(ANSWER)
    c.self_employment.months_30h_last_24 = draw(st.none() | st.integers(0, 24))
    c.self_employment.benefit_periods = draw(ANSWER)
    for key in ("hr", "home_municipality", "jobcenter", "union"):
        setattr(c.contacts, key, draw(ANSWER))
    c.measures = [
        Measure(id=draw(st.sampled_from(["changed_rota", "aids", "relocation"])),
                status=draw(st.sampled_from(["tried", "ongoing", "not_tried", None])),
                documented=draw(ANSWER))
        for _ in range(draw(st.integers(0, 3)))
    ]
    c.flexjob.start = draw(st.none() | st.dates(D(2020, 1, 1), D(2030, 1, 1)))
    return c


@settings(max_examples=300, deadline=None)
@given(cases(), st.dates(D(2020, 1, 1), D(2035, 12, 31)))
def test_assessment_invariants(case, as_of):
    a = assess(case, as_of)
    sev = [f.severity for f in a.findings]
    assert sev == sorted(sev, key=SEVERITY_ORDER.index)
    assert len(set(ids(a))) == len(a.findings)
    people = {"employee", "manager", "union_rep", "doctor"}

    def kind(f) -> str:
        if f.severity != "missing":
            return f.severity
        if f.id == "twelve_months_not_met":
            return "waiting"
        return "municipality" if f.responsible == "municipality" else "missing"

    kinds = {kind(f) for f in a.findings}
    if "blocker" in kinds:
        assert a.status == "not_eligible"
    elif "missing" in kinds:
        assert a.status == "missing"
        assert any(f.responsible in people for f in a.findings if kind(f) == "missing")
    elif "waiting" in kinds:
        assert a.status == "waiting"
    else:
        assert a.status == "ready"
    for step in STEP_IDS:
        here = {kind(f) for f in a.findings if f.step == step}
        expected = next((k for k in ("blocker", "missing", "waiting", "municipality")
                         if k in here), "complete")
        assert a.step_states[step] == expected
    # Due dates: only the section-2 documentation and measures, on met_on, while it runs.
    tm = a.twelve_months
    for f in a.findings:
        if f.due is not None:
            assert tm.applies and tm.met_on is not None and as_of < tm.met_on
            assert f.due == tm.met_on
    tm = a.twelve_months
    assert tm.applies is (tm.exemption is None)
    assert bool(SECTION_119 & set(ids(a))) <= tm.applies
    if case.person.self_employed is True:
        assert tm.exemption == "self_employed"
    for f in a.findings:
        assert "{" not in f.message and f.message
    json.dumps(a.to_json())


def test_a_birth_date_in_the_future_gives_no_pension_dates():
    """A hand-edited file with a birth date after today: no state pension in 2100 and no
    12-month verdict from it — only the finding that asks to correct it."""
    c = ready_case()
    c.person.birth_date = D(2030, 1, 1)
    a = assess(c, AS_OF)
    assert a.pension is None
    assert "birth_date_missing" not in ids(a) and "over_pension_age" not in ids(a)
    assert "01-01-2030" in finding(a, "birth_date_in_future").message
