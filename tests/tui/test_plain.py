"""The plain way (``fleksjob --plain``): a whole case as a conversation through a real
pseudo-terminal, answered as a person would, then the saved case and its assessment; refused
answers, Ctrl+C and resume, a closed terminal, a case open elsewhere; no escape sequences; the
plain summary; and that the flow lists exactly the questions each wizard step shows."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from fleksjob_tui.case import locking, storage
from fleksjob_tui.case.model import Case, Measure, Meeting
from fleksjob_tui.plain import flow
from fleksjob_tui.plain.reading import spoken
from fleksjob_tui.rules import assess

pexpect = pytest.importorskip("pexpect")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 11, 22)

#: A question waiting for its answer: the text after the last newline, ending "? ", ": " or ") ".
PROMPT = re.compile(r"(?:\A|\n)([^\n]*[?:)] )\Z")
ESC = "\x1b"
BOX = re.compile(r"[\u2500-\u257f\u2580-\u259f✓✗•›‹↑↓←→]")


def env(home: Path, **extra: str) -> dict[str, str]:
    e = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "FLEKSJOB_HOME": str(home),
        "FLEKSJOB_AS_OF": AS_OF.isoformat(),
        "FLEKSJOB_DEBUG": "1",
        "TERM": "dumb",
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(ROOT),
        "FLEKSJOB_CACHE": os.environ.get("FLEKSJOB_CACHE", "off"),  # the run's cache (conftest)
    }
    e.update(extra)
    return e


def spawn(home: Path, *args: str, **extra: str):
    child = pexpect.spawn(sys.executable, ["-m", "fleksjob_tui", *args], cwd=str(ROOT),
                          env=env(home, **extra), encoding="utf-8", codec_errors="replace",
                          timeout=30, dimensions=(24, 80))
    child.transcript = []  # type: ignore[attr-defined]
    return child


def converse(child, script: list[tuple[str, str | None]], limit: int = 300) -> list[str]:
    """Answer the conversation as a person would.

    ``script`` is in order: ``(fragment, reply)`` answers the next question whose prompt holds
    ``fragment``; ``(fragment, None)`` says that ``fragment`` must be said before the next
    question. A question the script does not know (e.g. one added later) gets Enter (left
    unanswered, as a person might), and is returned.
    """
    unknown: list[str] = []
    i = 0
    for _ in range(limit):
        if i >= len(script):
            return unknown
        got = child.expect([PROMPT, pexpect.EOF])
        said = child.before + (child.match.group(0) if got == 0 else "")
        child.transcript.append(said)
        while i < len(script) and script[i][1] is None:
            assert script[i][0] in said, f"expected {script[i][0]!r} in:\n{said}\n\n" + transcript(child)
            i += 1
        if got == 1:
            assert i >= len(script), f"the program ended before {script[i]!r}\n" + transcript(child)
            return unknown
        prompt = child.match.group(1)
        if i < len(script) and script[i][0] in prompt:
            child.sendline(script[i][1])
            i += 1
        else:
            unknown.append(prompt)
            child.sendline("")
    raise AssertionError("the conversation did not end\n" + transcript(child))


def transcript(child) -> str:
    return "".join(child.transcript)


def finish(child) -> int:
    child.expect(pexpect.EOF)
    child.transcript.append(child.before)
    child.close()
    return child.exitstatus


def no_escapes(text: str) -> None:
    assert ESC not in text, "an escape sequence in the plain output"
    assert not BOX.search(text), f"a drawn symbol in the plain output: {BOX.search(text).group(0)!r}"


# ── whole cases, one per role ─────────────────────────────────────────────────────────────────
EMPLOYEE = [
    ("Hvem udfylder sagen?", ""),  # an empty required answer
    ("Vælg, hvem der udfylder sagen", None),
    ("Hvem udfylder sagen?", "m"),
    ("Navn eller initialer: ", "AB"),
    ("Din fødselsdato", "31-02-1970"),  # a date that does not exist
    ("'31-02-1970' findes ikke: februar 1970 har 28 dage.", None),
    ("Din fødselsdato", "10.05.1966"),
    ("Folkepensionsalder 68 år: 10. maj 2034.", None),
    ("Din hjemkommune", "Aarhus"),
    ("Er du selvstændig erhvervsdrivende? (j = ja, n = nej)", "x"),  # an unknown letter
    ('"x" er ikke et af svarene. Skriv j eller n.', None),
    ("Er du selvstændig erhvervsdrivende?", "n"),
    ("Får du førtidspension", "n"),
    ("Har du søgt om førtidspension", "n"),
    ("Er du sygemeldt nu? (1 = Ja, helt, 2 = Ja, delvist, 3 = Nej, 4 = Ved ikke)", "2"),
    ("Dit fulde navn (til kommunen og aftalen)", ""),  # the municipality's and the agreement
    # The title last, with Enter to keep the one the case was made with (issue 24).
    ("Hvad skal sagen hedde i listen over gemte sager? (nu: Sag 22. november 2026; Enter beholder det)", ""),
    ("Svaret er stadig: Sag 22. november 2026.", None),
    ("Trin 2 af 8: Ansættelsen.", None),
    ("Arbejdsgiver", "Region Midt"),
    ("Arbejdsplads", "Hospitalet"),
    ("Stilling", "Sygeplejerske"),
    ("Normal ugentlig arbejdstid (timer)", "37"),
    ("Nuværende ugentlig arbejdstid (timer)", "24,5"),
    ("Overenskomst", "OK24"),
    ("Har overenskomsten et socialt kapitel? (j = ja, n = nej, v = ved ikke)", "j"),
    ("Hvornår startede din ansættelse", "01-06-2025"),
    ("De 12 måneder blev nået 1. juni 2026.", None),
    ("Lederens navn", "Bo Holm"),
    ("Tillidsrepræsentantens navn", "Lise Berg"),
    ("Tillidsrepræsentantens fagforening", "DSR"),
    ("HR-kontakt (navn)", ""),
    ("Har du og din leder lavet en skriftlig aftale?", "j"),
    ("Hvornår blev aftalen underskrevet?", "2025-06-01"),
    ("Funktioner du har svært ved", None),
    ("Punkt 1", "tunge løft"),
    ("Punkt 2", "nattevagter"),
    ("Punkt 3", ""),
    ("Aftalte skånehensyn", None),
    ("Punkt 1", "ingen løft over 10 kg"),
    ("Punkt 2", ""),
    ("Har din leder dokumenteret", "j"),
    ("Er HR eller arbejdsmiljø kontaktet?", "j"),  # "HR / arbejdsmiljø": no slash read aloud
    ("Har du kontaktet din hjemkommune om sagen?", "j"),
    ("Er fagforeningen", "j"),
    ("1. Ændret vagtplan: ikke udfyldt.", None),
    ("Vælg et redskab med et tal fra 1 til 12", "1"),
    ("Er redskabet afprøvet? (1 = Ikke afprøvet, 2 = Afprøvet, 3 = I gang, 4 = Ikke relevant)", "2"),
    ("Fra (dato)", "01-06-2025"),
    ("Til (dato", "01-12-2025"),
    ("Hjalp det?", "1"),
    ("Er forsøget dokumenteret skriftligt?", "j"),
    ("Er redskabet en aftale, som kommunen har godkendt", "n"),  # no date of approval asked
    ("Note", "Ingen nattevagter"),
    ("Redskabet Ændret vagtplan er nu: afprøvet, fra 1. juni 2025 til 1. december 2025, resultat: hjalp, "
     "dokumenteret: ja, ikke godkendt af kommunen.", None),
    ("Vælg et redskab med et tal fra 1 til 12", ""),
    ("Er din arbejdsevne varigt", "j"),
    ("Har kommunen vurderet arbejdsevnen?", "j"),
    ("Er der lægelige oplysninger, der viser, at dine begrænsninger er varige", "j"),
    ("Er alle muligheder", "j"),
    ("Skyldes det en skade", "n"),
    ("Er det åbenbart formålsløst", "n"),
    ("Har du en alvorlig", "n"),
    ("Startdato for fleksjobbet", ""),
    ("Tilføj et møde? (j = ja, n = nej)", "j"),
    ("Dato for mødet", "15-06-2025"),
    ("Hvem deltog?", "1 2 3"),
    ("Hvad blev drøftet?", "Opstart"),
    ("Hvad blev aftalt?", "Skånehensyn og opfølgning"),
    ("Mødet er gemt: 15. juni 2025; deltog: medarbejder, leder, tillidsrepræsentant; drøftet: Opstart", None),
    ("Tilføj et møde mere?", "n"),
    ("Næste opfølgningsmøde (dato): ", "15-12-2026"),
    ("Trin 7 af 8: Økonomi (valgfri).", None),
    ("Timeløn", "210,50"),
    ("Betalte timer om ugen", "18"),
    ("Fuldtidsløn", "32.000"),
    ("År for beregningen", ""),
    ("Hvem skal gøre hvad", None),
    ("Tryk Enter for at afslutte", ""),
]

UNION_REP_EN = [
    ("Who is filling in the case? (e = I am the employee, u = I am the union representative, m = I am the manager)", "u"),
    ("Name or initials", "CD"),
    ("The employee's date of birth", "1970-03-01"),
    ("The employee's home municipality", "Odense"),
    ("Is the employee self-employed? (y = yes, n = no)", "n"),
    ("Does the employee receive", "n"),
    ("Is there a pending claim", "d"),
    ("What should the case be called in the list of saved cases? (now: Case 22 November 2026; Enter keeps it)", "Pedel, Odense"),
    ("Employer", "Odense Kommune"),
    ("Workplace", ""),
    ("Job title", "Pedel"),
    ("Normal weekly working hours", "37"),
    ("Current weekly working hours", ""),
    ("Collective agreement", ""),
    ("Does the collective agreement have a social chapter? (y = yes, n = no, d = don't know)", "y"),
    ("When did the employment", "01-02-2026"),
    ("The 12 months are reached on 1 February 2027.", None),  # a date said in words (issue 24)
    ("The manager's name", ""),
    ("The union representative's name", "CD"),
    ("The union representative's union", "3F"),
    ("HR contact (name)", ""),
    ("Is there a written agreement", "n"),
    ("When was the agreement signed?", ""),
    ("Functions the employee", None),
    ("Item 1", ""),
    ("Agreed accommodations", None),
    ("Item 1", ""),
    ("Has the manager documented", "d"),
    ("Has HR", "?"),  # help and the legal basis, then the same question again
    ("Reference: ", None),
    ("Has HR", "n"),
    ("Has the employee's home municipality been contacted about the case?", "n"),
    ("Is the union", "y"),
    ("Choose a measure by a number from 1 to 12", ""),
    ("Is the employee's work capacity", "y"),
    ("Has the municipality assessed", "n"),
    ("Is there medical information showing that the limits are lasting", "d"),
    ("Have all options", "d"),
    ("Is it due to an acute injury", "n"),
    ("Is it obviously pointless", "n"),
    ("Does the employee have a serious", "n"),
    ("Start date of the flex job", ""),
    ("Add a meeting? (y = yes, n = no)", "n"),
    ("Next follow-up meeting (date): ", ""),
    ("Hourly wage", ""),
    ("Paid hours a week", ""),
    ("Full-time monthly wage", ""),
    ("Year of the estimate", ""),
    ("Who should do what", None),
    ("Press Enter to quit", ""),
]

MANAGER_SELF_EMPLOYED = [
    ("Hvem udfylder sagen?", "l"),
    ("Navn eller initialer", "EF"),
    ("Medarbejderens fødselsdato", "01-01-2030"),  # after today
    ("1. januar 2030 ligger efter dags dato. Tjek datoen.", None),
    ("Medarbejderens fødselsdato", "01-01-1975"),
    ("Medarbejderens hjemkommune", "Vejle"),
    ("Er medarbejderen selvstændig erhvervsdrivende?", "j"),
    ("Trinene er nu: Personen, Ansættelsen, Tjekliste, Redskaber, Betingelser, Selvstændig, Møder, Økonomi, Overblik.", None),
    ("Får medarbejderen", "n"),
    ("Er der søgt om", "n"),
    ("Er medarbejderen sygemeldt nu?", "3"),
    ("fulde navn (til kommunen og aftalen)", ""),
    ("Hvad skal sagen hedde", ""),
    ("Som selvstændig gælder kravet om 12 måneder på særlige vilkår ikke.", None),
    ("Er medarbejderens hjemkommune kontaktet om sagen?", "j"),  # no HR or union to ask
    ("Vælg et redskab med et tal fra 1 til 12", "12"),
    ("Hvad blev afprøvet?", ""),  # an empty required answer
    ("Skriv et navn først.", None),
    ("Hvad blev afprøvet?", "Hjemmearbejde to dage"),
    ("Er redskabet afprøvet?", "3"),
    ("Fra (dato)", "1-9-2026"),
    ("Til (dato", "01-08-2026"),  # before the start
    ("Til-datoen ligger før fra-datoen. Ret en af dem.", None),
    ("Til (dato", ""),
    ("Hjalp det?", "2"),
    ("Er forsøget dokumenteret skriftligt?", "j"),
    ("Er redskabet en aftale, som kommunen har godkendt", "j"),
    ("Godkendt af kommunen den", "15-09-2026"),
    ("Note", "Aftalt med kunden"),
    ("Redskabet Hjemmearbejde to dage er nu: i gang, fra 1. september 2026, resultat: hjalp delvist, "
     "dokumenteret: ja, godkendt af kommunen den 15. september 2026.", None),
    ("Vælg et redskab med et tal fra 1 til 13", ""),
    ("Er arbejdsevnen varigt og væsentligt nedsat i forhold til arbejdet i virksomheden?", "j"),
    ("Har kommunen vurderet", "j"),
    ("Er der lægelige oplysninger", "v"),
    ("Startdato for fleksjobbet", ""),
    ("Trin 6 af 9: Selvstændig.", None),
    ("Er virksomheden hovedbeskæftigelsen?", "j"),
    ("Hvor mange af de seneste 24 måneder", "12,5"),  # not a whole number
    ('"12,5" er ikke et helt tal. Skriv kun cifre.', None),
    ("Hvor mange af de seneste 24 måneder", "30"),  # out of range
    ("Tallet er for stort: højst 24.", None),
    ("Hvor mange af de seneste 24 måneder", "18"),
    ("Har der inden for de seneste 24 måneder været perioder med sygedagpenge", "j"),
    ("Søges tilskuddet for første gang?", "j"),
    ("Får personen delpension, efterløn, fleksydelse", "n"),
    ("Tilføj et møde?", ""),
    ("Næste opfølgningsmøde", "1-12-2026"),
    ("Virksomhedens indkomst", "240.000"),
    ("År for beregningen", "2026"),
    ("Hvem skal gøre hvad", None),
    ("Tryk Enter for at afslutte", ""),
]


def test_employee_answers_a_whole_case(tmp_path):
    path = tmp_path / "sag.toml"
    child = spawn(tmp_path, "new", str(path))  # TERM=dumb: the plain way by itself
    converse(child, EMPLOYEE)
    assert finish(child) == 0
    out = transcript(child)
    no_escapes(out)
    case = storage.load_case(path)
    assert case.case.role == "employee"
    assert (case.person.name, case.person.birth_date) == ("AB", dt.date(1966, 5, 10))
    assert case.person.self_employed is False
    assert case.person.sick_leave == "partly"
    assert case.employment.special_terms_start == dt.date(2025, 6, 1)
    assert case.agreement.difficult_functions == ["tunge løft", "nattevagter"]
    assert case.agreement.accommodations == ["ingen løft over 10 kg"]
    rota = case.measure("changed_rota")
    assert (rota.status, rota.from_, rota.to, rota.result, rota.documented) == (
        "tried", dt.date(2025, 6, 1), dt.date(2025, 12, 1), "helped", "yes")
    assert [m.participants for m in case.meetings] == [["employee", "manager", "union_rep"]]
    assert (case.economy.hourly_wage, case.economy.full_time_monthly_wage) == (210.5, 32000)
    assert case.case.title == "Sag 22-11-2026"
    assert (case.employment.normal_weekly_hours, case.employment.current_weekly_hours) == (37, 24.5)
    assert (case.people.manager, case.people.union_rep, case.people.union, case.people.hr) == (
        "Bo Holm", "Lise Berg", "DSR", None)
    assert case.contacts.home_municipality == "yes"
    assert (rota.approved_by_municipality, rota.approved_on) == ("no", None)
    assert case.eligibility.medical_documentation == "yes"
    assert case.follow_up.next_meeting == dt.date(2026, 12, 15)
    # Heard, not seen: no slash between words, no note that is only a line in brackets.
    assert " / " not in out
    assert "Godkendt af kommunen den" not in out  # not approved: no date of approval asked
    assert " pr. " not in out and "(én per linje)" in out  # "pr." is read "p r"; "per" is heard
    assert not [x for x in out.splitlines() if x.startswith("(")]
    assert "Næste opfølgningsmøde: 15. december 2026." in out  # the summary says the next meeting
    assessment = assess(case, AS_OF)
    # The conversation's summary says what the rules say.
    assert f"Status den 22. november 2026: {_status(assessment)}." in out
    for f in assessment.findings:
        assert spoken(f.message, "da") in out  # as heard: "HR eller arbejdsmiljø"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert not locking.lock_path(path).exists()


def _status(assessment) -> str:
    from fleksjob_tui.documents.summary import status_word

    return status_word(assessment.status, "da").capitalize()


def test_union_rep_in_english(tmp_path):
    path = tmp_path / "case.toml"
    child = spawn(tmp_path, "--lang", "en", "--plain", "new", str(path), TERM="xterm")
    converse(child, UNION_REP_EN)
    assert finish(child) == 0
    out = transcript(child)
    no_escapes(out)
    assert "Have you" not in out  # the union representative is not addressed as the employee
    case = storage.load_case(path)
    assert (case.case.role, case.case.language) == ("union_rep", "en")
    assert case.person.disability_pension_claim_pending == "unknown"
    assert case.employment.workplace is None  # Enter left it unanswered
    assert case.agreement.written == "no"
    assert case.contacts.union == "yes" and case.contacts.hr == "no"
    assert case.contacts.home_municipality == "no"
    assert case.case.title == "Pedel, Odense"
    assert (case.people.union_rep, case.people.union, case.people.manager) == ("CD", "3F", None)
    assert case.employment.normal_weekly_hours == 37
    assert case.eligibility.medical_documentation == "unknown"
    assert case.follow_up.next_meeting is None
    assessment = assess(case, AS_OF)
    assert assessment.status != "ready"
    ids = {f.id for f in assessment.findings}
    assert "written_agreement_missing" in ids
    assert "is responsible. What you can do as the union representative" in out  # who acts
    # Twelve months not reached yet: the step waits for time, said in words (not "missing").
    assert "End of step: Employment. State of the step: waiting for time." in out
    assert "Waiting for time until 1 February 2027: " in out
    assert "Only waiting for time, 1 item:" in out


def test_manager_of_a_self_employed_person(tmp_path):
    path = tmp_path / "sag.toml"
    child = spawn(tmp_path, "--plain", "new", str(path))
    converse(child, MANAGER_SELF_EMPLOYED)
    assert finish(child) == 0
    no_escapes(transcript(child))
    case = storage.load_case(path)
    assert case.case.role == "manager" and case.person.self_employed is True
    assert case.person.birth_date == dt.date(1975, 1, 1)
    assert case.employment.employer is None  # not asked of the self-employed
    assert case.self_employment.months_30h_last_24 == 18
    (other,) = case.measures
    assert (other.id, other.title, other.status, other.from_, other.to) == (
        "other", "Hjemmearbejde to dage", "ongoing", dt.date(2026, 9, 1), None)
    assert case.economy.business_income == 240000 and case.economy.year == 2026
    assert (other.approved_by_municipality, other.approved_on) == ("yes", dt.date(2026, 9, 15))
    assert case.contacts.home_municipality == "yes" and case.contacts.hr is None
    assert case.self_employment.benefit_periods == "yes"
    assert case.self_employment.first_grant == "yes"
    assert case.self_employment.excluded_benefits == "no"
    assert case.person.sick_leave == "no"
    assert case.eligibility.medical_documentation == "unknown"
    assert case.follow_up.next_meeting == dt.date(2026, 12, 1)
    assert assess(case, AS_OF).twelve_months.exemption == "self_employed"


# ── stopping and going on ─────────────────────────────────────────────────────────────────────
def test_ctrl_c_loses_nothing_and_the_case_resumes_after_the_last_answer(tmp_path):
    path = tmp_path / "sag.toml"
    child = spawn(tmp_path, "new", str(path))
    converse(child, [("Hvem udfylder sagen?", "t"),
                     ("Navn eller initialer", "GH"),
                     ("Medarbejderens fødselsdato", "10-05-1966"),
                     ("Medarbejderens hjemkommune", "Aalborg")])
    child.expect_exact("Er medarbejderen selvstændig erhvervsdrivende?")
    child.sendintr()
    child.expect_exact("Afbrudt. Alle svar er gemt i")
    assert finish(child) == 130
    case = storage.load_case(path)
    assert (case.person.name, case.person.home_municipality) == ("GH", "Aalborg")
    assert not locking.lock_path(path).exists()

    child = spawn(tmp_path, "open", str(path))
    converse(child, [
        ("", None),
        ("Er medarbejderen selvstændig erhvervsdrivende?", "<"),  # back one question
        ("Medarbejderens hjemkommune (nu: Aalborg)", ""),  # Enter keeps it, and says so
        ("Svaret er stadig: Aalborg.", None),
        ("Er medarbejderen selvstændig", "n"),
        ("Får medarbejderen", "s"),  # the summary so far, short
        ("Kort overblik over sagen", None),
        ("Får medarbejderen", "q"),
    ])
    assert finish(child) == 0
    out = transcript(child)
    assert "Du fortsætter efter det sidste svar: trin Personen, spørgsmål 4 af" in out
    assert "Navn eller initialer" not in out  # not asked again
    assert storage.load_case(path).person.self_employed is False


def test_arrow_keys_typed_at_a_simple_terminal_never_come_back_as_escapes(tmp_path):
    path = tmp_path / "sag.toml"
    child = spawn(tmp_path, "new", str(path))
    converse(child, [("Hvem udfylder sagen?", "\x1b[Dl\x1b[C"),
                     ("Navn eller initialer", "\x1b[AOP"), ("Medarbejderens fødselsdato", "q")])
    assert finish(child) == 0
    assert ESC not in transcript(child)  # the terminal echoes a typed Esc as ^[, and we never
    assert storage.load_case(path).person.name == "OP"


def test_a_closed_terminal_loses_nothing(tmp_path):
    path = tmp_path / "sag.toml"
    child = spawn(tmp_path, "new", str(path))
    converse(child, [("Hvem udfylder sagen?", "m"), ("Navn eller initialer", "IJ")])
    child.expect_exact("Din fødselsdato")
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    child.close()
    assert storage.load_case(path).person.name == "IJ"
    assert not locking.lock_path(path).exists()


def test_a_case_open_elsewhere_is_told_it_is_open(tmp_path):
    path = tmp_path / "sag.toml"
    storage.save_case(Case.new(role="employee", title="Låst"), path)
    before = path.read_bytes()
    lock = locking.acquire(path)  # as the wizard holds it while the case is open there
    try:
        child = spawn(tmp_path, "--plain", "open", str(path))
        child.expect_exact("Sagen er åben et andet sted: sag.toml er allerede åben, åbnet ")
        child.expect_exact("i et andet vindue eller en anden browserfane på denne computer. "
                           "Luk guiden dér først")
        child.expect_exact("fleksjob summary --plain")
        assert finish(child) == 1
    finally:
        lock.release()
    assert path.read_bytes() == before


@pytest.mark.skipif(shutil.which("tmux") is None
                    or not Path(sys.executable).with_name("fleksjob").exists(),
                    reason="needs tmux and the installed fleksjob command")
def test_a_case_open_in_the_wizard_is_told_it_is_open(tmp_path):
    """The real wizard in a real terminal holds the case: the plain way says so, and leaves
    the case alone."""
    import time
    import uuid

    path = tmp_path / "sag.toml"
    storage.save_case(Case.new(role="manager", title="I guiden"), path)
    session = f"plain-{uuid.uuid4().hex[:8]}"
    e = env(tmp_path, TERM="xterm-256color")
    command = " ".join(["env", *[f"{k}={v}" for k, v in e.items()],
                        str(Path(sys.executable).with_name("fleksjob")), "open", str(path)])
    subprocess.run(["tmux", "-L", session, "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command],
                   check=True)
    try:
        end = time.monotonic() + 30
        while locking.read_lock(path) is None and time.monotonic() < end:
            time.sleep(0.1)
        assert locking.read_lock(path) is not None, "the wizard did not open the case"
        child = spawn(tmp_path, "--plain", "open", str(path))
        child.expect_exact("Sagen er åben et andet sted")
        assert finish(child) == 1
        assert locking.read_lock(path) is not None  # still the wizard's
    finally:
        subprocess.run(["tmux", "-L", session, "kill-server"], capture_output=True)


def test_lists_one_item_a_line_and_removing_answers(tmp_path):
    path = tmp_path / "sag.toml"
    case = Case.new(role="employee", title="Lister")
    case.person.name = "MN"
    case.agreement.difficult_functions = ["løft", "nattevagter", "kunder"]
    storage.save_case(case, path)
    child = spawn(tmp_path, "open", str(path))
    converse(child, [
        ("Aftalte skånehensyn", None),
        ("Punkt 1, eller en tom linje for at slutte", "<"),  # back to the list before
        ("Listen har nu 3 punkter:", None),
        ("Punkt 2: nattevagter.", None),
        ("Punkt 4, eller en tom linje", "-2"),
        ("Punkt 2 er fjernet: nattevagter.", None),
        ("Punkt 3, eller en tom linje", "tunge løft"),
        ("Tilføjet som punkt 3.", None),
        ("Punkt 4, eller en tom linje", ""),
        ("Listen har 3 punkter.", None),
        ("Punkt 1, eller en tom linje", "q"),
    ])
    assert finish(child) == 0
    assert storage.load_case(path).agreement.difficult_functions == ["løft", "kunder", "tunge løft"]

    child = spawn(tmp_path, "open", str(path))
    converse(child, [("Punkt 1, eller en tom linje", "<"), ("Punkt 4", "<"),
                     ("Hvornår blev aftalen underskrevet?", "<"),
                     ("Har du og din leder lavet en skriftlig aftale?", "<"),
                     ("Kontaktpersonens e-mail på arbejdet", "<"),
                     ("Kontaktpersonens telefon på arbejdet", "<"),
                     ("Kontaktperson på arbejdspladsen for kommunen", "<"),
                     ("Hvem sender dokumentationen til kommunen?", "<"),
                     ("HR-kontakt", "<"), ("Tillidsrepræsentantens fagforening", "<"),
                     ("Tillidsrepræsentantens navn", "<"), ("Lederens navn", "<"),
                     ("Hvornår startede din ansættelse", "<"), ("Har overenskomsten", "<"),
                     ("Overenskomst", "<"), ("Nuværende ugentlig", "<"), ("Normal ugentlig", "<"),
                     ("Stilling", "<"), ("Arbejdsplads", "<"), ("Arbejdsgiver", "<"),
                     ("Hvad skal sagen hedde", "<"), ("Dit fulde navn", "<"), ("Er du sygemeldt nu?", "<"),
                     ("Har du søgt om", "<"), ("Får du", "<"),
                     ("Er du selvstændig", "<"), ("Din hjemkommune", "<"),
                     ("Din fødselsdato", "<"),
                     ("Navn eller initialer (nu: MN)", "-"),  # a hyphen removes the answer
                     ("Svaret er fjernet.", None),
                     ("Din fødselsdato", "q")])
    assert finish(child) == 0
    assert storage.load_case(path).person.name is None


def test_piped_input_is_a_conversation_too(tmp_path):
    """Not a terminal: the plain way by itself, the answers echoed so the output reads whole;
    the end of the input saves, says the answers ran out, and quits with 1 (issue 24)."""
    path = tmp_path / "sag.toml"
    r = subprocess.run([sys.executable, "-m", "fleksjob_tui", "new", str(path)],
                       input="l\nKL\n", capture_output=True, text=True, cwd=ROOT,
                       env=env(tmp_path, TERM="xterm"), timeout=60)
    assert r.returncode == 1, r.stderr
    assert "Navn eller initialer: KL\n" in r.stdout
    assert "Fortsæt senere med: fleksjob open" in r.stdout
    no_escapes(r.stdout)
    assert storage.load_case(path).person.name == "KL"


def test_start_lists_the_saved_cases(tmp_path):
    storage.save_case(Case.new(role="employee", title="Første sag"), tmp_path / "a.toml")
    r = subprocess.run([sys.executable, "-m", "fleksjob_tui", "--plain"], input="\nq\n",
                       capture_output=True, text=True, cwd=ROOT, env=env(tmp_path), timeout=60)
    assert r.returncode == 0, r.stderr
    assert "1. Første sag, ændret" in r.stdout
    assert 'Sagen "Første sag" er åbnet' in r.stdout


# ── the plain summary ─────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("lang", ["da", "en"])
def test_summary_plain(tmp_path, lang):
    example = EXAMPLES / "mangler-dokumentation.toml"
    r = subprocess.run([sys.executable, "-m", "fleksjob_tui", "summary", "--plain", str(example),
                        "--as-of", AS_OF.isoformat(), "--lang", lang],
                       capture_output=True, text=True, cwd=ROOT, env=env(tmp_path, TERM="xterm"),
                       timeout=60)
    assert r.returncode == 0, r.stderr
    no_escapes(r.stdout)
    case = storage.load_case(example)
    case.case.language = lang
    assessment = assess(case, AS_OF, lang)
    lines = r.stdout.splitlines()
    from fleksjob_tui.documents.summary import word

    for heading in ("heading.findings", "heading.dates", "next_steps.heading", "heading.measures"):
        assert word(heading, lang) in lines  # a heading on its own line
    advice = "Råd til" if lang == "da" else "Advice for"
    waiting = "Venter på tiden til" if lang == "da" else "Waiting for time until"
    municipality = "Kommunen vurderer: " if lang == "da" else "The municipality assesses: "
    from fleksjob_tui.documents.summary import finding_kind
    from fleksjob_tui.plain.summary import reference_heard

    for f in assessment.findings:
        # A sentence heard under an earlier finding is not said again (issue 24): the first is.
        (line,) = [x for x in lines if spoken(f.message, lang).split(". ")[0] in x]
        kind = finding_kind(f)
        if f.severity == "advice":
            assert line.startswith(advice)
        elif kind == "waiting":  # what only needs time says until when, never "mangler"
            assert line.startswith(waiting)
        elif kind == "municipality":  # what the municipality assesses is not the user's gap
            assert line.startswith(municipality)
        else:  # under the heading that says who acts (issue 24): what, and by when
            assert line.startswith(word(f"severity.{f.severity}", lang)), line
        # "§ 119, stykke 2": as it is said, the act named once above (issue 24)
        assert spoken(reference_heard(f.reference, lang), lang) in line
    assert {finding_kind(f) for f in assessment.findings} >= {"waiting", "municipality"}


def test_the_plain_summary_reads_in_the_order_a_listener_needs():
    """The status with its date first, then who does what by when, group by group announced in
    words (each person, then what waits for time, then what the municipality assesses); then
    the next steps and the dates. Every line ends as a sentence."""
    from fleksjob_tui.documents.summary import word
    from fleksjob_tui.plain import plain_summary

    case = storage.load_case(EXAMPLES / "mangler-dokumentation.toml")
    case.economy.hourly_wage, case.economy.paid_hours_per_week = 210.5, 18
    case.economy.full_time_monthly_wage = None
    lines = plain_summary(case, assess(case, AS_OF), "da").splitlines()
    # The estimate's notes, in brackets on the screen, are sentences when heard.
    assert any(x.startswith("Lønloftet, fuldtidslønnen, er ikke angivet") for x in lines)
    assert not [x for x in lines if x.startswith("(") or " / " in x]
    # A legal reference as it is said: espeak-ng reads "stk." and "nr." letter by letter.
    text = "\n".join(lines)
    assert "stk. " not in text and "nr. " not in text
    assert "(§ 119, stykke 2)" in text  # LAB named once, above the findings (issue 24)
    assert "Paragrafferne er fra lov om en aktiv beskæftigelsesindsats" in text
    status = next(i for i, x in enumerate(lines) if x.startswith("Status den 22. november 2026: "))
    findings = lines.index(word("heading.findings", "da"))
    groups = [x for x in lines if x.endswith(("punkt:", "punkter:"))]
    # The doctor never acts: the employee asks for the medical statement (RULES.md section 7).
    # Another person's acts: whose they are, and what the reader can do (issue 21).
    assert groups == ["Til dig, 2 punkter:",
                      "Din leder har ansvaret. Det kan du som medarbejder gøre, 5 punkter:",
                      "Det venter kun på tiden, 1 punkt:", "Det vurderer kommunen, 1 punkt:"]
    assert status < findings < lines.index(groups[0])
    assert lines.index(groups[-1]) < lines.index(word("next_steps.heading", "da")) \
        < lines.index(word("heading.dates", "da"))
    # No written agreement: the 12-month date rests on one from the start (RULES.md section 2).
    assert any(x.startswith("12 måneder på særlige vilkår nås: 1. marts 2027 (ikke nået endnu) "
                            "(regnet fra startdatoen: uden en skriftlig aftale") for x in lines)
    assert any(x.startswith("Møde 14. august 2026: deltog: leder, medarbejder; drøftet: ")
               and "; aftalt: " in x
               and not x.endswith("..") for x in lines)
    headings = {word(k, "da") for k in ("heading.status", "heading.findings", "heading.dates",
                                         "heading.measures", "heading.meetings",
                                         "next_steps.heading", "heading.economy")}
    for x in lines:
        assert x == "" or x in headings or x.endswith((".", ":", ")")), x
    no_escapes("\n".join(lines))


# ── the flow is the wizard's ──────────────────────────────────────────────────────────────────
def _widget_kind(qf) -> str:
    from fleksjob_tui.wizard.widgets import fields as w
    from fleksjob_tui.wizard.widgets.datefield import DateField
    from fleksjob_tui.wizard.widgets.ticks import ParticipantsField

    kinds = [(w.AnswerField, "answer"), (w.BoolField, "bool"), (w.NoteField, "note"),
             (w.TextField, "text"), (DateField, "date"), (w.ListField, "items"),
             (w.OptionsField, "choice"), (ParticipantsField, "participants")]
    if isinstance(qf, w.NumberField):
        return "integer" if qf.integer else "number"
    for cls, kind in kinds:
        if isinstance(qf, cls):
            return kind
    return type(qf).__name__


def _table(target, obj) -> str:
    """The name of the case's table that ``target`` is ("" for the item itself)."""
    if target is obj:
        return ""
    for name in type(obj).model_fields:
        if getattr(obj, name) is target:
            return name
    return f"<{type(target).__name__} not in the case>"


