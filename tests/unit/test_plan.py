"""The plan: who does what, by when (issue 21; RULES.md sections 2-7 as changed on 2026-12-06).

Every finding has a ``group`` that every output counts alike; the JSON names the law; the law
changes into 2027; the dates that help; one act, one owner, once.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from case_builders import ready_case

from fleksjob_tui.case import examples
from fleksjob_tui.rules import assess
from fleksjob_tui.rules.types import GROUP_ORDER
from fleksjob_tui.view import build_view
from fleksjob_tui.view.words import counts_line

D = dt.date
AS_OF = D(2026, 3, 1)


def finding(a, fid):
    return next(f for f in a.findings if f.id == fid)


# --- point 4: every finding has a group, and every count counts the groups ----------------------

GROUPS = [
    # (finding id, change to the ready case, expected group)
    ("over_pension_age", lambda c: setattr(c.person, "birth_date", D(1955, 7, 1)), "blocker"),
    ("capacity_not_reduced", lambda c: setattr(c.eligibility, "capacity_reduced", "no"),
     "blocker"),
    ("twelve_months_not_met",
     lambda c: setattr(c.employment, "special_terms_start", D(2025, 6, 1)), "waiting"),
    ("capacity_unclear", lambda c: setattr(c.eligibility, "capacity_reduced", "unknown"),
     "municipality"),
    ("disability_pension_claim_pending",
     lambda c: setattr(c.person, "disability_pension_claim_pending", "yes"), "municipality"),
    ("written_agreement_missing", lambda c: setattr(c.agreement, "written", "no"), "act"),
    ("union_not_involved", lambda c: setattr(c.contacts, "union", "no"), "advice"),
]


@pytest.mark.parametrize(("fid", "change", "group"), GROUPS, ids=[g[0] for g in GROUPS])
def test_each_finding_has_its_group_in_the_model_and_the_json(fid, change, group):
    c = ready_case()
    change(c)
    a = assess(c, AS_OF)
    assert finding(a, fid).group == group
    data = json.loads(json.dumps(a.to_json()))
    assert {f["id"]: f["group"] for f in data["findings"]}[fid] == group
    assert data["counts"][group] >= 1


def _all_outputs():
    for name in examples.names():
        for lang in ("da", "en"):
            for role in ("employee", "manager", "union_rep"):
                case = examples.load(name, lang)
                case.case.role = role
                case.case.language = lang
                yield name, lang, role, case


def test_counts_agree_between_the_json_the_summary_and_the_view():
    as_of = D(2026, 11, 22)
    seen_groups = set()
    for name, lang, role, case in _all_outputs():
        a = assess(case, as_of)
        data = a.to_json()
        counts = data["counts"]
        assert list(counts) == list(GROUP_ORDER)
        assert sum(counts.values()) == len(data["findings"])
        for g in GROUP_ORDER:
            assert counts[g] == sum(1 for f in data["findings"] if f["group"] == g)
        view = build_view(case, a, lang, role)
        assert view.counts == counts_line(a, lang)
        shown = [item.group for grp in view.groups for item in grp.items]
        assert sorted(shown) == sorted(f["group"] for f in data["findings"]), (name, lang, role)
        assert [f.group for f in view.findings] == [f["group"] for f in data["findings"]]
        seen_groups |= {g for g, n in counts.items() if n}
    assert {"act", "waiting", "municipality", "advice"} <= seen_groups


def test_counts_line_counts_the_municipality_group_not_the_advice():
    # disability_pension_claim_pending is advice the municipality acts on: it is shown under
    # "Det vurderer kommunen", and the count line says so (it said "1 råd" before).
    c = ready_case()
    c.person.disability_pension_claim_pending = "yes"
    a = assess(c, AS_OF)
    assert counts_line(a, "da") == "1 ting vurderer kommunen"
    assert a.to_json()["counts"] == {"blocker": 0, "act": 0, "waiting": 0, "municipality": 1,
                                     "advice": 0}


@pytest.mark.parametrize(("as_of", "outdated"), [
    (D(2026, 12, 30), False), (D(2026, 12, 31), False), (D(2027, 1, 1), True),
])
def test_json_law_object_says_whether_as_of_is_past_valid_to(as_of, outdated):
    data = assess(ready_case(), as_of).to_json()
    law = data["law"]
    assert law["checked_on"] == "2026-12-01"
    assert law["valid_to"] == "2026-12-31"
    assert law["act"].startswith("LBK nr. 280")
    assert law["outdated"] is outdated


# --- point 5: the law, December 2026 into 2027 ---------------------------------------------------

PENSION = D(2045, 6, 15)  # case_builders.BIRTH 1975-06-15: state pension age 70


@pytest.mark.parametrize(("start", "raised"), [
    (PENSION - dt.timedelta(days=1), False), (PENSION, True), (PENSION + dt.timedelta(days=1), True),
])
def test_flexjob_start_on_or_after_the_pension_date_is_a_blocker(start, raised):
    c = ready_case()
    c.flexjob.start = start
    a = assess(c, AS_OF)
    assert ("flexjob_start_after_pension_age" in [f.id for f in a.findings]) is raised
    assert a.status == ("not_eligible" if raised else "ready")
    if raised:
        f = finding(a, "flexjob_start_after_pension_age")
        assert f.group == "blocker" and "15-06-2045" in f.message


@pytest.mark.parametrize(("start", "follow_up", "status", "end", "at_pension"), [
    # 5 years end the day before the pension date: every date shown
    (D(2040, 6, 14), "2042-12-14", "2044-12-14", "2045-06-14", False),
    # 5 years end on the pension date: the end is the pension date, not after it
    (D(2040, 6, 15), "2042-12-15", "2044-12-15", "2045-06-15", False),
    # the 5 years would end after the pension date: the job ends at the pension date
    (D(2040, 6, 16), "2042-12-16", "2044-12-16", "2045-06-15", True),
    # the status date (4½ years) falls on the pension date: not a flex-job date
    (D(2040, 12, 15), "2043-06-15", None, "2045-06-15", True),
    # the follow-up (2½ years) falls after the pension date too
    (D(2043, 1, 1), None, None, "2045-06-15", True),
])
def test_no_flexjob_date_on_or_after_the_pension_date(start, follow_up, status, end, at_pension):
    c = ready_case()
    c.flexjob.start = start
    data = assess(c, AS_OF).to_json()["flexjob"]
    assert data == {"start": start.isoformat(), "follow_up": follow_up, "status": status,
                    "end": end, "ends_at_pension": at_pension}


def test_summary_says_the_flex_job_ends_at_the_latest_at_the_pension_age():
    c = ready_case(role="manager")
    c.flexjob.start = D(2043, 1, 1)
    view = build_view(c, assess(c, AS_OF), "da")
    rows = dict(view.dates)
    assert "Opfølgning (efter 2½ år)" not in rows and "Status (efter 4½ år)" not in rows
    assert rows["Fleksjobbet slutter senest"].startswith("15-06-2045 (folkepensionsalderen")
    assert "Bevillingen udløber (5 år)" not in rows


def test_turning_40_says_what_it_means():
    c = ready_case()
    c.person.birth_date = D(1990, 2, 28)
    rows = dict(build_view(c, assess(c, AS_OF), "da").dates)
    assert rows["Fylder 40 år"].startswith("28-02-2030")
    assert "permanent fleksjob" in rows["Fylder 40 år"] and "§ 120, stk. 2" in rows["Fylder 40 år"]


EXEMPTION_ANSWERS = [
    # (acute_injury, progressive_disease, retention_pointless, expected variant or None)
    ("yes", "no", "yes", "akut opstået skade"),
    ("no", "yes", "yes", "alvorlig og fremadskridende sygdom"),
    ("yes", "yes", "yes", "akut opstået skade"),  # acute injury is checked first
    ("yes", "no", "no", None),
    ("no", "yes", "unknown", None),
]


@pytest.mark.parametrize(("acute", "progressive", "pointless", "words"), EXEMPTION_ANSWERS)
def test_exemption_resting_on_own_answers_is_for_the_municipality(acute, progressive, pointless,
                                                                   words):
    c = ready_case()
    c.eligibility.acute_injury = acute
    c.eligibility.progressive_disease = progressive
    c.eligibility.retention_pointless = pointless
    a = assess(c, AS_OF)
    got = [f for f in a.findings if f.id == "exemption_to_be_assessed"]
    if words is None:
        assert got == []
        return
    (f,) = got
    assert f.group == "municipality" and f.responsible == "municipality"
    assert words in f.message and "kommunen, der afgør" in f.message
    assert "§ 119, stk. 3" in f.reference and "§ 116, stk. 3" in f.reference
    assert a.status in ("ready", "waiting")
    view = build_view(c, a, "da")
    municipality = next(g for g in view.groups if g.key == "municipality")
    assert any(words in item.message for item in municipality.items)


def test_exemption_to_be_assessed_not_for_the_self_employed():
    c = ready_case()
    c.person.self_employed = True
    c.self_employment.main_occupation = "yes"
    c.self_employment.months_30h_last_24 = 18
    c.self_employment.benefit_periods = "no"
    c.eligibility.acute_injury = c.eligibility.retention_pointless = "yes"
    assert "exemption_to_be_assessed" not in [f.id for f in assess(c, AS_OF).findings]


def _self_employed(**answers):
    c = ready_case(role="employee")
    c.person.self_employed = True
    c.measures = []
    c.self_employment.main_occupation = "yes"
    c.self_employment.months_30h_last_24 = 18
    c.self_employment.benefit_periods = "no"
    for k, v in answers.items():
        setattr(c.self_employment, k, v)
    return c


@pytest.mark.parametrize(("first_grant", "months", "benefit", "expected"), [
    (None, 11, "no", "self_employed_hours_not_met"),
    ("yes", 11, "no", "self_employed_hours_not_met"),
    ("unknown", 11, "no", "self_employed_hours_not_met"),
    ("no", 11, "no", None),  # not the first grant: the 30-hour rule does not apply
    ("yes", 11, "unknown", "self_employed_hours_extension_possible"),
    ("no", 11, "unknown", None),
    ("no", None, "no", None),
    ("yes", 12, "no", None),
])
def test_thirty_hours_only_before_the_first_grant(first_grant, months, benefit, expected):
    c = _self_employed(first_grant=first_grant, months_30h_last_24=months,
                       benefit_periods=benefit)
    hours = {"self_employed_hours_not_met", "self_employed_hours_extension_possible",
             "self_employed_hours_missing"}
    got = [f.id for f in assess(c, AS_OF).findings if f.id in hours]
    assert got == ([expected] if expected else [])


@pytest.mark.parametrize(("answer", "raised"), [("yes", True), ("no", False), ("unknown", False),
                                                (None, False)])
def test_self_employed_receiving_an_excluded_benefit_is_a_blocker(answer, raised):
    c = _self_employed(excluded_benefits=answer)
    a = assess(c, AS_OF)
    assert ("self_employed_receives_excluded_benefit" in [f.id for f in a.findings]) is raised
    assert a.status == ("not_eligible" if raised else "ready")


@pytest.mark.parametrize("role", ["employee", "manager", "union_rep"])
def test_a_meeting_without_a_date_is_the_case_roles_to_fix(role):
    from fleksjob_tui.case.model import Meeting

    c = ready_case(role=role)
    c.meetings = [Meeting(date=D(2025, 3, 1), agreed="Mindre løft")]
    assert "meeting_date_missing" not in [f.id for f in assess(c, AS_OF).findings]
    c.meetings.append(Meeting(agreed="Ingen nattevagter"))
    a = assess(c, AS_OF)
    f = finding(a, "meeting_date_missing")
    assert (f.responsible, f.group, f.severity) == (role, "act", "missing")
    assert f.message.startswith("Et møde")
    assert a.status == "missing"
    c.meetings.append(Meeting())
    assert finding(assess(c, AS_OF), "meeting_date_missing").message.startswith("2 møder")


@pytest.mark.parametrize(("as_of", "outdated"), [
    (D(2026, 12, 31), False), (D(2027, 1, 1), True), (D(2027, 1, 2), True),
])
def test_law_line_from_1_january_2027_says_a_new_act_was_expected(as_of, outdated):
    from fleksjob_tui.view.words import law_outdated

    for lang, words in (("da", ["ny lov", "01-01-2027", "paragrafnumrene", "kommunen"]),
                        ("en", ["new Active Employment Act", "2027-01-01", "paragraph numbers",
                                "municipality"])):
        line = law_outdated(as_of, lang)
        if not outdated:
            assert line is None
            continue
        assert line is not None
        for w in words:
            assert w in line, (lang, w, line)
        view = build_view(ready_case(), assess(ready_case(), as_of), lang)
        assert view.law_outdated == line and view.pack.law_outdated == line


@pytest.mark.parametrize(("year", "code", "words"), [
    ("2026", 0, None),
    ("2027", 0, "Satserne for 2027 er ikke offentliggjort endnu; beregningen bruger 2026."),
    ("2023", 2, "Der er ingen satser for år 2023"),
])
def test_tilskud_year_without_published_rates(year, code, words):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "fleksjob_tui", "tilskud", "--hourly", "200",
                        "--hours", "18", "--year", year], capture_output=True, text=True)
    assert r.returncode == code, r.stderr
    out = " ".join((r.stdout + r.stderr).split())
    if words is None:
        assert "ikke offentliggjort" not in out
    else:
        assert words in out
    if code == 0:
        assert "Fleksløn 2026" in out


# --- point 3: advice that fits the case ------------------------------------------------------------

@pytest.mark.parametrize(("sick", "self_employed", "sick_words"), [
    ("yes", False, True), ("partly", False, True), ("no", False, False),
    ("unknown", False, False), (None, False, False), ("yes", True, True), ("no", True, False),
])
@pytest.mark.parametrize(("role", "lang"), [("employee", "da"), ("manager", "da"),
                                             ("union_rep", "da"), ("employee", "en"),
                                             ("manager", "en")])
def test_sick_leave_words_only_when_the_case_says_so(sick, self_employed, sick_words, role, lang):
    c = ready_case(role=role, language=lang)
    c.person.sick_leave = sick
    c.person.self_employed = self_employed
    c.contacts.home_municipality = "no"
    if self_employed:
        c.self_employment.main_occupation = "yes"
        c.self_employment.months_30h_last_24 = 18
        c.self_employment.benefit_periods = "no"
    f = finding(assess(c, AS_OF), "home_municipality_not_contacted")
    assert f.responsible == "employee" and f.group == "advice"
    sick_word = "sygemeld" if lang == "da" else "sick"
    assert (sick_word in f.message.lower()) is sick_words, f.message
    assert (("26 uger" if lang == "da" else "26 weeks") in f.message) is sick_words
    assert ("§ 13 f" in f.reference) is sick_words
    if not self_employed and role != "employee":
        # The manager's and the union representative's wording: agree who makes the contact.
        assert f.message.startswith("Aftal med medarbejderen" if lang == "da"
                                    else "Agree with the employee")


@pytest.mark.parametrize(("answer", "role", "words"), [
    ("Hvidovre", "employee", "Kontakt Hvidovre Kommune"),
    ("Vejle Kommune", "employee", "Kontakt Vejle Kommune"),
    (None, "employee", "Kontakt din hjemkommune"),
    (None, "manager", "kontakter medarbejderens hjemkommune"),
])
def test_home_municipality_advice_names_the_municipality(answer, role, words):
    c = ready_case(role=role)
    c.person.home_municipality = answer
    c.contacts.home_municipality = "no"
    assert words in finding(assess(c, AS_OF), "home_municipality_not_contacted").message


# --- point 2: dates that help --------------------------------------------------------------------

MET_ON = D(2026, 6, 1)  # special terms from 2025-06-01


@pytest.mark.parametrize("as_of", [MET_ON - dt.timedelta(days=1), MET_ON,
                                   MET_ON + dt.timedelta(days=1)])
def test_written_agreement_due_now_documentation_by_the_twelve_month_date(as_of):
    c = ready_case()
    c.employment.special_terms_start = D(2025, 6, 1)
    c.agreement.written = "no"
    c.agreement.accommodations = []
    c.agreement.attempt_documented = "no"
    a = assess(c, as_of)
    from fleksjob_tui.view.words import due_text

    for fid in ("written_agreement_missing", "accommodations_missing"):
        f = finding(a, fid)
        assert f.due is None and due_text(f, "da") == "nu" and due_text(f, "en") == "now"
        assert "kommunen kan regne dem fra den dag, aftalen underskrives" in f.message
    attempt = finding(a, "attempt_not_documented")
    if as_of < MET_ON:
        assert attempt.due == MET_ON
        assert due_text(attempt, "da") == "senest 01-06-2026, når de 12 måneder nås"
    else:
        assert attempt.due is None and due_text(attempt, "da") == "så hurtigt som muligt"
    data = a.to_json()
    assert {f["id"]: f["due"] for f in data["findings"]}["written_agreement_missing"] is None


@pytest.mark.parametrize(("role", "words"), [
    ("employee", "Spørg din leder eller din tillidsrepræsentant"),
    ("manager", "Skriv den på trinnet Ansættelsen"),
    ("union_rep", "Lederen kan give datoen"),
])
def test_key_dates_without_a_start_date_say_who_can_give_it(role, words):
    c = ready_case(role=role)
    c.employment.special_terms_start = None
    view = build_view(c, assess(c, AS_OF), "da")
    rows = dict(view.dates)
    assert rows["12 måneder på særlige vilkår nås"].startswith("kan ikke beregnes")
    assert words in rows["12 måneder på særlige vilkår nås"]
    c.employment.special_terms_start = D(2025, 1, 1)
    rows = dict(build_view(c, assess(c, AS_OF), "da").dates)
    assert rows["12 måneder på særlige vilkår nås"] == "01-01-2026 (nået)"


@pytest.mark.parametrize(("written", "note"), [("yes", False), ("no", True), ("unknown", True)])
def test_twelve_month_date_rests_on_a_written_agreement(written, note):
    c = ready_case()
    c.employment.special_terms_start = D(2025, 6, 1)
    c.agreement.written = written
    rows = dict(build_view(c, assess(c, AS_OF), "da").dates)
    assert ("uden en skriftlig aftale" in rows["12 måneder på særlige vilkår nås"]) is note


@pytest.mark.parametrize(("acute", "progressive", "named"), [
    ("yes", "no", True), ("no", "yes", True), ("no", "no", False), ("unknown", "no", False),
])
def test_the_waiting_item_names_the_possible_exemption(acute, progressive, named):
    c = ready_case()
    c.employment.special_terms_start = D(2025, 6, 1)
    c.eligibility.acute_injury = acute
    c.eligibility.progressive_disease = progressive
    c.eligibility.retention_pointless = "unknown"
    f = finding(assess(c, AS_OF), "twelve_months_not_met")
    assert f.group == "waiting"
    assert ("åbenbart formålsløst" in f.message) is named


# --- points 1 and 3: one plan, one owner per act, in the reader's voice ------------------------

#: Imperatives that tell the reader to do an act themselves: only for the act's own owner.
IMPERATIVES = {
    "da": ("Skriv", "Kontakt", "Saml", "Dokumentér", "Inddrag"),
    "en": ("Write", "Enter", "Contact", "Gather", "Document", "Involve"),
}


def _busy_case(role, lang):
    """A case that raises most findings the workplace acts on, for the voice checks."""
    from fleksjob_tui.case.model import Measure, Meeting

    c = ready_case(role=role, language=lang)
    c.person.home_municipality = "Hvidovre"
    c.person.sick_leave = "no"
    c.employment.employer = "Nordlager A/S"
    c.agreement.written = "unknown"
    c.agreement.difficult_functions = []
    c.agreement.accommodations = []
    c.agreement.attempt_documented = "unknown"
    c.eligibility.medical_documentation = "no"
    c.eligibility.relocation_retraining_examined = "no"
    c.eligibility.progressive_disease = "yes"
    c.contacts.hr = c.contacts.home_municipality = c.contacts.union = "no"
    c.measures = [Measure(id="changed_rota", status="tried", documented="no")]
    c.meetings = [Meeting(agreed="Mindre løft")]
    return c


def _every_case():
    for lang in ("da", "en"):
        for role in ("employee", "manager", "union_rep"):
            for name in examples.names():
                case = examples.load(name, lang)
                case.case.role, case.case.language = role, lang
                yield f"{name}-{lang}-{role}", case
            yield f"busy-{lang}-{role}", _busy_case(role, lang)
            start_unknown = _busy_case(role, lang)
            start_unknown.employment.special_terms_start = None
            yield f"no-start-{lang}-{role}", start_unknown


def test_every_output_has_one_owner_per_act_in_the_readers_voice():
    from fleksjob_tui.plain import plain_summary

    as_of = D(2026, 11, 22)
    for label, case in _every_case():
        lang, role = case.case.language, case.case.role
        a = assess(case, as_of)
        data = a.to_json()
        view = build_view(case, a, lang, role)
        items = [(g.key, item) for g in view.groups for item in g.items]
        # The same number of items in the summary, the pack and the JSON.
        packed = [f for _title, fs in view.pack.findings for f in fs]
        assert len(items) == len(packed) == len(data["findings"]), label
        plain = plain_summary(case, a, lang)
        if view.counts:
            assert view.counts in plain, label
        # The doctor never acts; every finding under exactly one owner.
        assert all(f["responsible"] != "doctor" for f in data["findings"]), label
        assert all(key != "doctor" for key, _ in items), label
        # No act twice: no message twice, no next step that repeats a finding's act.
        messages = [item.message for _key, item in items]
        assert len(messages) == len(set(messages)), label
        raised = {f["id"] for f in data["findings"]}
        for step in view.next_steps:
            first = step.split(":")[0].split(".")[0]
            assert not any(first in m for m in messages), (label, step)
            if "home_municipality_not_contacted" in raised:
                assert "Hvidovre" not in step and "hjemkommune" not in step.lower(), (label, step)
        # The reader's voice: an item owned by someone else does not tell the reader to do
        # the act itself; the employee is spoken to as "du" / "you".
        for key, item in items:
            owner = key
            if owner in ("waiting", "municipality") or owner == role:
                continue
            for sentence in item.message.split(". "):
                assert not sentence.startswith(IMPERATIVES[lang]), (label, key, item.message)
            assert "Din leder bør" not in item.message, (label, item.message)
        if role == "employee":
            for key, item in items:
                if key == "municipality":
                    continue
                third = "medarbejderen" if lang == "da" else "the employee"
                assert third not in item.message.lower(), (label, key, item.message)


def test_next_steps_name_no_finding_act():
    """Next steps are only what no finding says (RULES.md section 7)."""
    from fleksjob_tui import content

    for role in ("employee", "manager", "union_rep"):
        for item in content.entry("report", f"next_steps.{role}"):
            assert item["when"] in ("always", "ready", "not_ready", "waiting", "next_meeting",
                                    "no_next_meeting", "first_due"), (role, item)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_dont_know_to_a_workplace_fact_tells_the_employee_whom_to_ask(lang):
    ask = ("Spørg din tillidsrepræsentant eller din leder" if lang == "da"
           else "Ask your union representative or your manager")
    c = ready_case(role="employee", language=lang)
    c.agreement.written = "unknown"
    c.agreement.attempt_documented = "unknown"
    a = assess(c, AS_OF)
    for fid in ("written_agreement_missing", "attempt_not_documented"):
        assert ask in finding(a, fid).message, fid
    c.employment.special_terms_start = None
    msg = finding(assess(c, AS_OF), "special_terms_start_missing").message
    assert ("tillidsrepræsentant" if lang == "da" else "union representative") in msg
    # The manager is not told to ask themselves.
    c.case.role = "manager"
    for f in assess(c, AS_OF).findings:
        assert ask not in f.message


def test_copenhagen_offices_only_for_that_employer():
    c = ready_case(role="manager")
    c.contacts.hr = "no"
    for employer, kk in (("Københavns Kommune", True), ("Vejle Kommune", False),
                         ("Nordlager A/S", False), (None, False)):
        c.employment.employer = employer
        f = finding(assess(c, AS_OF), "hr_not_contacted")
        assert ("Arbejdsmiljø København" in f.message) is kk
        assert ("HR / arbejdsmiljø" in f.message) is not kk
        if not kk:
            assert "generel vejledning" in f.reference


# --- point 6: wording found in the trials ----------------------------------------------------------

def _all_texts():
    """Every text of every content file, with where it is: (file, key path, text)."""
    from fleksjob_tui import content

    def walk(obj, path):
        if isinstance(obj, dict):
            for k, v in obj.items():
                yield from walk(v, f"{path}.{k}")
        elif isinstance(obj, list):
            for i, v in enumerate(obj):
                yield from walk(v, f"{path}[{i}]")
        elif isinstance(obj, str):
            yield path, obj

    for name in ("findings", "questions", "report", "measures", "export", "documents", "ui",
                 "plain", "messages", "cli"):
        for path, text in walk(content.load(name), name):
            yield name, path, text


def test_wording_found_in_the_trials():
    from fleksjob_tui import content

    texts = list(_all_texts())
    for _name, path, text in texts:
        low = text.lower()
        # "Alle muligheder … er ikke undersøgt" reads as "none examined": say "Ikke alle …".
        assert "alle muligheder for omplacering og genoptræning er ikke" not in low, path
        # genoptræning is rehabilitation, not retraining; afvænning is withdrawal treatment.
        assert "retraining" not in low, path
        if path.endswith(".en") or path.endswith(".en_you"):
            assert "rehabilitation or coping" not in low, path
        # "I alt er løn og tilskud: …" was garbled.
        assert "løn og tilskud:" not in low and "wage and subsidy:" not in low, path
        # § 119, stk. 2 as quoted: the functions the employee finds difficult OR CANNOT DO.
        if "funktioner" in low and "svært ved" in low:
            assert "ikke kan udføre" in low, path
        if "functions" in low and "difficult" in low:
            assert "cannot do" in low, path
    help_da = content.text("measures", "increased_absence.help", "da")
    help_en = content.text("measures", "increased_absence.help", "en")
    # § 56, stk. 2, nr. 3: the 21 days count before a hospital stay or treatment only.
    assert "21 dage for samme sygdom inden for de seneste 12 måneder før indlæggelsen eller " \
        "behandlingen" in help_da
    assert "before a hospital stay or treatment" in help_en
    assert "withdrawal treatment" in content.text("measures", "treatment_support.help", "en")
    assert content.text("findings", "relocation_retraining_not_examined.message", "da") \
        .startswith("Ikke alle muligheder")


# --- one case, three outputs: the summary, the plain conversation's plan and the JSON agree ------

def _three_outputs(case, as_of=AS_OF):
    from fleksjob_tui.documents.summary import summary_text
    from fleksjob_tui.plain import plain_summary

    a = assess(case, as_of)
    lang = case.case.language
    summary = " ".join(summary_text(case, a, lang, width=200).split())
    plain = " ".join(plain_summary(case, a, lang).split())
    return a, summary, plain, json.loads(json.dumps(a.to_json()))


def test_point_1_the_doctor_is_asked_by_the_employee_in_every_output():
    c = ready_case(role="employee")
    c.eligibility.medical_documentation = "no"
    a, summary, plain, data = _three_outputs(c)
    ask = "Bed din egen læge eller en speciallæge om en erklæring"
    assert ask in summary and ask in plain
    assert "Lægen" not in summary and "Til lægen" not in plain
    (f,) = [f for f in data["findings"] if f["id"] == "medical_documentation_advice"]
    assert (f["responsible"], f["group"]) == ("employee", "advice") and ask in f["message"]


def test_point_2_the_written_agreement_is_due_now_in_every_output():
    c = ready_case(role="manager")
    c.employment.special_terms_start = D(2025, 6, 1)
    c.agreement.written = "no"
    a, summary, plain, data = _three_outputs(c)
    assert "[Mangler · nu]" in summary
    assert "Til dig, " in plain and "Mangler, nu. " in plain  # the manager reads their own act
    (f,) = [f for f in data["findings"] if f["id"] == "written_agreement_missing"]
    assert f["due"] is None and f["group"] == "act"
    for out in (summary, plain):
        assert "senest 01-06-2026" not in out.split("skriftlig aftale")[0][-60:]


def test_point_2_no_start_date_in_every_output():
    c = ready_case(role="employee")
    c.employment.special_terms_start = None
    a, summary, plain, data = _three_outputs(c)
    for out in (summary, plain):
        assert "kan ikke beregnes" in out and "Spørg din leder eller din tillidsrepræsentant" in out
    assert data["twelve_months"]["met_on"] is None
    assert "special_terms_start_missing" in {f["id"] for f in data["findings"]}


def test_point_3_sick_leave_and_dont_know_in_every_output():
    c = ready_case(role="employee")
    c.person.home_municipality = "Aarhus"
    c.person.sick_leave = "yes"
    c.contacts.home_municipality = "no"
    c.agreement.written = "unknown"
    a, summary, plain, data = _three_outputs(c)
    for out in (summary, plain, " ".join(f["message"] for f in data["findings"])):
        assert "Kontakt Aarhus Kommune tidligt i din sygemelding" in out
        assert "26 uger" in out
        assert "Spørg din tillidsrepræsentant eller din leder" in out
    c.person.sick_leave = "no"
    a, summary, plain, data = _three_outputs(c)
    for out in (summary, plain, " ".join(f["message"] for f in data["findings"])):
        assert "sygemeld" not in out and "sygeperiode" not in out


# --- issue 21, second round: what two new users found ----------------------------------------------

#: How each reader names each owner in the text (employee reader: "din leder"; others: "lederen").
OWNER_WORDS = {
    ("da", "employee"): {"manager": ("din leder",), "union_rep": ("tillidsrepræsentant",)},
    ("en", "employee"): {"manager": ("your manager",), "union_rep": ("union representative",)},
    ("da", "other"): {"employee": ("medarbejder",), "manager": ("lederen",),
                      "union_rep": ("tillidsrepræsentant",)},
    ("en", "other"): {"employee": ("the employee",), "manager": ("the manager",),
                      "union_rep": ("union representative",)},
}
#: Words that would make the reader ask or name themselves under their own heading.
SELF_WORDS = {
    ("da", "employee"): ("medarbejderen",), ("en", "employee"): ("the employee",),
    ("da", "manager"): ("din leder", "lederen"), ("en", "manager"): ("your manager",
                                                                     "the manager"),
}


def test_heading_and_text_agree_for_every_reader():
    """Each item sits under its one owner; the reader's own under "Dig" / "You" in the reader's
    voice; another person's under a heading that says so, with text that names that person."""
    as_of = D(2026, 11, 22)
    for label, case in _every_case():
        lang, role = case.case.language, case.case.role
        view = build_view(case, assess(case, as_of), lang, role)
        for g in view.groups:
            if g.key in ("waiting", "municipality"):
                continue
            for item in g.items:
                text = item.message.lower()
                if g.key == role:
                    assert g.title == ("Dig" if lang == "da" else "You"), (label, g.title)
                    for w in SELF_WORDS.get((lang, role), ()):
                        assert w not in text, (label, g.title, item.message)
                else:
                    assert ("du" if lang == "da" else "you") in g.title.split(), (label, g.title)
                    words = OWNER_WORDS[(lang, "employee" if role == "employee" else "other")]
                    assert any(w in text for w in words[g.key]), (label, g.title, item.message)
        # The plain conversation's plan: never "Til lederen" / "Råd til medarbejderen" over text
        # written to the reader; the reader's own acts "Til dig", another's say whose they are.
        from fleksjob_tui.plain import plain_summary

        for line in plain_summary(case, assess(case, as_of), lang).splitlines():
            assert not re.match(r"(Råd )?[Tt]il (lederen|medarbejderen|tillidsrepræsentanten)"
                                r"|(Advice )?[Ff]or the (manager|employee|union)", line), (
                label, line)


