"""Issue 24's second plain trial (Jonas, blind, TERM=dumb, every line read by espeak-ng): "ved
ikke" at a date, a short "s", the date example once, `check` as speech, symbols read as words,
the title question last, one way back in, and headings that say who acts and what the reader
can do."""

from __future__ import annotations

import io
import re

import pexpect
from test_plain import AS_OF, EXAMPLES, spawn, transcript
from test_plain_room import run

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case, Meeting
from fleksjob_tui.plain import flow
from fleksjob_tui.plain.reading import NEXT, spoken


def _conversation(answers: str, role: str = "employee"):
    from fleksjob_tui.plain.conversation import Conversation

    out = io.StringIO()
    case = Case.new(role=role, title="T")
    conv = Conversation(case, None, "da", AS_OF, io.StringIO(answers), out, echo=False)
    return conv, case, out


def _field(case, qkey: str, step: str = "person"):
    return next(f for f in flow.fields(step, case) if f.qkey == qkey)


# 1 ─ "ved ikke" at a date ──────────────────────────────────────────────────────────────────────
def test_ved_ikke_and_v_answer_a_date_as_not_known():
    for typed in ("ved ikke", "Ved ikke", "v", "VED IKKE"):
        conv, case, out = _conversation(f"{typed}\n")
        case.person.birth_date = None
        assert conv.ask(_field(case, "person.birth_date"), case) is NEXT, out.getvalue()
        said = out.getvalue()
        assert case.person.birth_date is None  # as the wizard records it: no date
        assert "ikke en dato" not in said
        assert "kendes ikke" in said, said


def test_question_mark_at_a_date_is_help_that_says_ved_ikke():
    conv, case, out = _conversation("?\nved ikke\n")
    conv.ask(_field(case, "person.birth_date"), case)
    help_part = out.getvalue().split("Noteret", 1)[0].split(":", 1)[1]  # after the prompt
    assert "skriv ved ikke" in help_part.lower(), out.getvalue()


def test_the_date_example_and_ved_ikke_are_said_once_then_the_error_in_words():
    conv, case, out = _conversation("Odense\nved ikke\n\n\n")
    conv.ask(_field(case, "person.birth_date"), case)
    conv.ask(_field(case, "eligibility.capacity_reduced", "eligibility"), case)  # not a date
    conv.ask(next(f for f in flow.fields("eligibility", case) if f.qkey == "flexjob.start"), case)
    said = out.getvalue()
    assert "dd-mm" not in said and "åååå" not in said
    assert "dag, måned og år, fx 22-11-2026" in said  # the error, in words
    first = said.split("Din fødselsdato", 1)[1].split(":", 1)[0]
    assert "fx 22-11-2026" in first and "ved ikke" in first, said
    later = said.split("Startdato for fleksjobbet", 1)[1].split(":", 1)[0]
    assert "fx 22-11-2026" not in later and "ved ikke" not in later, said


# 2 ─ a short "s" ───────────────────────────────────────────────────────────────────────────────
def _jonas_half_filled() -> Case:
    case = Case.new(role="employee", title="Sag")
    case.person.name = "Jonas"
    return case


def test_s_is_short_and_says_references_at_most_once():
    from fleksjob_tui.plain import plain_summary
    from fleksjob_tui.rules import assess

    for case in (storage.load_case(EXAMPLES / "mangler-dokumentation.toml"),):
        case.case.role = "employee"
        text = plain_summary(case, assess(case, AS_OF), "da", short=True)
        words = len(text.split())
        assert words <= 185, (words, text)  # 709 before; 7 items, one line each, dates said in words
        assert text.count("lov om en aktiv beskæftigelsesindsats") <= 1, text
        assert "(" not in text, text
        assert "Skriv o" in text
    case = _jonas_half_filled()
    text = plain_summary(case, assess(case, AS_OF), "da", short=True)
    lines = text.splitlines()
    assert len(lines) <= 16 and len(text.split()) <= 240, (len(text.split()), text)  # 934 before


def test_the_long_summary_says_no_sentence_twice_and_has_no_nested_brackets():
    from fleksjob_tui.plain import plain_summary
    from fleksjob_tui.rules import assess

    case = _jonas_half_filled()
    text = plain_summary(case, assess(case, AS_OF), "da")
    sentences = [s.strip() for s in re.split(r"(?<=[.:])\s+", text) if len(s.split()) > 6]
    twice = {s for s in sentences if sentences.count(s) > 1}
    assert not twice, twice
    assert text.count("lov om en aktiv beskæftigelsesindsats") <= 2, text.count(  # and the law line
        "lov om en aktiv beskæftigelsesindsats")
    for line in text.splitlines():
        depth = 0
        for ch in line:
            depth += ch == "("
            assert depth <= 1, line
            depth -= ch == ")"


def test_a_step_end_does_not_repeat_what_was_said_before():
    conv, case, out = _conversation("")
    conv.step_state("person")
    conv.step_state("person")
    said = out.getvalue()
    assert said.count("Uden den kan") <= 1, said