def _line(kind: str, table: str, attr: str, qkey: str) -> str:
    """How flow.py would write it, e.g. answer("contacts.hr") or date("from_", "measure.from")."""
    path = f"{table}.{attr}" if table else attr
    return f'{kind}("{path}")' if path == qkey else f'{kind}("{path}", "{qkey}")'


def _composed(screen, obj) -> list[str]:
    from fleksjob_tui.wizard.widgets.fields import QuestionField

    return [_line(_widget_kind(qf), _table(qf.target, obj), qf.attr, qf.qkey)
            for qf in screen.query(QuestionField)]


def _listed(fields, obj) -> list[str]:
    return [_line(f.kind, _table(f.target(obj), obj), f.attr, f.qkey) for f in fields]


@pytest.mark.parametrize("kind", ["new", "self_employed", "klar", "selvstaendig"])
async def test_flow_lists_exactly_what_each_wizard_step_composes(tmp_path, kind):
    """Mount every step of the wizard and compare the questions it composes (key, attribute,
    kind, table) with flow.STEPS. When this fails, a step gained or lost a question: add or
    remove its line in fleksjob_tui/plain/flow.py."""
    from wizard_helpers import wizard_at

    from fleksjob_tui.wizard.screens import steps
    from fleksjob_tui.wizard.screens.measures import MeasureEditor
    from fleksjob_tui.wizard.screens.meetings import MeetingEditor

    assert list(flow.STEPS) == list(steps.PANES)
    path = tmp_path / "sag.toml"
    if kind in ("klar", "selvstaendig"):  # filled-in cases: questions shown after an answer
        case = storage.load_case(EXAMPLES / f"{kind}.toml")
    else:
        case = Case.new(role="employee")
        case.person.self_employed = True if kind == "self_employed" else None
    storage.save_case(case, path)
    async with wizard_at(path, "person") as (app, pilot):
        assert flow.visible_steps(app.case) == app.screen.visible_steps()
        for step in flow.STEPS:
            await app.screen.show_step(step)
            await app.screen.finish_building()  # the questions below the first screenful too
            await pilot.pause()
            assert _composed(app.screen.pane, app.case) == _listed(flow.fields(step, app.case),
                                                                   app.case), f"step {step}"
        filled = Measure(id="aids", status="tried", from_=dt.date(2025, 1, 1), result="helped",
                         documented="yes", approved_by_municipality="yes", note="x")
        for measure in (Measure(id="changed_rota"), Measure(id="other", title="Andet"), filled):
            app.push_screen(MeasureEditor(measure, "da"))
            await pilot.pause()
            assert _composed(app.screen, measure) == _listed(
                flow.item_fields(flow.MEASURE, measure), measure), f"measure {measure.id}"
            app.pop_screen()
            await pilot.pause()
        for meeting in (Meeting(), Meeting(date=dt.date(2025, 6, 1), participants=["manager"],
                                           summary="x", agreed="y")):
            app.push_screen(MeetingEditor(meeting, "da", "Møde"))
            await pilot.pause()
            assert _composed(app.screen, meeting) == _listed(
                flow.item_fields(flow.MEETING, meeting), meeting), "meeting"
            app.pop_screen()
            await pilot.pause()