def test_no_copenhagen_reference_unless_the_employer_is_kobenhavns_kommune():
    as_of = D(2026, 11, 22)
    for label, case in _every_case():
        kk = "københavns kommune" in (case.employment.employer or "").lower()
        for f in assess(case, as_of).findings:
            for word_ in ("Københavns Kommune", "City of Copenhagen", "Copenhagen"):
                assert kk or word_ not in f.reference, (label, f.id, f.reference)
    c = ready_case(role="manager")
    c.contacts.hr = c.contacts.home_municipality = c.contacts.union = "no"
    c.employment.employer = "Københavns Kommune"
    refs = {f.id: f.reference for f in assess(c, AS_OF).findings}
    for fid in ("hr_not_contacted", "home_municipality_not_contacted", "union_not_involved"):
        assert "Københavns Kommune" in refs[fid], fid


@pytest.mark.parametrize("lang", ["da", "en"])
def test_items_without_a_date_say_why(lang):
    from fleksjob_tui.view.words import due_text

    c = ready_case(role="manager", language=lang)
    c.agreement.attempt_documented = "no"
    c.eligibility.relocation_retraining_examined = "no"
    c.employment.special_terms_start = None
    a = assess(c, AS_OF)
    start = "startdatoen" if lang == "da" else "start date"
    assert start in due_text(finding(a, "attempt_not_documented"), lang, a)
    assert start in due_text(finding(a, "special_terms_start_missing"), lang, a)
    reloc = due_text(finding(a, "relocation_retraining_not_examined"), lang, a)
    assert ("kommunen" if lang == "da" else "municipality") in reloc


