"""Issue 24, the plain conversation: `summary` under TERM=dumb, "-" in a list, the end of the
input, "q" at the first question, LAB read as words, a short summary."""

from __future__ import annotations

import io
import re
import subprocess
import sys

from test_plain import AS_OF, BOX, EXAMPLES, ROOT, env

from fleksjob_tui.case.model import Case
from fleksjob_tui.plain import flow


def run(home, *args, input: str | None = None, **extra):
    return subprocess.run([sys.executable, "-m", "fleksjob_tui", *args], input=input,
                          capture_output=True, text=True, cwd=ROOT, env=env(home, **extra),
                          timeout=60)


def test_summary_under_term_dumb_is_plain_text(tmp_path):
    example = str(EXAMPLES / "klar.toml")
    dumb = run(tmp_path, "summary", example)
    plain = run(tmp_path, "summary", "--plain", example)
    assert dumb.returncode == 0, dumb.stderr
    assert not BOX.search(dumb.stdout), dumb.stdout
    assert dumb.stdout == plain.stdout


def test_running_out_of_piped_answers_says_so_and_fails(tmp_path):
    path = tmp_path / "sag.toml"
    r = run(tmp_path, "new", str(path), input="l\n\nKL\n", TERM="xterm")
    assert r.returncode != 0
    assert "Der kom ikke flere svar" in r.stdout
    assert "Fortsæt senere med: fleksjob open" in r.stdout


def test_q_at_the_first_question_says_something(tmp_path):
    r = run(tmp_path, "new", str(tmp_path / "sag.toml"), input="q\n")
    assert r.returncode == 0
    last = r.stdout.strip().splitlines()[-1]
    assert "Afsluttet" in last and "intet gemt" in last, r.stdout


def _conversation(answers: str):
    from fleksjob_tui.plain.conversation import Conversation

    out = io.StringIO()
    case = Case.new(role="union_rep", title="T")
    conv = Conversation(case, None, "da", AS_OF, io.StringIO(answers), out, echo=False)
    return conv, case, out


def test_a_dash_alone_is_not_an_item():
    conv, case, out = _conversation("-\nBære spande\n\n")
    field = next(f for f in flow.fields("checklist", case)
                 if f.qkey == "agreement.difficult_functions")
    conv.ask_items(field, case)
    assert case.agreement.difficult_functions == ["Bære spande"]
    assert "er ikke et punkt" in out.getvalue()


def test_lab_is_read_as_words():
    from fleksjob_tui.plain.reading import spoken

    said = spoken("Henvisning: LAB § 119, stk. 2", "da")
    assert "LAB" not in said and "lov om en aktiv beskæftigelsesindsats" in said


def test_references_and_dates_are_read_as_words():
    from fleksjob_tui.plain.reading import spoken

    said = spoken("bekendtgørelse nr. 280 af 01/03/2024, lov nr. 1750 af 29/12/2025", "da")
    assert said == ("bekendtgørelse nummer 280 af 1. marts 2024, "
                    "lov nummer 1750 af 29. december 2025")
    assert spoken("act by 2026-12-22.", "en") == "act by 22 December 2026."
    assert spoken("/home/x/2026-12-22.toml", "en") == "/home/x/2026-12-22.toml"  # a path stays


def test_s_reads_a_short_summary_and_o_the_whole_one():
    conv, case, out = _conversation("s\no\nKL\n")
    field = next(f for f in flow.fields("person", case) if f.qkey == "person.name")
    conv.ask(field, case)
    said = out.getvalue()
    first, second = said.split("Skriv o for hele overblikket", 1)
    assert "Kort overblik" in first and "Vigtige datoer" not in first
    assert "Vigtige datoer" in second or "Datoer" in second
    assert case.person.name == "KL"


def test_dates_as_the_program_prints_them_are_read_as_words():
    """01-03-2024, the form the program prints, was read as "nul en streg nul tre …"."""
    from fleksjob_tui.plain.reading import spoken

    assert spoken("Møde 01-06-2025: deltog: leder.", "da") == "Møde 1. juni 2025: deltog: leder."
    assert spoken("(01-06-2025 og 08-09-2026)", "da") == "(1. juni 2025 og 8. september 2026)"
    assert spoken("Meeting 01-06-2025.", "en") == "Meeting 1 June 2025."
    # how to type a date is heard as it is typed; a file name keeps its digits
    assert spoken("Dato, fx 22-11-2026", "da") == "Dato, fx 22-11-2026"
    assert spoken("sag-06-12-2026-kommune.docx", "da") == "sag-06-12-2026-kommune.docx"
    assert spoken("/home/x/06-12-2026.toml", "da") == "/home/x/06-12-2026.toml"


def test_the_plain_summary_says_no_date_as_digits(tmp_path):
    r = run(tmp_path, "summary", str(EXAMPLES / "klar.toml"))
    assert r.returncode == 0, r.stderr
    assert not re.search(r"\d{2}-\d{2}-\d{4}", r.stdout), r.stdout
    assert "Møde 1. juni 2025" in r.stdout


def test_ved_ikke_for_a_date_is_recorded_as_not_known():
    conv, case, out = _conversation("ved ikke\n")
    field = next(f for f in flow.fields("employment", case)
                 if f.qkey == "employment.special_terms_start")
    conv.ask(field, case)
    assert case.employment.special_terms_start is None
    assert case.case.unknown_dates == ["employment.special_terms_start"]
    assert "datoen kendes ikke" in out.getvalue()
    conv2, _, _ = _conversation("01-06-2025\n")
    conv2.case = case
    conv2.ask(field, case)  # a date found later: no longer "not known"
    assert case.case.unknown_dates == []


def test_a_case_date_says_ved_ikke_is_an_answer():
    conv, case, out = _conversation("\n")
    field = next(f for f in flow.fields("person", case) if f.qkey == "person.birth_date")
    conv.ask(field, case)
    assert "fx 22-11-2026; skriv ved ikke" in out.getvalue()  # at the first date question