def test_the_plain_way_does_not_import_textual(tmp_path):
    code = ("import sys; import fleksjob_tui.plain, fleksjob_tui.plain.flow; "
            "from fleksjob_tui import cli; cli.build_parser(); "
            "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual'")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("text", ["200", "187,50", "187.50", "32.000", "1.234,50", "12 000",
                                  "abc", "", "1e3", "nan", "-5", "0,5", "7.5.3"])
@pytest.mark.parametrize("integer", [False, True])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_numbers_are_read_as_the_wizard_reads_them(text, integer, lang):
    from fleksjob_tui.case.model import Economy
    from fleksjob_tui.plain import read_number
    from fleksjob_tui.wizard.widgets.fields import NumberField

    if not text:
        return
    wizard = NumberField(Economy(), "year", "economy.year", integer=integer, lang=lang)
    assert read_number(text, integer, lang) == wizard.read(text)


# ── listening to it ───────────────────────────────────────────────────────────────────────────
@pytest.mark.skipif(not (shutil.which("espeak-ng") and shutil.which("sox")),
                    reason="needs espeak-ng and sox")
def test_a_short_run_read_aloud(tmp_path):
    """Pipe a short run through a speech synthesizer: the output is speech, not silence."""
    path = tmp_path / "sag.toml"
    r = subprocess.run([sys.executable, "-m", "fleksjob_tui", "new", str(path)],
                       input="m\nAB\n31-02-1970\n10-05-1966\nq\n", capture_output=True,
                       text=True, cwd=ROOT, env=env(tmp_path), timeout=60)
    assert r.returncode == 0, r.stderr
    text = tmp_path / "transcript.txt"
    text.write_text(r.stdout, encoding="utf-8")
    wav = tmp_path / "run.wav"
    subprocess.run(["espeak-ng", "-v", "da", "-s", "220", "-w", str(wav), "-f", str(text)],
                   check=True, capture_output=True, timeout=120)
    stat = subprocess.run(["sox", str(wav), "-n", "stat"], capture_output=True, text=True,
                          timeout=60).stderr
    length = float(re.search(r"Length \(seconds\):\s+([0-9.]+)", stat).group(1))
    rms = float(re.search(r"RMS\s+amplitude:\s+([0-9.]+)", stat).group(1))
    assert length > 10 and rms > 0.01, stat