@pytest.mark.parametrize(("as_of", "due_on_met"), [
    (MET_ON - dt.timedelta(days=1), True), (MET_ON, False), (MET_ON + dt.timedelta(days=1), False)])
def test_which_findings_are_due_on_the_twelve_month_date(as_of, due_on_met):
    """RULES.md section 7: the attempt and the measures' documentation on met_on; the
    examination of relocation and retraining has no date of its own (§ 116, stk. 3)."""
    c = ready_case(role="manager")
    c.employment.special_terms_start = MET_ON.replace(year=MET_ON.year - 1)
    c.agreement.attempt_documented = "no"
    c.eligibility.relocation_retraining_examined = "no"
    a = assess(c, as_of)
    assert finding(a, "attempt_not_documented").due == (MET_ON if due_on_met else None)
    assert finding(a, "relocation_retraining_not_examined").due is None


@pytest.mark.parametrize(("birth", "shown"), [
    (D(1964, 6, 1), True),    # the six-year mark (01-06-2026) comes before the 12 months
    (D(1980, 6, 1), False),   # the 12 months come decades earlier: left out
])
def test_six_year_row_only_when_it_matters(birth, shown):
    from fleksjob_tui.view.words import date_rows

    c = ready_case(role="manager")
    c.person.birth_date = birth
    c.employment.special_terms_start = D(2025, 12, 1)
    rows = dict(date_rows(assess(c, AS_OF), "da", "manager"))
    assert ("6 år før folkepension" in rows) is shown