# 4 ─ check as speech ──────────────────────────────────────────────────────────────────────────
def test_check_under_term_dumb_and_plain_reads_as_words(tmp_path):
    example = str(EXAMPLES / "mangler-dokumentation.toml")
    for r in (run(tmp_path, "check", example), run(tmp_path, "--plain", "check", example,
                                                   TERM="xterm")):
        out = r.stdout
        assert r.returncode == 1, r.stderr
        for bad in ("LAB", " stk.", " nr.", "bl.a.", "LBK", "[", "·", "—", "/20"):
            assert bad not in out, (bad, out)
        assert "stykke" in out and "lov om en aktiv beskæftigelsesindsats" in out


# 5 ─ symbols read as words ────────────────────────────────────────────────────────────────────
def test_kr_slash_law_numbers_and_ranges_are_words():
    assert spoken("Timeløn i kr.: ", "da") == "Timeløn i kroner: "  # the question
    assert spoken("Timeløn: 210,50 kr.", "da") == "Timeløn: 210,50 kroner."  # a sentence's end
    assert "lov nummer 1750 af 2025" in spoken("som ændret ved lov nr. 1750/2025)", "da")
    assert "stykke 1 til 2" in spoken("LAB § 119, stk. 1-2; x", "da")


def test_the_summary_says_what_a_meeting_discussed_and_agreed():
    from fleksjob_tui.plain import plain_summary
    from fleksjob_tui.rules import assess

    case = _jonas_half_filled()
    case.meetings.append(Meeting(date=AS_OF, participants=["employee"],
                                 summary="Opstart og skånehensyn", agreed="3 timer mindre"))
    text = plain_summary(case, assess(case, AS_OF), "da")
    line = next(x for x in text.splitlines() if x.startswith("Møde "))
    assert "Opstart og skånehensyn" in line and "3 timer mindre" in line, line


# 6 ─ the title last, one way back in ──────────────────────────────────────────────────────────
def test_the_title_is_asked_last_in_the_person_step_and_says_what_it_is_for(tmp_path):
    path = tmp_path / "sag.toml"
    r = run(tmp_path, "new", str(path), input="m\nJonas\nq\n")
    assert storage.load_case(path).person.name == "Jonas", r.stdout
    conv, case, out = _conversation("")
    stops = [f.qkey for s, f in conv.positions() if s == "person" and f is not None]
    assert stops[-1] == "case.title" and stops[0] == "person.name"
    assert "Enter" in conv.prompt(_field(case, "case.title"), case)


def test_coming_back_is_said_the_same_way(tmp_path):
    path = tmp_path / "sag.toml"
    q = run(tmp_path, "new", str(path), input="m\nJonas\nq\n")
    again = run(tmp_path, "new", str(path), input="")
    hint = f"fleksjob open {path}"  # "--" is lost aloud; not needed here
    assert hint in q.stdout and hint in (again.stdout + again.stderr), (q.stdout, again.stderr)


# 7 ─ who acts, and what the reader can do ─────────────────────────────────────────────────────
def test_headings_say_who_acts_and_what_the_reader_can_do():
    from fleksjob_tui.plain import plain_summary
    from fleksjob_tui.rules import assess

    case = _jonas_half_filled()
    text = plain_summary(case, assess(case, AS_OF), "da")
    assert "skal handle — det kan du gøre" not in text
    assert "det kan du som medarbejder gøre" in text.lower(), text
    assert "din leder skal handle" not in text.lower()
    case.case.role = "union_rep"
    text = plain_summary(case, assess(case, AS_OF), "da")
    assert "Medarbejderen skal handle — det kan du gøre" not in text
    assert "det kan du som tillidsrepræsentant gøre" in text.lower(), text


def test_the_plain_conversation_under_term_dumb_runs(tmp_path):
    child = spawn(tmp_path, "new", str(tmp_path / "x.toml"))
    child.expect("Hvem udfylder sagen")
    child.sendline("m")
    child.expect("Navn eller initialer")
    child.sendline("q")
    child.expect("fleksjob open")  # TERM=dumb: plain by itself
    child.transcript.append(child.before)
    assert "Hvad skal sagen hedde" not in transcript(child)


def test_the_way_back_names_plain_only_where_it_is_needed(tmp_path):
    """On a terminal that can show the wizard, --plain asked for the conversation, so the way
    back in names it; under TERM=dumb `fleksjob open` is the conversation by itself, and a
    screen reader says "--plain" as "plain" (found in a blind employee's trial)."""
    child = spawn(tmp_path, "--plain", "new", str(tmp_path / "y.toml"), TERM="xterm")
    child.expect("Hvem udfylder sagen")
    child.sendline("m")
    child.expect("Navn eller initialer")
    child.sendline("q")
    child.expect("Fortsæt senere med: fleksjob --plain open")
    child.expect(pexpect.EOF)


def test_the_cpr_question_says_what_to_type(tmp_path):
    """An answer that is neither yes nor no at "Er det et CPR-nummer?" is told what to type —
    never the same question in silence (a tester typed q, ? and v there) — and the number is
    never saved unasked."""
    path = tmp_path / "sag.toml"
    r = run(tmp_path, "new", str(path), input="l\nAnna 120568–1235\nq\nj\n")
    assert '"q" er ikke et af svarene. Skriv j eller n.' in r.stdout, r.stdout
    assert "1235" not in path.read_text(encoding="utf-8")