def test_each_finding_is_one_line_that_says_who_acts_and_by_when():
    import dataclasses

    from fleksjob_tui.plain import plain_summary
    from fleksjob_tui.rules import Finding

    case = storage.load_case(EXAMPLES / "mangler-dokumentation.toml")
    case.case.role = "employee"
    base = assess(case, AS_OF)
    due = Finding("x", "missing", "employee", "Skriv datoen.", "LAB § 119", "employment",
                  due=dt.date(2026, 12, 22))
    advice = Finding("y", "advice", "employee", "Tal med din tillidsrepræsentant.", "OK",
                     "checklist")
    manager = Finding("z", "blocker", "manager", "Noget spærrer.", "LAB § 116", "person",
                      due=dt.date(2027, 1, 5))
    text = plain_summary(case, dataclasses.replace(base, findings=(due, advice, manager)), "da")
    lines = text.splitlines()
    # The heading says who acts ("Til dig", "Din leder har ansvaret"); the line by when, and the
    # act named once above them (issue 24).
    assert "Mangler, senest 22. december 2026. Skriv datoen. (§ 119)" in lines
    assert "Råd til dig: Tal med din tillidsrepræsentant. (OK)" in lines
    assert "Spærrer, senest 5. januar 2027. Noget spærrer. (§ 116)" in lines
    no_escapes(text)
    case.case.role = "manager"
    text = plain_summary(case, dataclasses.replace(base, findings=(due,)), "en")
    assert "The employee is responsible. What you can do as the manager, 1 item:" in text
    assert "Missing, by 22 December 2026. Skriv datoen. (§ 119)" in text


def test_a_cpr_number_is_never_saved_unasked(tmp_path):
    path = tmp_path / "sag.toml"
    child = spawn(tmp_path, "new", str(path))
    converse(child, [
        ("Hvem udfylder sagen?", "m"),
        ("Navn eller initialer", "AB 010203-1234"),
        ("Det ligner et CPR-nummer. Programmet har aldrig brug for CPR-numre", None),
        ("Er det et CPR-nummer? (j = ja, fjern det, n = nej, gem teksten som skrevet)", "j"),
        ("Gemt: AB.", None),
        ("Din fødselsdato", "q"),
    ])
    assert finish(child) == 0
    assert "1234" not in path.read_text(encoding="utf-8")
    assert storage.load_case(path).person.name == "AB"