def test_manager_next_steps_name_the_next_meeting_and_never_repeat_a_finding():
    c = ready_case(role="manager")
    c.contacts.hr = c.contacts.home_municipality = "no"
    c.agreement.written = "no"
    c.follow_up.next_meeting = D(2026, 4, 15)
    a = assess(c, AS_OF)
    view = build_view(c, a, "da", "manager")
    steps = " ".join(view.next_steps)
    assert "15-04-2026" in steps
    messages = [f.message for f in a.findings]
    for step in view.next_steps:
        assert not any(step in m or m in step for m in messages), step


@pytest.mark.parametrize("role", ["employee", "manager", "union_rep"])
def test_next_steps_name_the_first_deadline_for_every_role(role):
    c = ready_case(role=role)
    c.employment.special_terms_start = D(2025, 6, 1)
    c.agreement.attempt_documented = "no"
    a = assess(c, AS_OF)
    steps = " ".join(build_view(c, a, "da", role).next_steps)
    assert "01-06-2026" in steps, steps


@pytest.mark.parametrize("role", ["employee", "manager", "union_rep"])
def test_the_readers_own_acts_come_first(role):
    c = _busy_case(role, "da")
    view = build_view(c, assess(c, D(2026, 11, 22)), "da", role)
    people = [g for g in view.groups if g.key not in ("waiting", "municipality")]
    if any(g.key == role for g in people):
        assert people[0].key == role and people[0].title == "Dig"
