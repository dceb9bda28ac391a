"""Cases the rules tests build on (tests/unit/test_rules.py, tests/tui/test_law.py)."""

from __future__ import annotations

import datetime as dt

from fleksjob_tui.case.model import Case, Measure

D = dt.date
BIRTH = D(1975, 6, 15)  # 70 -> pension 2045-06-15, six-year mark 2039-06-15: the rule applies


def ready_case(role: str = "manager", language: str = "da") -> Case:
    """A case where everything RULES.md asks for is in place (special terms from 01-01-2025, so
    the twelve months are reached on 01-01-2026): no findings at all."""
    c = Case.new(role=role, language=language, title="Test")
    c.person.birth_date = BIRTH
    c.person.self_employed = False
    c.person.receives_disability_pension = "no"
    c.person.disability_pension_claim_pending = "no"
    c.employment.special_terms_start = D(2025, 1, 1)
    c.agreement.written = "yes"
    c.agreement.difficult_functions = ["Tunge løft"]
    c.agreement.accommodations = ["Ingen nattevagter"]
    c.agreement.attempt_documented = "yes"
    c.eligibility.capacity_reduced = "yes"
    c.eligibility.capacity_assessed = "yes"
    c.eligibility.medical_documentation = "yes"
    c.eligibility.relocation_retraining_examined = "yes"
    c.eligibility.acute_injury = "no"
    c.eligibility.retention_pointless = "no"
    c.eligibility.progressive_disease = "no"
    c.contacts.hr = "yes"
    c.contacts.home_municipality = "yes"
    c.contacts.union = "yes"
    c.measures = [Measure(id="changed_rota", status="tried", result="partly", documented="yes")]
    return c


def self_employed_case() -> Case:
    """A self-employed person with everything in place (§ 126, BEK 1794/2025 § 1)."""
    c = ready_case(role="employee")
    c.person.self_employed = True
    c.self_employment.main_occupation = "yes"
    c.self_employment.months_30h_last_24 = 18
    c.self_employment.benefit_periods = "no"
    c.measures = []
    return c
