"""The command line through a subprocess: exit codes, the JSON shape, clean errors, no Textual."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AS_OF = "2026-11-22"


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "home"))


def run(*args: str, env: dict | None = None, debug: bool = True) -> subprocess.CompletedProcess:
    e = dict(os.environ)
    e["NO_COLOR"] = "1"
    e["COLUMNS"] = "80"
    # Unexpected exceptions must surface as tracebacks in tests (so bugs are not hidden);
    # the clean-error tests below then prove that no traceback is printed.
    if debug:
        e["FLEKSJOB_DEBUG"] = "1"
    e.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "fleksjob_tui", *args],
        capture_output=True, text=True, env=e, cwd=ROOT, timeout=60,
    )


def write(tmp_path: Path, text: str | bytes, name: str = "sag.toml") -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


# -- check --------------------------------------------------------------------------------------


def test_check_ready_exits_0():
    r = run("check", str(EXAMPLES / "klar.toml"), "--as-of", AS_OF)
    assert r.returncode == 0, r.stderr
    assert "KLAR" in r.stdout
    assert "ser ud til at være klar til at kontakte kommunen" in r.stdout
    assert r.stderr == ""


def test_self_employed_example_is_ready_the_municipality_assesses_the_rest():
    r = run("check", str(EXAMPLES / "selvstaendig.toml"), "--as-of", AS_OF)
    assert r.returncode == 0, r.stderr
    assert "KLAR" in r.stdout and "[Kommunen vurderer]" in r.stdout


@pytest.mark.parametrize("name", ["mangler-dokumentation.toml"])
def test_check_missing_exits_1(name):
    r = run("check", str(EXAMPLES / name), "--as-of", AS_OF)
    assert r.returncode == 1, r.stderr
    assert "MANGLER" in r.stdout
    assert "Traceback" not in r.stderr


def test_check_not_eligible_exits_1(tmp_path):
    p = write(tmp_path, 'schema_version = 1\n[person]\nbirth_date = 1950-01-01\n'
                        'receives_disability_pension = "yes"\n')
    r = run("check", str(p), "--as-of", AS_OF)
    assert r.returncode == 1
    assert "NOGET SPÆRRER" in r.stdout and "kommunen, der afgør" in r.stdout


@pytest.mark.parametrize("as_of", ["22-11-2026", "22.11.2026", "2026-11-22"])
def test_as_of_in_danish_forms(as_of):
    r = run("check", str(EXAMPLES / "klar.toml"), "--as-of", as_of, "--json")
    assert r.returncode == 0
    assert json.loads(r.stdout)["as_of"] == "2026-11-22"


@pytest.mark.parametrize("as_of", ["30-02-2026", "2026/11/22", "i morgen", "22-11-26"])
def test_bad_as_of_exits_2(as_of):
    r = run("check", str(EXAMPLES / "klar.toml"), "--as-of", as_of)
    assert r.returncode == 2
    assert r.stderr.startswith("--as-of:")
    assert "Traceback" not in r.stderr
    assert r.stdout == ""


def test_check_json_shape():
    r = run("check", str(EXAMPLES / "mangler-dokumentation.toml"), "--as-of", AS_OF, "--json")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert {"schema", "as_of", "status", "pension", "twelve_months", "findings"} <= set(data)
    assert data["schema"] == 1
    assert data["as_of"] == AS_OF
    assert data["status"] == "missing"
    assert set(data["pension"]) >= {"years", "months", "date", "six_year_mark"}
    assert data["pension"] == {"years": 70, "months": 0, "date": "2045-02-28",
                               "six_year_mark": "2039-02-28"}
    assert data["twelve_months"] == {"applies": True, "exemption": None, "start": "2026-03-01",
                                     "met_on": "2027-03-01", "met": False}
    assert data["findings"]
    for f in data["findings"]:
        assert set(f) >= {"id", "severity", "responsible", "message", "reference"}
        assert f["severity"] in ("blocker", "missing", "advice")
        assert f["responsible"] in ("employee", "manager", "union_rep", "municipality", "doctor")
        assert f["message"] and f["reference"]
    ids = {f["id"] for f in data["findings"]}
    assert "twelve_months_not_met" in ids and "capacity_unclear" in ids


def test_check_json_ready_and_self_employed():
    ready = json.loads(run("check", str(EXAMPLES / "klar.toml"), "--as-of", AS_OF,
                           "--json").stdout)
    assert ready["status"] == "ready"
    assert [f["id"] for f in ready["findings"]] == ["meetings_far_apart"]  # advice only
    assert ready["twelve_months"]["met"] is True
    se = json.loads(run("check", str(EXAMPLES / "selvstaendig.toml"), "--as-of", AS_OF,
                        "--json").stdout)
    assert se["twelve_months"]["exemption"] == "self_employed"
    assert se["twelve_months"]["applies"] is False


def test_check_json_pension_null_without_birth_date(tmp_path):
    p = write(tmp_path, "schema_version = 1\n")
    r = run("check", str(p), "--json", "--as-of", AS_OF)
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["pension"] is None
    assert "birth_date_missing" in {f["id"] for f in data["findings"]}


def test_check_lang_en_changes_messages_not_file(tmp_path):
    src = (EXAMPLES / "mangler-dokumentation.toml").read_bytes()
    p = write(tmp_path, src)
    r = run("check", str(p), "--as-of", AS_OF, "--lang", "en")
    assert r.returncode == 1
    assert "MISSING" in r.stdout and "Missing" in r.stdout
    assert p.read_bytes() == src


# -- clean errors -------------------------------------------------------------------------------

BAD_FILES = {
    "broken": ('schema_version = 1\n[person]\nname = Åse\n', "linje 3, kolonne 8"),
    "unknown_key": ('schema_version = 1\n[person]\n"fødselsdato" = 1966-05-10\n',
                    "ukendt nøgle 'fødselsdato'"),
    "impossible_date": ('schema_version = 1\n[person]\nbirth_date = 1966-02-30\n',
                        "ugyldig dato"),
    "impossible_date_string": ('schema_version = 1\n[person]\nbirth_date = "1966-02-30"\n',
                               "person.birth_date"),
    "bad_value": ('schema_version = 1\n[[measures]]\nid = "aids"\nstatus = "måske"\n',
                  "measures[0].status"),
    "newer_schema": ("schema_version = 99\n", "nyere version af fleksjob"),
    "empty": ("", "filen er tom"),
    "not_utf8": ('schema_version = 1\n[person]\nname = "Åse"\n'.encode("latin-1"), "UTF-8"),
}


@pytest.mark.parametrize("command", ["check", "summary", "open"])
@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_file_clean_error_exit_2(tmp_path, command, kind):
    text, expected = BAD_FILES[kind]
    p = write(tmp_path, text)
    before = p.read_bytes()
    r = run(command, str(p), debug=False)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert expected in r.stderr
    assert "Filen er ikke ændret" in r.stderr
    assert r.stdout == ""
    assert p.read_bytes() == before


def test_bad_file_error_in_english(tmp_path):
    p = write(tmp_path, "schema_version = 99\n")
    r = run("--lang", "en", "check", str(p))
    assert r.returncode == 2
    assert "newer version of fleksjob" in r.stderr


def test_check_counts_leave_out_zero():
    r = run("check", str(EXAMPLES / "mangler-dokumentation.toml"), "--as-of", AS_OF)
    assert ("Opgjort pr. 22-11-2026. 5 ting mangler, 1 ting venter på tiden, "
            "1 ting vurderer kommunen, 2 råd.") in r.stdout
    assert "0 opfylder ikke" not in r.stdout
    r = run("check", str(EXAMPLES / "mangler-dokumentation.toml"), "--as-of", AS_OF,
            "--lang", "en")
    assert ("5 missing, 1 waiting for time, 1 for the municipality to assess, "
            "2 pieces of advice.") in r.stdout
    r = run("check", str(EXAMPLES / "klar.toml"), "--as-of", AS_OF)
    assert "Opgjort pr. 22-11-2026. 1 råd.\n" in r.stdout


def test_directory_and_missing_file(tmp_path):
    r = run("check", str(tmp_path))
    assert r.returncode == 2 and "mappe" in r.stderr and "Traceback" not in r.stderr
    r = run("check", str(tmp_path / "findes-ikke.toml"))
    assert r.returncode == 2 and "findes ikke" in r.stderr


def test_check_json_error_goes_to_stderr_and_a_json_object_to_stdout(tmp_path):
    p = write(tmp_path, "schema_version = 1\n[oops\n")
    r = run("check", str(p), "--json")
    assert r.returncode == 2
    assert "Sagsfilen kan ikke læses" in r.stderr and "Traceback" not in r.stderr
    data = json.loads(r.stdout)
    assert data["schema"] == 1
    err = data["error"]
    assert set(err) == {"code", "message", "path", "line", "column"}
    assert err["code"] == "toml_syntax"
    assert err["path"] == str(p)
    assert (err["line"], err["column"]) == (2, 6)
    assert "TOML" in err["message"]


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda d: d / "findes-ikke.toml", "not_found"),
        (lambda d: d, "is_directory"),
        (lambda d: write(d, ""), "empty"),
        (lambda d: write(d, "schema_version = 1\n[person]\nbirth_date = \"i går\"\n"),
         "validation"),
    ],
)
def test_check_json_error_object_for_each_kind(tmp_path, make, code):
    p = make(tmp_path)
    r = run("--lang", "en", "check", str(p), "--json")
    assert r.returncode == 2
    err = json.loads(r.stdout)["error"]
    assert err["code"] == code and err["path"] == str(p) and err["message"]
    assert "line" in err and "column" in err
    assert r.stderr.strip()


def test_check_json_bad_as_of_is_a_json_error_too():
    r = run("check", str(EXAMPLES / "klar.toml"), "--json", "--as-of", "31-02-2026")
    assert r.returncode == 2 and r.stderr.strip()
    assert json.loads(r.stdout)["error"]["code"] == "bad_as_of"


def test_check_help_documents_the_json_error():
    r = run("check", "--help")
    assert '"error"' in r.stdout and "stdout" in r.stdout


def test_usage_error_exits_2():
    r = run("check")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "args, expected",
    [
        (("check",), "fleksjob check: fejl: dette mangler: SAG.toml"),
        (("foo",), "fleksjob: fejl: KOMMANDO: 'foo' findes ikke (vælg mellem 'new',"),
        (("tilskud", "--hours"), "fleksjob tilskud: fejl: --hours: mangler en værdi"),
        (("summary", "a.toml", "--wage", "2"), "fleksjob: fejl: ukendt: --wage 2"),
        (("--lang", "en", "check"),
         "fleksjob check: error: the following arguments are required: CASE.toml"),
    ],
)
def test_usage_errors_in_the_users_language(args, expected):
    r = run(*args)
    assert r.returncode == 2
    assert expected in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert lines[0].startswith("usage: " if "en" in args else "brug: ")
    assert lines[-1].startswith(("See: fleksjob", "Se: fleksjob")) and "--help" in lines[-1]


def test_help_in_danish_by_default_and_in_english_on_request():
    da = run("--help").stdout
    assert da.startswith("brug: fleksjob") and "vis denne hjælp og afslut" in da
    assert "show this help" not in da and "options:" not in da
    en = run("check", "--lang", "en", "--help").stdout
    assert en.startswith("usage: fleksjob check") and "assess the case as of this date" in en
    assert "CASE.toml" in en and "opgør" not in en and "tilvalg" not in en
    assert "beregning" in run("tilskud", "--help").stdout


def test_every_help_text_has_both_languages():
    import tomllib

    from fleksjob_tui import content

    table = tomllib.loads((Path(content.__file__).parent / "cli.toml").read_text())
    for key, entry in table.items():
        assert set(entry) == {"da", "en"} and all(entry.values()), key


def test_new_refuses_existing_file(tmp_path):
    p = write(tmp_path, "schema_version = 1\n")
    r = run("new", str(p))
    assert r.returncode == 2
    # Not a terminal: the plain way, and the way back in as its end says it (issue 24).
    assert "findes allerede" in r.stderr and f"Åbn den med: fleksjob open {p}" in r.stderr


def test_unexpected_error_is_one_line_without_debug(tmp_path):
    # A sitecustomize that breaks the rules engine: the CLI must print one line, exit 2.
    (tmp_path / "sitecustomize.py").write_text(
        "import fleksjob_tui.rules as r\n"
        "def boom(*a, **k):\n    raise RuntimeError('kaboom')\n"
        "r.assess = boom\n"
    )
    env = {"PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    r = run("check", str(EXAMPLES / "klar.toml"), env=env, debug=False)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "uventet fejl" in r.stderr and "kaboom" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    r = run("check", str(EXAMPLES / "klar.toml"), env=env, debug=True)
    assert "Traceback" in r.stderr  # FLEKSJOB_DEBUG=1 shows the bug


# -- summary ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["klar.toml", "mangler-dokumentation.toml", "selvstaendig.toml"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_summary_fits_80_columns(name, lang):
    r = run("summary", str(EXAMPLES / name), "--as-of", AS_OF, "--lang", lang,
            env={"COLUMNS": "200"})
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines
    assert max(len(line) for line in lines) <= 80
    assert "\x1b[" not in r.stdout  # NO_COLOR and not a terminal: no escape codes


def test_summary_words_not_colour():
    r = run("summary", str(EXAMPLES / "mangler-dokumentation.toml"), "--as-of", AS_OF)
    out = r.stdout
    assert "Status: MANGLER" in out
    assert "mangler dokumentation" in out
    assert "[Mangler · senest 01-03-2027, når de 12 måneder nås]" in out and "[Råd]" in out
    assert "[Mangler · nu]" in out  # the written agreement and what it names: now (RULES §7)
    # No date of its own: it says why (issue 21).
    assert "[Mangler · så hurtigt som muligt: ingen fast frist i loven" in out
    assert "Henvisning: LAB § 119, stk. 2" in out
    assert "Det vurderer kommunen" in out and "Venter på" in out
    low = out.lower()
    assert "berettiget" not in low and "eligible" not in low


def test_summary_narrow_terminal():
    r = run("summary", str(EXAMPLES / "klar.toml"), "--as-of", AS_OF, env={"COLUMNS": "50"})
    assert r.returncode == 0
    assert max(len(line) for line in r.stdout.splitlines()) <= 50


# -- tilskud ------------------------------------------------------------------------------------


def test_tilskud_star_2024_example():
    r = run("tilskud", "--hourly", "200", "--hours", "18", "--year", "2024")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "15.600 kr." in out
    assert "15.272 kr." in out
    assert "vejledende" in out.lower()
    assert "Højeste tilskud pr. måned: 19.952 kr. (officiel)" in out
    assert "Grænse, hvor fradraget stiger fra 30 % til 55 %: 16.323 kr. (officiel)" in out
    assert "uofficiel kilde" in out
    assert "BEK nr. 227" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_tilskud_json():
    r = run("tilskud", "--hourly", "200", "--hours", "18", "--year", "2024", "--json")
    data = json.loads(r.stdout)
    assert data["wage"] == 15600 and data["subsidy"] == 15272
    assert data["estimate"] is True
    assert {p["status"] for p in data["parameters"]} <= {"official", "computed", "secondary"}


def test_tilskud_danish_numbers_and_cap():
    r = run("tilskud", "--hourly", "200,00", "--hours", "18", "--year", "2024",
            "--full-time-wage", "30.000", "--json")
    data = json.loads(r.stdout)
    assert data["full_time_monthly_wage"] == 30000
    assert data["capped"] is True
    assert data["wage"] + data["subsidy"] <= 30000


def test_tilskud_english():
    r = run("tilskud", "--hourly", "200", "--hours", "18", "--year", "2024", "--lang", "en")
    assert r.returncode == 0
    assert "15,600 kr" in r.stdout and "estimate" in r.stdout.lower()


def test_tilskud_unknown_year():
    r = run("tilskud", "--hourly", "200", "--hours", "18", "--year", "1999")
    assert r.returncode == 2
    assert "1999" in r.stderr and "2024" in r.stderr and "2026" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--hourly", "-200", "--hours", "18"], "negativ"),
        (["--hourly", "200", "--hours", "-1"], "negativ"),
        (["--hourly", "32000", "--hours", "18"], "urimeligt"),
        (["--hourly", "200", "--hours", "200"], "højst regnes med 80 timer"),
        (["--hourly", "nan", "--hours", "18"], "ikke et tal"),
        (["--hourly", "inf", "--hours", "18"], "ikke et tal"),
        (["--hourly", "to hundrede", "--hours", "18"], "ikke et tal"),
        (["--hourly", "200"], "--hours"),
        (["--hourly", "200", "--hours", "18", "--full-time-wage", "-1"], "negativ"),
        (["--hourly", "200", "--hours", "18", "--year", "tjue"], "Kendte år"),
    ],
)
def test_tilskud_bad_input(args, expected):
    r = run("tilskud", *args)
    assert r.returncode == 2
    assert expected in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--hourly", "200", "--hours", "-3"], "--hours: antal timer om ugen kan ikke være negativt"),
        (["--hourly", "-200", "--hours", "18"], "--hourly: timelønnen kan ikke være negativ"),
        (["--hourly", "200", "--hours", "18", "--full-time-wage", "-1"],
         "--full-time-wage: fuldtidslønnen kan ikke være negativ"),
        (["--business-income", "-5"], "--business-income: indtægten fra virksomheden kan ikke"),
        (["--hourly", "200", "--hours", "81"], "81 timer om ugen er for mange"),
        (["--hourly", "200", "--hours", "80,5"], "højst regnes med 80 timer om ugen"),
        (["--hourly", "200", "--hours", "atten"], "Skriv antal timer om ugen som et tal"),
        (["--hourly", "mange", "--hours", "18"], "Skriv timelønnen som et tal"),
        (["--hourly", "20000", "--hours", "18"], "Har du skrevet en månedsløn som timeløn?"),
    ],
)
def test_tilskud_each_input_has_its_own_words(args, expected):
    r = run("tilskud", *args)
    assert r.returncode == 2
    assert expected in r.stderr
    assert "beløbet" not in r.stderr  # hours are not an amount
    assert r.stdout == "" and "Traceback" not in r.stderr


def test_tilskud_hours_words_in_english():
    r = run("tilskud", "--hourly", "200", "--hours", "-3", "--lang", "en")
    assert r.returncode == 2
    assert "--hours: the number of hours a week cannot be negative" in r.stderr
    r = run("tilskud", "--hourly", "200", "--hours", "90", "--lang", "en")
    assert r.returncode == 2 and "At most 80 hours a week" in r.stderr


def test_tilskud_80_hours_is_allowed():
    r = run("tilskud", "--hourly", "200", "--hours", "80", "--year", "2024")
    assert r.returncode == 0, r.stderr


def test_tilskud_2026_shows_each_figures_own_source():
    r = run("tilskud", "--hourly", "200", "--hours", "18", "--year", "2026")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "BEK nr. 4 af 06/01/2026 § 14" in out
    assert "98 % af højeste dagpenge (LAB § 123, stk. 1), udregnet" in out
    assert "Tallene for 2026 har hver deres kilde" in out
    for dev_note in ("Beregnet af os", "FA-K", "skift-a-kasse", "Grundbeløb B", "Knækgrænse",
                     "er ikke fundet\n"):
        assert dev_note not in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_tilskud_self_employed():
    r = run("tilskud", "--business-income", "240.000", "--year", "2026")
    assert r.returncode == 0, r.stderr
    assert "97.920 kr" in r.stdout and "169.920 kr" in r.stdout


# -- no Textual on the command-line paths ------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["check", str(EXAMPLES / "klar.toml"), "--json"],
        ["check", str(EXAMPLES / "klar.toml")],
        ["summary", str(EXAMPLES / "klar.toml")],
        ["tilskud", "--hourly", "200", "--hours", "18", "--year", "2024"],
    ],
)
def test_cli_paths_do_not_import_textual(argv):
    code = (
        "import sys, io, contextlib\n"
        "from fleksjob_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = main({argv!r})\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(rc, bad)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().endswith("[]"), r.stdout


def test_python_m_check_importtime_has_no_textual():
    r = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "fleksjob_tui", "check",
         str(EXAMPLES / "klar.toml"), "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert r.returncode == 0
    imported = [line.split("|")[-1].strip() for line in r.stderr.splitlines()
                if line.startswith("import time:")]
    assert "fleksjob_tui.rules" in imported
    assert not [m for m in imported if m == "textual" or m.startswith("textual.")]
