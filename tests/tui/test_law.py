"""The law as it stands in December 2026 (issue 10; RULES.md "Changed on 2026-12-01").

Table-driven boundary tests (the day before, the day, the day after) for every new and changed
rule; the JSON shape with ``waiting`` and ``due``; the pay ceiling to the krone; old case files
with ``contacts.jobcenter``; the summary at 80 columns with the law line, the waiting sentence
and the due dates; the same in English; the content corrections that are rules.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from case_builders import ready_case as _ready_case
from case_builders import self_employed_case  # noqa: F401 - shared with test_rules

from fleksjob_tui import content
from fleksjob_tui.case.model import Case, Measure
from fleksjob_tui.case.storage import load_case, loads_case
from fleksjob_tui.documents import summary as report
from fleksjob_tui.documents.pack_render import render_html, render_markdown
from fleksjob_tui.rules import assess, law_basis, pension_for
from fleksjob_tui.rules.subsidy import estimate
from fleksjob_tui.view.estimate import estimate_lines, wrap_lines
from fleksjob_tui.view.pack import build_pack

D = dt.date
ONE = dt.timedelta(days=1)
AS_OF = D(2026, 12, 1)
BIRTH = D(1975, 6, 15)  # pension 2045-06-15, six-year mark 2039-06-15: the rule applies
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CONTENT = ROOT / "fleksjob_tui" / "content"


def ready_case(role: str = "manager", language: str = "da") -> Case:
    """Everything in place on AS_OF: no findings (with an employer and a signed agreement)."""
    c = _ready_case(role=role, language=language)
    c.employment.employer = "Nordlager A/S"
    c.agreement.signed_on = D(2025, 1, 1)
    return c


def waiting_case(role: str = "manager", language: str = "da") -> Case:
    """Everything in place except the time: the twelve months are reached on 2027-03-01."""
    c = ready_case(role, language)
    c.employment.special_terms_start = D(2026, 3, 1)
    c.agreement.signed_on = D(2026, 3, 1)
    return c


def ids(a) -> list[str]:
    return [f.id for f in a.findings]


def finding(a, fid):
    return next(f for f in a.findings if f.id == fid)


def test_the_ready_case_is_ready():
    a = assess(ready_case(), AS_OF)
    assert ids(a) == [] and a.status == "ready"


# --- 1. Status and dates (RULES.md section 7) -------------------------------------------------


MET_ON = D(2027, 3, 1)


@pytest.mark.parametrize(
    ("as_of", "status", "due"),
    [
        (MET_ON - ONE, "waiting", MET_ON),  # the day before: only time is missing
        (MET_ON, "ready", None),  # the day: the twelve months are reached
        (MET_ON + ONE, "ready", None),
    ],
)
def test_waiting_until_the_twelve_months_are_reached(as_of, status, due):
    a = assess(waiting_case(), as_of)
    assert a.status == status
    if status == "waiting":
        f = finding(a, "twelve_months_not_met")
        assert f.due == due
        assert a.step_state("employment") == "waiting"
        assert "01-03-2027" in report.status_sentence(a, "da")
    else:
        assert "twelve_months_not_met" not in ids(a)
        assert a.step_state("employment") == "complete"


@pytest.mark.parametrize("as_of", [MET_ON - ONE, MET_ON, MET_ON + ONE])
@pytest.mark.parametrize(
    ("fid", "change"),
    [
        ("written_agreement_missing", lambda c: setattr(c.agreement, "written", "no")),
        ("difficult_functions_missing",
         lambda c: setattr(c.agreement, "difficult_functions", [])),
        ("accommodations_missing", lambda c: setattr(c.agreement, "accommodations", [])),
    ],
)
def test_the_written_agreement_is_due_now(fid, change, as_of):
    """RULES.md section 7 (2026-12-06): the agreement shows when the 12 months started, and the
    municipality may count them from its signing: due now, never on the day they end."""
    c = waiting_case()
    change(c)
    a = assess(c, as_of)
    assert finding(a, fid).due is None
    assert report.due_text(finding(a, fid), "da") == "nu"
    assert "kan regne dem fra den dag, aftalen underskrives" in finding(a, fid).message
    assert a.status == "missing"


@pytest.mark.parametrize(
    ("as_of", "due"),
    [(MET_ON - ONE, MET_ON), (MET_ON, None), (MET_ON + ONE, None)],
)
@pytest.mark.parametrize(
    ("fid", "change"),
    [
        ("attempt_not_documented",
         lambda c: setattr(c.agreement, "attempt_documented", "unknown")),
        ("measures_undocumented",
         lambda c: setattr(c, "measures", [Measure(id="aids", status="tried")])),
    ],
)
def test_documentation_is_due_when_the_twelve_months_are_reached(fid, change, as_of, due):
    c = waiting_case()
    change(c)
    a = assess(c, as_of)
    assert finding(a, fid).due == due
    assert a.status == "missing"  # something is missing now: more than waiting


@pytest.mark.parametrize(
    ("fid", "change"),
    [
        ("relocation_retraining_not_examined",
         lambda c: setattr(c.eligibility, "relocation_retraining_examined", "no")),
        ("no_measures_tried", lambda c: setattr(c, "measures", [])),
        ("capacity_unclear", lambda c: setattr(c.eligibility, "capacity_assessed", "no")),
        ("home_municipality_not_contacted",
         lambda c: setattr(c.contacts, "home_municipality", "no")),
    ],
)
def test_other_findings_have_no_due_date(fid, change):
    c = waiting_case()
    change(c)
    assert finding(assess(c, MET_ON - ONE), fid).due is None


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({}, "ready"),
        ({"eligibility.capacity_assessed": "no"}, "ready"),  # the municipality's part
        ({"eligibility.capacity_reduced": "unknown"}, "ready"),
        ({"person.disability_pension_claim_pending": "yes"}, "ready"),  # advice
        ({"employment.special_terms_start": D(2026, 3, 1)}, "waiting"),
        ({"employment.special_terms_start": D(2026, 3, 1),
          "eligibility.capacity_assessed": "no"}, "waiting"),
        ({"employment.special_terms_start": D(2026, 3, 1), "agreement.written": "no"},
         "missing"),
        ({"agreement.written": "no"}, "missing"),
        ({"person.birth_date": None}, "missing"),  # the employee must act
        ({"eligibility.capacity_reduced": "no"}, "not_eligible"),  # a blocker wins
        ({"eligibility.capacity_reduced": "no", "agreement.written": "no",
          "employment.special_terms_start": D(2026, 3, 1)}, "not_eligible"),
    ],
)
def test_status_order(changes, status):
    c = ready_case()
    for path, value in changes.items():
        table, key = path.split(".")
        setattr(getattr(c, table), key, value)
    assert assess(c, AS_OF).status == status


def test_the_municipalitys_step_never_says_missing():
    c = ready_case()
    c.eligibility.capacity_assessed = "no"
    a = assess(c, AS_OF)
    assert a.status == "ready"
    assert a.step_state("eligibility") == "municipality"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_step_list_words_for_waiting_and_the_municipality(lang):
    from fleksjob_tui.wizard.widgets.steplist import StepList

    waiting = assess(waiting_case(language=lang), MET_ON - ONE)
    c = ready_case(language=lang)
    c.eligibility.capacity_assessed = "no"
    municipality = assess(c, AS_OF)
    steps = StepList(lang)
    _, w = steps._state_word("employment", waiting, waiting_case())
    _, m = steps._state_word("eligibility", municipality, c)
    _, s = steps._state_word("summary", waiting, waiting_case())
    for text in (w, m, s):
        assert "mangler" not in text.lower() and "missing" not in text.lower()
    assert w == content.text("report", "step_state.waiting", lang)
    assert m == content.text("report", "step_state.municipality", lang)
    assert s == content.text("report", "step_state.summary_waiting", lang)
    for text in (w, m, s):
        assert len(text) <= 18  # fits the step list (24 columns with the mark)


def test_check_exit_code_is_0_only_for_ready(tmp_path):
    for case, as_of, code in [
        (waiting_case(), "28-02-2027", 1),
        (waiting_case(), "01-03-2027", 0),
    ]:
        path = tmp_path / "sag.toml"
        from fleksjob_tui.case.storage import save_case

        save_case(case, path)
        r = run("check", str(path), "--as-of", as_of)
        assert r.returncode == code, r.stdout + r.stderr


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", **(env or {})}
    return subprocess.run([sys.executable, "-m", "fleksjob_tui", *args], capture_output=True,
                          text=True, env=full, cwd=ROOT, timeout=60)


def test_check_json_with_waiting_and_due(tmp_path):
    from fleksjob_tui.case.storage import save_case

    c = waiting_case()
    c.agreement.accommodations = []
    c.contacts.union = "no"
    path = tmp_path / "sag.toml"
    save_case(c, path)
    r = run("check", str(path), "--as-of", "30-11-2026", "--json")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["status"] == "missing"
    by_id = {f["id"]: f for f in data["findings"]}
    assert by_id["twelve_months_not_met"]["due"] == "2027-03-01"
    assert by_id["accommodations_missing"]["due"] is None  # due now (RULES.md section 7)
    assert by_id["union_not_involved"]["due"] is None
    for f in data["findings"]:
        assert list(f) == ["id", "severity", "responsible", "group", "message", "reference",
                           "due"]
    c.agreement.accommodations = ["Ingen nattevagter"]
    save_case(c, path)
    data = json.loads(run("check", str(path), "--as-of", "30-11-2026", "--json").stdout)
    assert data["status"] == "waiting"
    assert data["twelve_months"]["met_on"] == "2027-03-01"


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("written", "Det er ikke oplyst, om der er en skriftlig aftale"),
        ("attempt", "Det er ikke oplyst, om der er dokumenteret"),
        ("relocation", "Det er ikke oplyst, om alle muligheder for omplacering"),
        ("capacity", "Det er ikke oplyst, om medarbejderens arbejdsevne"),
        ("measure", "Det er ikke oplyst, om disse afprøvede redskaber er dokumenteret"),
        ("medical", "Det er ikke oplyst, om der er lægelige oplysninger"),
    ],
)
def test_dont_know_reads_not_stated_never_missing(answer, phrase):
    c = ready_case()
    if answer == "written":
        c.agreement.written = "unknown"
    elif answer == "attempt":
        c.agreement.attempt_documented = "unknown"
    elif answer == "relocation":
        c.eligibility.relocation_retraining_examined = "unknown"
    elif answer == "capacity":
        c.eligibility.capacity_reduced = "unknown"
    elif answer == "measure":
        c.measures = [Measure(id="aids", status="tried", documented="unknown")]
    elif answer == "medical":
        c.eligibility.medical_documentation = "unknown"
    a = assess(c, AS_OF)
    messages = [f.message for f in a.findings]
    assert any(m.startswith(phrase) for m in messages), messages
    assert not any("mangler" in m.split(".")[0] for m in messages if m.startswith(phrase))


# --- 2. The twelve months (section 2) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("progressive", "pointless", "exemption"),
    [
        ("yes", "yes", "progressive_disease"),
        ("yes", "no", None),
        ("yes", "unknown", None),
        ("yes", None, None),
        ("no", "yes", None),
        ("unknown", "yes", None),
    ],
)
def test_progressive_illness_only_with_pointless_retention(progressive, pointless, exemption):
    c = ready_case()
    c.employment.special_terms_start = None  # would raise § 119 findings if the rule applies
    c.eligibility.progressive_disease = progressive
    c.eligibility.retention_pointless = pointless
    c.measures = []
    a = assess(c, AS_OF)
    assert a.twelve_months.exemption == exemption
    assert ("special_terms_start_missing" in ids(a)) is (exemption is None)
    assert ("no_measures_tried" in ids(a)) is (exemption is None)


def test_a_serious_progressive_illness_alone_no_longer_makes_a_case_ready():
    c = ready_case()
    c.employment.special_terms_start = None
    c.agreement.written = None
    c.measures = []
    c.eligibility.progressive_disease = "yes"
    a = assess(c, AS_OF)
    assert a.status == "missing"
    note = finding(a, "progressive_disease_note").message
    assert "åbenbart formålsløst" in note and "Indtil da gælder kravet om 12 måneder" in note
    c.eligibility.retention_pointless = "yes"
    held = finding(assess(c, AS_OF), "progressive_disease_note").message
    assert "kommunens konkrete vurdering" in held


START = D(2025, 6, 1)


@pytest.mark.parametrize(
    ("signed_on", "raised"),
    [(START - ONE, False), (START, False), (START + ONE, True)],
)
def test_agreement_signed_after_start(signed_on, raised):
    c = ready_case()
    c.employment.special_terms_start = START
    c.agreement.signed_on = signed_on
    a = assess(c, AS_OF)
    assert ("agreement_signed_after_start" in ids(a)) is raised
    if raised:
        f = finding(a, "agreement_signed_after_start")
        assert f.severity == "advice"
        assert "01-06-2025" in f.message and "02-06-2025" in f.message
        assert "02-06-2026" in f.message  # the 12 months counted from the signing
        assert a.status == "ready"


@pytest.mark.parametrize(
    ("start", "raised"),
    [(MET_ON - ONE, True), (MET_ON, False), (MET_ON + ONE, False)],
)
def test_flexjob_start_before_twelve_months(start, raised):
    c = waiting_case()
    c.flexjob.start = start
    a = assess(c, AS_OF)
    assert ("flexjob_start_before_twelve_months" in ids(a)) is raised
    if raised:
        f = finding(a, "flexjob_start_before_twelve_months")
        assert (f.severity, f.responsible) == ("missing", "manager")
        assert "28-02-2027" in f.message and "01-03-2027" in f.message
        assert a.status == "missing"
    else:
        assert a.status == "waiting"


def test_flexjob_start_is_not_checked_when_an_exemption_holds():
    c = waiting_case()
    c.flexjob.start = MET_ON - ONE
    c.eligibility.acute_injury = "yes"
    c.eligibility.retention_pointless = "yes"
    assert "flexjob_start_before_twelve_months" not in ids(assess(c, AS_OF))


# Born 1966-05-10: pension 2034-05-10, six-year mark 2028-05-10.
SENIOR_BIRTH = D(1966, 5, 10)
MARK = D(2028, 5, 10)


@pytest.mark.parametrize(
    ("met_on", "both"),
    [
        (MARK + ONE, True),  # the mark comes first: both dates are named
        (MARK, False),
        (MARK - ONE, False),
    ],
)
def test_twelve_months_not_met_names_the_six_year_mark_when_it_comes_first(met_on, both):
    assert pension_for(SENIOR_BIRTH).six_year_mark == MARK
    c = ready_case()
    c.person.birth_date = SENIOR_BIRTH
    c.employment.special_terms_start = D(met_on.year - 1, met_on.month, met_on.day)
    c.agreement.signed_on = c.employment.special_terms_start
    as_of = D(2027, 6, 1)
    a = assess(c, as_of)
    f = finding(a, "twelve_months_not_met")
    assert f.due == met_on  # RULES.md section 7: due on met_on
    assert report.format_date(met_on, "da") in f.message
    assert ("6 år eller mindre" in f.message) is both
    sentence = report.status_sentence(a, "da")
    assert a.status == "waiting"
    if both:
        assert "fra den 10-05-2028" in f.message and "10-05-2028" in sentence
    c.case.language = "en"
    en = finding(assess(c, as_of), "twelve_months_not_met").message
    assert ("6 years or less" in en) is both


# --- 3. Capacity evidence (section 3) ---------------------------------------------------------


@pytest.mark.parametrize("doc", ["yes", "no", "unknown", None])
@pytest.mark.parametrize("capacity", ["yes", "no", "unknown", None])
def test_medical_documentation_advice(doc, capacity):
    c = ready_case()
    c.eligibility.medical_documentation = doc
    c.eligibility.capacity_reduced = capacity
    a = assess(c, AS_OF)
    raised = doc != "yes" and capacity != "no"
    assert ("medical_documentation_advice" in ids(a)) is raised
    if raised:
        f = finding(a, "medical_documentation_advice")
        assert (f.severity, f.responsible, f.step) == ("advice", "employee", "eligibility")
        assert "§ 118, stk. 3" in f.reference
        assert "egen læge" in f.message and "speciallæge" in f.message
        assert "må det ikke tælle imod" in f.message  # refusing invasive treatment


def test_the_medical_documentation_question_has_plain_help():
    q = content.entry("questions", "eligibility.medical_documentation")
    label = content.pick(q["label"], "da")
    assert label == ("Er der lægelige oplysninger, der viser, at begrænsningerne er varige — fx "
                     "fra egen læge eller speciallæge, og om behandlingen er afsluttet eller "
                     "afklaret?")
    for lang in ("da", "en"):
        help_text = content.pick(q["help"], lang)
        assert ("speciallæge" if lang == "da" else "specialist") in help_text
        assert ("afsluttet eller afklaret" if lang == "da" else "finished or clarified") in (
            help_text)
    assert "§ 118, stk. 3" in content.pick(q["reference"], "da")


async def test_betingelser_asks_for_the_medical_documentation(tmp_path, monkeypatch):
    from wizard_helpers import focused_field_key, keys, wizard_at

    from fleksjob_tui.case.storage import save_case

    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    path = tmp_path / "sag.toml"
    save_case(Case.new(role="employee"), path)
    async with wizard_at(path, "eligibility") as (app, pilot):
        await keys(pilot, "tab", "tab")
        assert focused_field_key(app) == "eligibility.medical_documentation"
        await keys(pilot, "f1")
        body = str(app.screen.query_one(".help-body").content)
        law = str(app.screen.query_one("#help-law").content)
        assert "speciallæge" in body
        assert law.startswith("Lovgrundlag: ") and "(tjekket 01-12-2026)" in law
        await keys(pilot, "escape")
        await keys(pilot, "j")
        assert app.case.eligibility.medical_documentation == "yes"


# --- 4. The law as it stands (section 3) ------------------------------------------------------


def test_law_parameter():
    basis = law_basis()
    assert basis.checked_on == D(2026, 12, 1)
    assert basis.valid_to == D(2026, 12, 31)
    assert "LBK nr. 280" in basis.act
    assert "lov nr. 1750 af 29/12/2025" in basis.amendments
    assert report.law_line("da") == (
        "Lovgrundlag: lov om en aktiv beskæftigelsesindsats (LBK nr. 280 af 01/03/2024) med "
        "senere ændringer, bl.a. lov nr. 1750 af 29/12/2025 (tjekket 01-12-2026)")
    assert report.law_line("en").startswith("Legal basis: the Active Employment Act")
    assert report.law_line("en").endswith("(checked 2026-12-01)")


VALID_TO = D(2026, 12, 31)


@pytest.mark.parametrize(
    ("as_of", "outdated"),
    [(VALID_TO - ONE, False), (VALID_TO, False), (VALID_TO + ONE, True)],
)
def test_after_valid_to_one_plain_sentence(as_of, outdated):
    sentence = report.law_outdated(as_of, "da")
    assert (sentence is not None) is outdated
    case = load_case(EXAMPLES / "klar.toml")
    a = assess(case, as_of)
    text = report.summary_text(case, a, width=80)
    md = render_markdown(case, a)
    html = render_html(case, a)
    for out in (text, md, html):
        flat = " ".join(out.split())
        assert ("2027" in out and "ny lov om en aktiv beskæftigelsesindsats" in flat
                and "paragrafnumrene" in flat) is outdated
    if outdated:
        assert sentence.count(".") == 1  # one sentence
        assert "kommunen, der har det sidste ord" in sentence
        assert "2027" in report.law_outdated(as_of, "en")
        assert "municipality has the last word" in report.law_outdated(as_of, "en")


def test_old_case_files_with_contacts_jobcenter_still_load(tmp_path):
    text = (
        "schema_version = 1\n"
        "[case]\nrole = \"employee\"\nlanguage = \"da\"\n"
        "[contacts]\nhr = \"yes\"\nhome_municipality = \"yes\"\njobcenter = \"no\"\n"
        "union = \"yes\"\n"
    )
    case = loads_case(text)
    assert case.contacts.jobcenter == "no"
    a = assess(case, AS_OF)
    assert "jobcenter_not_contacted" not in ids(a)  # retired (lov nr. 1750/2025)
    path = tmp_path / "gammel.toml"
    path.write_text(text, encoding="utf-8")
    assert load_case(path).contacts.jobcenter == "no"
    r = run("check", str(path), "--as-of", "01-12-2026", "--json")
    assert r.returncode == 1
    assert "jobcenter_not_contacted" not in {f["id"] for f in json.loads(r.stdout)["findings"]}


def test_one_contact_question_for_the_home_municipality():
    c = ready_case()
    c.contacts.home_municipality = "no"
    f = finding(assess(c, AS_OF), "home_municipality_not_contacted")
    assert "tidligt i forløbet" in f.message and "syge" not in f.message  # not on sick leave
    c.person.sick_leave = "yes"
    f = finding(assess(c, AS_OF), "home_municipality_not_contacted")
    assert "tidligt i sygemeldingen" in f.message  # seed 004's advice, on sick leave
    assert "sundhedskoordinator" in f.message and "01-12-2026" in f.message
    q = content.entry("questions", "contacts.home_municipality")
    assert "sygeperioden" in content.pick(q["help"], "da")
    assert "sundhedskoordinator" in content.pick(q["help"], "da")
    # the self-employed are asked too (the only contact question for them)
    s = self_employed_case()
    s.contacts.home_municipality = None
    assert ids(assess(s, AS_OF)) == ["home_municipality_not_contacted"]


def _content_texts() -> list[tuple[str, str]]:
    """Every Danish/English text in the content files the user meets (file, text)."""
    out = []
    for name in ("findings", "questions", "report", "measures", "export", "ui", "cli"):
        data = content.load(name)

        def walk(node, key="", name=name):
            if isinstance(node, dict):
                for k, v in node.items():
                    walk(v, f"{key}.{k}" if key else k, name)
            elif isinstance(node, list):
                for v in node:
                    walk(v, key, name)
            elif isinstance(node, str):
                out.append((f"{name}:{key}", node))

        walk(data)
    return out


ALLOWED_JOBCENTRE = re.compile(
    r"\(jobcentret\)|\(jobcentre\)|\(jobcentre's\)|kommunen \(jobcentret\)|"
    r"stadig jobcentret|call it the jobcentre|still call it the jobcentre|"
    r"\bjobcenter_[a-z_]+|contacts\.jobcenter", re.IGNORECASE)


def test_kommunen_is_the_actor_never_the_jobcentre():
    bad = []
    for where, text in _content_texts():
        if where.startswith(("findings:jobcenter_not_contacted", "questions:contacts.jobcenter")):
            continue  # the retired finding and question
        rest = ALLOWED_JOBCENTRE.sub("", text)
        if re.search(r"jobcent", rest, re.IGNORECASE):
            bad.append((where, text))
    assert not bad, bad


def test_never_berettiget_and_the_agreed_spellings():
    for where, text in _content_texts():
        low = text.lower()
        if where.startswith(("export:", "report:")) and "berettiget" in where:
            continue
        assert "berettiget" not in low or "never" in low or "aldrig" in low, where
        assert "under 6 år" not in low, where
        assert "12 måneders-krav" not in low and "12-måneders" not in low, where
        assert "12-måneders krav" not in low, where
        assert "den skal afklares først" not in low, where


def test_du_form_for_the_employee():
    for name in ("findings", "questions"):
        data = content.load(name)
        for key, table in data.items():
            for sub in (table, *(table.get("variants", {}) or {}).values()) \
                    if isinstance(table, dict) else ():
                for field in ("message", "label", "help"):
                    entry = sub.get(field) if isinstance(sub, dict) else None
                    if isinstance(entry, dict):
                        du = entry.get("da_du") or ""
                        assert "medarbejderens hjemkommune" not in du, key
                        manager = entry.get("da") or ""
                        assert "din egen" not in manager or "da_du" in entry, key
            if not isinstance(table, dict):
                continue
            for q in table.values() if name == "questions" else ():
                if isinstance(q, dict) and isinstance(q.get("label"), dict):
                    du = q["label"].get("da_du") or ""
                    assert "medarbejderens hjemkommune" not in du


def test_capacity_is_a_condition():
    c = ready_case()
    c.eligibility.capacity_reduced = "no"
    msg = finding(assess(c, AS_OF), "capacity_not_reduced").message
    assert "En varigt og væsentligt nedsat arbejdsevne er en betingelse" in msg


def test_disability_pension_claim_the_municipality_decides():
    c = ready_case()
    c.person.disability_pension_claim_pending = "yes"
    msg = finding(assess(c, AS_OF), "disability_pension_claim_pending").message
    assert "kommunen, der afgør, om det skal være fleksjob eller førtidspension" in msg
    assert "afklares først" not in msg


def test_section_116_3_keeps_obviously_pointless_and_its_full_reach():
    for fid in ("no_measures_tried", "relocation_retraining_not_examined"):
        for lang in ("da", "en"):
            text = content.pick(content.entry("findings", f"{fid}.message"), lang)
            assert ("medmindre det er åbenbart formålsløst" if lang == "da"
                    else "unless this is obviously pointless") in text
            assert ("alle relevante tilbud og indsatser" if lang == "da"
                    else "all relevant offers and measures") in text
    ref = content.pick(content.entry("findings", "relocation_retraining_not_examined.reference"),
                       "da")
    assert "genoptræning" in ref and "fagforeningens vejledning" in ref  # seed 004
    for key in ("eligibility.relocation_retraining_examined", "measure.status"):
        assert "medmindre det er åbenbart formålsløst" in content.text(
            "questions", f"{key}.help", "da")


def test_the_pension_question_says_an_ordinary_pension_does_not_count():
    for lang, word in (("da", "arbejdsmarkedspension"), ("en", "arbejdsmarkedspension")):
        text = content.text("questions", "person.receives_disability_pension.help", lang)
        assert word in text


def test_the_section_56_help_says_what_the_law_says():
    help_da = content.text("measures", "increased_absence.help", "da")
    for phrase in ("første 30 kalenderdage", "mindst 10 fraværsdage", "21 dage",
                   "skriftlig", "navn og adresse", "sygdommens art", "hjemkommunen skal godkende",
                   "2 år ad gangen", "fornys", "virker først fra den dag", "lav den tidligt",
                   # § 56, stk. 1 (the employment requirement) and stk. 4 (renewal after a change)
                   "beskæftigelseskravet", "ændret sig væsentligt"):
        assert phrase in help_da, phrase
    assert "fra første fraværsdag" not in help_da
    help_en = content.text("measures", "increased_absence.help", "en")
    assert "first 30 calendar days" in help_en and "no effect before it is made" in help_en


def test_both_adaptation_measures_are_kept_and_told_apart():
    a = content.text("measures", "workplace_adaptation.help", "da")
    b = content.text("measures", "room_adaptation.help", "da")
    assert "funktionsnedsættelse" in b and "Ændret indretning af arbejdspladsen" in b
    assert "Indretning af lokale eller arbejdsplads" in a


@pytest.mark.parametrize(
    ("employer", "offices"),
    [
        ("Københavns Kommune", True),
        ("Københavns Kommune, Sundheds- og Omsorgsforvaltningen", True),
        ("Frederiksberg Kommune", False),
        ("Nordlager A/S", False),
        (None, False),
    ],
)
def test_copenhagen_offices_only_for_that_employer(employer, offices):
    c = ready_case()
    c.employment.employer = employer
    c.contacts.hr = "no"
    f = finding(assess(c, AS_OF), "hr_not_contacted")
    assert ("Arbejdsmiljø København" in f.message) is offices
    assert ("Koncernservice" in f.message) is offices
    if not offices:
        assert "HR / arbejdsmiljø" in f.message
        assert "generel vejledning" in f.reference


def test_technical_words_get_a_gloss():
    from fleksjob_tui.wizard.widgets.help import glossary

    assert "bekendtgørelse" in glossary("BEK nr. 1794/2025 § 1", "da")
    assert "lov om en aktiv beskæftigelsesindsats" in glossary("LAB § 116", "da")
    assert glossary("Seed 000", "da") == ""
    help_text = content.text("questions", "economy.full_time_monthly_wage.help", "da")
    assert "lønloftet, det højeste beløb" in help_text
    assert "tilkendelse" not in content.text("questions", "agreement.attempt_documented.help",
                                             "da")


# --- 5. Self-employed (section 5) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "benefit", "expected"),
    [
        (11, "no", "self_employed_hours_not_met"),
        (11, "unknown", "self_employed_hours_extension_possible"),
        (11, "yes", "self_employed_hours_extension_possible"),
        (11, None, "self_employed_hours_extension_possible"),
        (12, "no", None),  # the day: 12 months are enough
        (12, "unknown", None),
        (13, "no", None),
    ],
)
def test_self_employed_months_and_benefit_periods(months, benefit, expected):
    c = self_employed_case()
    c.self_employment.months_30h_last_24 = months
    c.self_employment.benefit_periods = benefit
    a = assess(c, AS_OF)
    got = [i for i in ids(a) if i.startswith("self_employed_hours")]
    assert got == ([expected] if expected else [])
    if expected == "self_employed_hours_not_met":
        assert a.status == "not_eligible"
    elif expected:
        f = finding(a, expected)
        assert (f.severity, f.responsible) == ("missing", "employee")
        assert "BEK nr. 1794/2025 § 1, stk. 1, nr. 5 og stk. 2" in f.reference
        assert "forlænger perioden på 24 måneder" in f.message
        assert a.status == "missing"


def test_no_section_116_3_findings_for_the_self_employed():
    c = self_employed_case()
    c.eligibility.relocation_retraining_examined = "no"
    c.measures = []
    a = assess(c, AS_OF)
    assert "relocation_retraining_not_examined" not in ids(a)
    assert "no_measures_tried" not in ids(a)


def test_self_employed_capacity_against_the_work_in_the_business():
    c = self_employed_case()
    c.eligibility.capacity_reduced = "no"
    f = finding(assess(c, AS_OF), "capacity_not_reduced")
    assert "arbejdet i virksomheden" in f.message
    assert "BEK nr. 1794/2025 § 1, stk. 1, nr. 1" in f.reference
    assert "almindelige vilkår" not in f.message


def test_the_self_employed_example_follows_the_new_rules():
    case = load_case(EXAMPLES / "selvstaendig.toml")
    a = assess(case, D(2026, 11, 22))
    assert a.status == "ready"
    assert ids(a) == ["capacity_unclear"]  # the municipality's part


# --- 6. Economy: the ceiling to the krone -----------------------------------------------------


@pytest.mark.parametrize("hourly", [150, 187.5, 200, 200.3, 233.33, 310.55])
@pytest.mark.parametrize("hours", [10, 18, 25, 30, 33.5, 37])
@pytest.mark.parametrize("ceiling", [None, 25000, 32000, 32000.5])
def test_the_ceiling_holds_to_the_krone(hourly, hours, ceiling):
    e = estimate(hourly, hours, 2026, ceiling)
    cap = Decimal(str(e.cap))
    if ceiling is None:
        assert e.cap_estimated and e.full_time_monthly_wage is None
        expected = (Decimal(str(hourly)) * 37 * 52 / 12).quantize(Decimal("0.01"))
        assert cap == expected
    else:
        assert not e.cap_estimated and e.full_time_monthly_wage == ceiling
    total = Decimal(str(e.wage)) + Decimal(str(e.subsidy))
    assert Decimal(str(e.total)) == total
    if e.capped:
        if Decimal(str(e.wage)) <= cap:
            assert total == cap  # exactly the ceiling: never one krone short
        else:
            assert e.subsidy == 0
    else:
        assert total <= cap
    # the rows shown add up: wage + subsidy = total, in whole kroner
    rows = dict(line for line in estimate_lines(e, "da", detail=False)
                if isinstance(line, tuple))
    num = lambda s: int(s.replace(" kr.", "").replace(".", ""))  # noqa: E731
    subsidy_label = next(k for k in rows if k.startswith("Fleksløntilskud")
                         and ("efter" in k or "fra kommunen" in k))
    assert num(rows["Løn fra arbejdsgiveren"]) + num(rows[subsidy_label]) == num(
        rows["I alt pr. måned før skat"])


def test_the_reported_example_reaches_32000():
    """The review found 31.999 kr instead of 32.000: wage in øre, subsidy rounded down."""
    e = estimate(200.3, 30, 2026, 32000)
    assert e.capped and e.total == 32000.0
    lines = wrap_lines(estimate_lines(e, "da"), 80)
    assert any(line.endswith("32.000 kr.") and line.startswith("I alt") for line in lines)


def test_without_full_time_wage_the_ceiling_is_estimated_from_37_hours():
    e = estimate(200, 18, 2026)
    assert e.cap_estimated and e.cap == pytest.approx(200 * 37 * 52 / 12, abs=0.01)
    assert e.capped  # 15.600 + 16.920 would be above full time at the same hourly wage
    assert e.total == e.cap
    text = " ".join(wrap_lines(estimate_lines(e, "da"), 80))
    assert "anslået ud fra 37 timer om ugen" in text
    assert "ATP og anden indkomst er ikke regnet med" in text
    en = " ".join(wrap_lines(estimate_lines(e, "en"), 80))
    assert "estimated from 37 hours a week" in en and "ATP and other income" in en


@pytest.mark.parametrize(("hours", "capped"), [(40, False), (37, True), (30, True)])
def test_full_time_hours_change_the_37(hours, capped):
    e = estimate(200, 18, 2026, full_time_hours=hours)
    assert e.full_time_hours == hours and e.capped is capped
    r = run("tilskud", "--hourly", "200", "--hours", "18", "--year", "2026",
            "--full-time-hours", str(hours))
    assert r.returncode == 0, r.stderr
    assert f"anslået ud fra {hours} timer om ugen" in " ".join(r.stdout.split())
    data = json.loads(run("tilskud", "--hourly", "200", "--hours", "18", "--year", "2026",
                          "--full-time-hours", str(hours), "--json").stdout)
    assert data["cap_estimated"] is True and data["full_time_hours"] == hours


@pytest.mark.parametrize("bad", ["0", "-1", "abc", "100"])
def test_full_time_hours_refused_in_plain_words(bad):
    r = run("tilskud", "--hourly", "200", "--hours", "18", "--full-time-hours", bad)
    assert r.returncode == 2
    assert "--full-time-hours" in r.stderr and "Traceback" not in r.stderr


def test_the_full_time_wage_help_says_pension_and_fixed_supplements():
    help_text = content.text("questions", "economy.full_time_monthly_wage.help", "da")
    assert "pension og faste tillæg" in help_text and "37 timer" in help_text


# --- the summary, the pack and English -------------------------------------------------------


def test_summary_at_80_columns_tells_waiting_with_dates():
    case = waiting_case(role="manager")
    case.agreement.accommodations = []  # missing now, due now (RULES.md section 7)
    case.eligibility.capacity_assessed = "no"  # the municipality's part
    a = assess(case, D(2026, 12, 1))
    text = report.summary_text(case, a, width=80)
    assert max(len(line) for line in text.splitlines()) <= 80
    flat = " ".join(text.split())
    assert "Status: MANGLER" in text
    assert "[Mangler · nu]" in flat and "kan regne dem fra den dag, aftalen underskrives" in flat
    assert "Venter på (1)" in text and "[Venter · nås 01-03-2027]" in flat
    assert "Det vurderer kommunen (1)" in text and "[Kommunen vurderer]" in flat
    assert ("Lovgrundlag: lov om en aktiv beskæftigelsesindsats (LBK nr. 280 af 01/03/2024) "
            "med senere ændringer, bl.a. lov nr. 1750 af 29/12/2025 (tjekket 01-12-2026)") in flat
    case.agreement.accommodations = ["Ingen nattevagter"]
    a = assess(case, D(2026, 12, 1))
    text = " ".join(report.summary_text(case, a, width=80).replace("│", " ").split())
    assert "Status: VENTER" in text
    assert ("Sagen venter kun på, at de 12 måneder på særlige vilkår er gået. Den ser ud til at "
            "kunne gå til kommunen fra den 01-03-2027.") in text


def test_summary_in_english_says_it_in_english():
    case = waiting_case(role="manager", language="en")
    case.eligibility.capacity_assessed = "no"
    a = assess(case, D(2026, 12, 1))
    text = report.summary_text(case, a, width=80)
    flat = " ".join(text.replace("│", " ").split())
    assert "Status: WAITING" in flat
    assert "It looks ready to go to the municipality from 2027-03-01." in flat
    assert "Waiting for (1)" in text and "[Waiting · reached on 2027-03-01]" in flat
    assert "The municipality assesses (1)" in text
    assert "Legal basis: the Active Employment Act" in flat and "(checked 2026-12-01)" in flat
    for danish in ("Venter", "senest", "Lovgrundlag", "Det vurderer kommunen", "tjekket"):
        assert danish not in text
    r = run("check", "-", "--lang", "en")  # a bad path: still English
    assert "Traceback" not in r.stderr


def test_the_pack_groups_and_dates_like_the_summary():
    case = waiting_case()
    case.agreement.accommodations = []
    case.eligibility.capacity_assessed = "no"
    a = assess(case, D(2026, 12, 1))
    pk = build_pack(case, a)
    titles = [title for title, _ in pk.findings]
    assert titles[-2:] == ["Venter på", "Det vurderer kommunen"]
    assert pk.law_line.startswith("Lovgrundlag: ") and pk.law_outdated is None
    md = render_markdown(case, a)
    html = render_html(case, a)
    assert "Mangler · nu" in md and "Venter · nås 01-03-2027" in md
    assert "Mangler · nu" in html and "Det vurderer kommunen" in html
    assert "(tjekket 01-12-2026)" in md and "(tjekket 01-12-2026)" in html
    case.agreement.accommodations = ["x"]
    a = assess(case, D(2026, 12, 1))
    assert "fra den 01-03-2027" in build_pack(case, a).status_sentence
    assert build_pack(case, a).status_word == "VENTER"


def test_examples_follow_the_new_rules():
    klar = assess(load_case(EXAMPLES / "klar.toml"), D(2026, 11, 22))
    # Ready; one advice only: more than four months between its two meetings (practice).
    assert klar.status == "ready" and ids(klar) == ["meetings_far_apart"]
    mangler = assess(load_case(EXAMPLES / "mangler-dokumentation.toml"), D(2026, 11, 22))
    assert mangler.status == "missing"
    assert "twelve_months_not_met" in ids(mangler)
    assert "medical_documentation_advice" in ids(mangler)
    for name in ("klar", "mangler-dokumentation", "selvstaendig"):
        assert "jobcenter" not in (EXAMPLES / f"{name}.toml").read_text(encoding="utf-8")


def test_copenhagens_own_offices_are_named_only_in_the_copenhagen_wording():
    for where, text in _content_texts():
        if "Arbejdsmiljø København" in text or "Koncernservice" in text:
            assert where.startswith("findings:hr_not_contacted.variants.kk"), where


async def test_the_start_screen_lists_a_waiting_case(tmp_path, monkeypatch):
    from fleksjob_tui.case.storage import save_case
    from fleksjob_tui.wizard.app import FleksjobApp

    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    c = waiting_case()
    c.case.title = "Venter"
    save_case(c, tmp_path / "venter.toml")
    app = FleksjobApp(as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        from textual.widgets import OptionList

        await pilot.pause()
        options = [str(o.prompt) for ol in app.screen.query(OptionList) for o in ol.options]
        assert any("venter på tiden" in o for o in options), options


# --- The review of issue 10 (lawreview): what the first implementation got wrong ---------------

# Born 1965-01-15: state pension age 68 on 2033-01-15, six-year mark 2027-01-15, before the
# waiting case's twelve months (2027-03-01).
EARLY_MARK_BIRTH = D(1965, 1, 15)
EARLY_MARK = D(2027, 1, 15)


@pytest.mark.parametrize(
    ("start", "raised"),
    [
        (EARLY_MARK - ONE, True),  # more than 6 years left on the start day: "forinden" binds
        (EARLY_MARK, False),  # 6 years or less on the start day: § 119, stk. 1 does not apply
        (EARLY_MARK + ONE, False),
    ],
)
def test_flexjob_start_on_or_after_the_six_year_mark_is_not_held_back(start, raised):
    assert pension_for(EARLY_MARK_BIRTH).six_year_mark == EARLY_MARK
    c = waiting_case()
    c.person.birth_date = EARLY_MARK_BIRTH
    c.flexjob.start = start
    a = assess(c, AS_OF)
    assert ("flexjob_start_before_twelve_months" in ids(a)) is raised
    assert a.status == ("missing" if raised else "waiting")


@pytest.mark.parametrize("self_employed", [False, True])
@pytest.mark.parametrize(
    ("role", "lang", "phrase"),
    [
        ("manager", "da", "Det er ikke oplyst, om kommunen har vurderet"),
        ("employee", "da", "Det er ikke oplyst, om kommunen har vurderet, om din arbejdsevne"),
        ("manager", "en", "It has not been stated whether the municipality has assessed"),
        ("employee", "en", "It has not been stated whether the municipality has assessed "
                           "whether your work capacity"),
    ],
)
def test_dont_know_whether_the_municipality_has_assessed_reads_not_stated(
        self_employed, role, lang, phrase):
    c = self_employed_case() if self_employed else ready_case()
    c.case.role = role
    c.case.language = lang
    c.eligibility.capacity_assessed = "unknown"
    f = finding(assess(c, AS_OF), "capacity_unclear")
    assert f.message.startswith(phrase), f.message
    assert ("virksomhed" in f.message or "business" in f.message) is self_employed
    # "Nej" (not assessed yet) still says the municipality has not assessed it.
    c.eligibility.capacity_assessed = "no"
    f = finding(assess(c, AS_OF), "capacity_unclear")
    assert not f.message.startswith(phrase)


@pytest.mark.parametrize(
    ("as_of", "variant"),
    [
        (EARLY_MARK - ONE, "applies"),  # more than 6 years: the rule applies as usual
        (EARLY_MARK, "senior"),  # 6 years or less: the rule does not apply at all
        (EARLY_MARK + ONE, "senior"),
    ],
)
@pytest.mark.parametrize("pointless", ["no", "yes"])
def test_progressive_note_never_says_the_rule_applies_when_six_years_or_less(as_of, variant,
                                                                           pointless):
    c = ready_case()
    c.person.birth_date = EARLY_MARK_BIRTH
    c.eligibility.progressive_disease = "yes"
    c.eligibility.retention_pointless = pointless
    if pointless == "yes" and variant == "applies":
        variant = "held"  # more than 6 years: the exception rests on the municipality
    for role, lang, applies_words, senior_words in [
        ("manager", "da", "gælder kravet om 12 måneder som sædvanligt", "6 år eller mindre"),
        ("employee", "da", "gælder kravet om 12 måneder som sædvanligt", "du har 6 år eller mindre"),
        ("manager", "en", "the 12-month rule applies as usual", "6 years or less"),
    ]:
        c.case.role, c.case.language = role, lang
        a = assess(c, as_of)
        f = finding(a, "progressive_disease_note")
        if variant == "held":
            assert "kommunens konkrete vurdering" in f.message or \
                "municipality's concrete assessment" in f.message
            assert a.twelve_months.exemption == "progressive_disease"
        elif variant == "applies":
            assert applies_words in f.message and senior_words not in f.message
            assert a.twelve_months.exemption is None
        else:
            assert applies_words not in f.message and senior_words in f.message
            assert a.twelve_months.exemption == "senior"
            assert "åbenbart formålsløst" in f.message or "obviously pointless" in f.message
            assert "§ 116, stk. 3" in f.reference


#: Every yes / no / "ved ikke" question whose "ved ikke" can raise a finding that is not advice.
UNKNOWN_ANSWERS = [
    ("person", "receives_disability_pension"),
    ("agreement", "written"),
    ("agreement", "attempt_documented"),
    ("eligibility", "capacity_reduced"),
    ("eligibility", "capacity_assessed"),
    ("eligibility", "relocation_retraining_examined"),
    ("self_employment", "main_occupation"),
    ("self_employment", "benefit_periods"),
]


@pytest.mark.parametrize(("table", "key"), UNKNOWN_ANSWERS)
@pytest.mark.parametrize(("role", "lang"), [("manager", "da"), ("employee", "da"),
                                             ("manager", "en"), ("employee", "en")])
def test_every_dont_know_reads_not_stated(table, key, role, lang):
    """RULES.md section 7: a finding raised by "ved ikke" says "det er ikke oplyst, om …", in
    the manager's and the employee's wording alike (never "svar på …" or "… mangler")."""
    if table == "self_employment":
        c = self_employed_case()
        c.self_employment.months_30h_last_24 = 11  # so benefit_periods matters
        c.self_employment.benefit_periods = "yes"
    else:
        c = ready_case()
    c.case.role, c.case.language = role, lang
    before = {f.id for f in assess(c, AS_OF).findings}
    setattr(getattr(c, table), key, "unknown")
    raised = [f for f in assess(c, AS_OF).findings
              if f.severity != "advice" and (f.id not in before or key == "benefit_periods")]
    assert raised, f"{table}.{key} = unknown raised nothing"
    phrase = "det er ikke oplyst, om" if lang == "da" else "it has not been stated whether"
    for f in raised:
        assert phrase in f.message.lower(), (f.id, f.message)
        first = f.message.split(".")[0].lower()
        assert "mangler" not in first and "missing" not in first, (f.id, f.message)


@pytest.mark.parametrize(("role", "lang", "phrase"), [
    ("manager", "da", "der er ikke noget at rette"), ("employee", "da", "der er ikke noget at rette"),
    ("manager", "en", "there is nothing to correct"), ("employee", "en", "there is nothing to correct"),
])
@pytest.mark.parametrize("birth", [BIRTH, EARLY_MARK_BIRTH])  # with and without the six-year mark
def test_waiting_and_the_municipalitys_part_send_no_one_looking_for_a_mistake(role, lang, phrase,
                                                                              birth):
    c = waiting_case(role, lang)
    c.person.birth_date = birth
    c.eligibility.capacity_assessed = "no"
    a = assess(c, AS_OF)
    assert a.status == "waiting"
    waiting = finding(a, "twelve_months_not_met")
    assert phrase in waiting.message
    assert ("6 år eller mindre" in waiting.message or "6 years or less" in waiting.message) \
        is (birth == EARLY_MARK_BIRTH)
    municipality = finding(a, "capacity_unclear").message
    assert ("ikke selv skaffe" in municipality) or ("need not obtain" in municipality)


@pytest.mark.parametrize("written", ["yes", "no", "unknown"])
def test_functions_and_accommodations_do_not_presuppose_an_agreement(written):
    c = ready_case()
    c.agreement.written = written
    c.agreement.difficult_functions = []
    c.agreement.accommodations = []
    a = assess(c, AS_OF)
    for fid in ("difficult_functions_missing", "accommodations_missing"):
        msg = finding(a, fid).message
        assert msg.startswith("Det er ikke skrevet ned") and "skriftlige aftale skal nævne" in msg


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_self_employed_are_not_told_about_a_workplace_or_the_twelve_months(lang):
    c = self_employed_case()
    c.case.language = lang
    c.contacts.home_municipality = "no"
    a = assess(c, AS_OF)
    f = finding(a, "home_municipality_not_contacted")
    assert "§ 126" in f.reference and "§ 118" not in f.reference
    assert "København" not in f.reference and "Copenhagen" not in f.reference
    steps = " ".join(report.next_steps(c, a, lang))
    assert "12 måneder" not in steps and "12 months" not in steps


def _texts(node, path=()):
    """Every string in a content table, with its key path (references left out)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k != "reference":
                yield from _texts(v, (*path, str(k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _texts(v, (*path, str(i)))
    elif isinstance(node, str):
        yield ".".join(path), node


def test_every_paraphrase_of_section_116_3_keeps_unless_obviously_pointless():
    """Issue 10, 7: wherever § 116, stk. 3 is paraphrased, "medmindre det er åbenbart
    formålsløst" stays (the pack's measures intro said only "skal være afprøvet")."""
    seen = 0
    for toml in sorted(CONTENT.glob("*.toml")):
        for key, text in _texts(content.load(toml.stem)):
            if re.search(r"116, stk\. 3|116\(3\)", text) and re.search(
                    r"afprøvet|have been tried|must have been tried|skal være", text):
                seen += 1
                assert ("åbenbart formålsløst" in text or "obviously pointless" in text), \
                    f"{toml.name}: {key}: {text}"
    assert seen >= 2


@pytest.mark.parametrize(
    ("home", "jobcenter", "raised"),
    [
        ("yes", None, False),
        ("no", None, True),
        (None, None, True),
        (None, "yes", False),  # an old file: the jobcentre is the municipality's own
        ("no", "yes", False),
        ("no", "no", True),
        (None, "unknown", True),
    ],
)
def test_an_old_files_jobcentre_contact_counts_as_the_municipality_contacted(home, jobcenter,
                                                                           raised):
    c = ready_case()
    c.contacts.home_municipality = home
    c.contacts.jobcenter = jobcenter
    assert ("home_municipality_not_contacted" in ids(assess(c, AS_OF))) is raised


@pytest.mark.parametrize(("role", "lang", "words"), [
    ("manager", "da", ("seniorpension", "kommunen, der afgør, om det skal være fleksjob eller "
                                        "førtidspension")),
    ("employee", "da", ("seniorpension", "Har du søgt om førtidspension")),
    ("manager", "en", ("senior pension", "the municipality decides")),
])
def test_a_pending_claim_names_both_pensions_the_question_asks_about(role, lang, words):
    """The question asks about førtidspension or seniorpension; the message must not speak of
    førtidspension alone (nor say the municipality decides a senior-pension claim)."""
    c = ready_case(role, lang)
    c.person.disability_pension_claim_pending = "yes"
    msg = finding(assess(c, AS_OF), "disability_pension_claim_pending").message
    for w in words:
        assert w in msg, msg
    assert "berettiget" not in msg and "eligible" not in msg


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_self_employed_estimate_is_not_said_to_be_computed_monthly_from_the_register(lang):
    """BEK nr. 1794/2025 § 8, stk. 2: the self-employed subsidy is computed once a year; only
    the wage subsidy is computed every month from the income register."""
    r = run("--lang", lang, "tilskud", "--business-income", "200000", "--year", "2026")
    assert r.returncode == 0, r.stderr
    text = " ".join(r.stdout.split())
    assert ("én gang om året" if lang == "da" else "once a year") in text
    for table, key in (("report", "tilskud.disclaimer"), ("export", "economy.disclaimer")):
        said = content.text(table, key, lang, reference="x") if table == "export" else \
            content.text(table, key, lang)
        assert ("én gang om året" in said) or ("once a year" in said)
        assert ("hver måned" in said) or ("every month" in said)


EXAMPLE_DAY = D(2026, 11, 22)  # the day the examples are written for
EXAMPLE_MET_ON = D(2027, 6, 22)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [(EXAMPLE_MET_ON - ONE, "waiting"), (EXAMPLE_MET_ON, "ready"), (EXAMPLE_MET_ON + ONE, "ready")],
)
def test_the_waiting_example_waits_until_its_twelve_months(as_of, status):
    case = load_case(EXAMPLES / "venter.toml")
    a = assess(case, as_of)
    assert a.status == status
    assert "capacity_unclear" in ids(a)  # the municipality's part never holds it back
    if status == "waiting":
        assert finding(a, "twelve_months_not_met").due == EXAMPLE_MET_ON
        assert ids(a) == ["twelve_months_not_met", "capacity_unclear"]
    assert "jobcenter" not in (EXAMPLES / "venter.toml").read_text(encoding="utf-8")
    assert assess(case, EXAMPLE_DAY).status == "waiting"
