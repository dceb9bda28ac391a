"""The one rendering of the wage-subsidy estimate (fleksjob_tui/view/estimate.py): the same words and
amounts in ``fleksjob tilskud``, the summary and the wizard's Økonomi step; whole kroner as
"15.272 kr."; always an estimate; every figure with its own plain-Danish source."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shutil
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from rich.console import Console
from wizard_helpers import keys, wizard_at

from fleksjob_tui import cli, content
from fleksjob_tui.case.model import Case
from fleksjob_tui.documents import summary as report
from fleksjob_tui.rules import assess, subsidy
from fleksjob_tui.view import estimate


def case_lines(case, lang, year, **kw):
    """The estimate of a case in words, as the rules compute it on 1 January of ``year``."""
    return estimate.lines(assess(case, dt.date(year, 1, 1)).estimate, lang, **kw)

AS_OF = dt.date(2026, 11, 22)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "home"))


def flat(text: str) -> str:
    return " ".join(text.split())


def draw(renderable, width: int) -> str:
    console = Console(width=width, no_color=True, color_system=None, force_terminal=False,
                      highlight=False, emoji=False, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def tilskud(*argv: str) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert cli.main(["tilskud", *argv]) == 0
    return buf.getvalue()


def case_with(hourly: float, hours: float, year: int, cap: float | None = None) -> Case:
    return Case.model_validate({"schema_version": 1, "economy": {
        "hourly_wage": hourly, "paid_hours_per_week": hours, "year": year,
        "full_time_monthly_wage": cap}})


# -- amounts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "lang", "expected"),
    [
        (15272, "da", "15.272 kr."),
        (19976.67, "da", "19.977 kr."),
        (12177.5, "da", "12.178 kr."),  # half up, like the rules
        (0, "da", "0 kr."),
        (1_000_000, "da", "1.000.000 kr."),
        (15272, "en", "15,272 kr"),
    ],
)
def test_kr_whole_kroner(amount, lang, expected):
    assert estimate.kr(amount, lang) == expected


def test_hourly_rate_keeps_its_ore():
    assert estimate.kr_rate(187.35, "da") == "187,35 kr."
    assert estimate.kr_rate(200, "da") == "200 kr."
    assert estimate.kr_rate(187.5, "en") == "187.50 kr"


# -- one rendering, three places ---------------------------------------------------------------


CASES = [(200, 18, 2024, None), (187.35, 15, 2024, None), (187.35, 15, 2024, 20000),
         (200, 18, 2026, 32000), (320, 25, 2025, None)]


@pytest.mark.parametrize(("hourly", "hours", "year", "cap"), CASES)
def test_cli_and_summary_show_the_same_lines(hourly, hours, year, cap):
    argv = ["--hourly", str(hourly), "--hours", str(hours), "--year", str(year)]
    if cap is not None:
        argv += ["--full-time-wage", str(cap)]
    out = tilskud(*argv)
    case = case_with(hourly, hours, year, cap)
    summary = report.summary_text(case, assess(case, AS_OF), "da", width=80)
    est = subsidy.estimate(hourly, hours, year, cap)
    # The amount lines are the same, word for word, in both.
    rows = estimate.wrap_lines(estimate.estimate_lines(est, "da", detail=False))
    amount_rows = [line for line in rows if line.rstrip().endswith("kr.")]
    assert len(amount_rows) >= 4
    for line in amount_rows:
        assert line in out.splitlines(), line
        assert line in summary.splitlines(), line
    # Every amount in whole kroner, "15.272 kr." (only the hourly rate may have øre).
    for text in (out, summary):
        amounts = re.findall(r"[0-9][0-9.,]* kr\.?", text)
        assert amounts
        for a in amounts:
            assert a.endswith("kr."), a
            if "," in a:
                assert a == estimate.kr_rate(hourly, "da"), a
        assert "vejledende" in text.lower()
    assert f"{estimate.kr(est.subsidy, 'da')}" in out and estimate.kr(est.subsidy, "da") in summary


def test_summary_line_used_to_differ_from_the_wizard():
    # The usability test: the summary showed "19.976,67 kr" where the wizard showed "19.977 kr.".
    case = case_with(187.35, 15, 2024, 20000)
    summary = report.summary_text(case, assess(case, AS_OF), "da")
    assert not re.search(r"[0-9]\.[0-9]{3},[0-9]{2} kr", summary)
    assert "kr " not in summary.replace("kr. ", "")  # never "kr" without the period


def test_the_other_copies_are_gone():
    assert not hasattr(report, "economy_lines")
    assert not hasattr(estimate, "economy_text")
    assert not hasattr(estimate, "subsidy_text")
    assert not hasattr(cli, "_param_lines")


def test_self_employed_same_lines_in_cli_and_summary():
    out = tilskud("--business-income", "240.000", "--year", "2026")
    case = Case.model_validate({"schema_version": 1, "person": {"self_employed": True},
                                "economy": {"business_income": 240000, "year": 2026}})
    summary = report.summary_text(case, assess(case, AS_OF), "da")
    est = subsidy.self_employed_estimate(240000, 2026)
    for line in estimate.wrap_lines(estimate.estimate_lines(est, "da", detail=False)):
        if line.endswith("kr."):
            assert line in out.splitlines() and line in summary.splitlines()
    assert "97.920 kr." in out and "8.160 kr." in summary


def test_always_labelled_an_estimate_in_both_languages():
    for lang, word in (("da", "vejledende"), ("en", "estimate")):
        for est in (subsidy.estimate(200, 18, 2024), subsidy.self_employed_estimate(0, 2026)):
            for detail in (True, False):
                text = " ".join(estimate.wrap_lines(
                    estimate.estimate_lines(est, lang, detail=detail))).lower()
                assert word in text
                assert "berettiget" not in text and "eligible" not in text


def test_case_lines_missing_numbers_and_unknown_year():
    assert case_lines(Case.new(), "da", 2026) == []
    assert "timeløn" in case_lines(Case.new(), "da", 2026, when_missing=True)[0]
    case = case_with(200, 18, 2000)
    assert "Der er ingen satser for år 2000" in case_lines(case, "da", 2026)[0]


def test_year_without_figures_falls_back_with_a_note():
    case = case_with(200, 18, 2024)
    case.economy.year = None
    lines = case_lines(case, "da", 2031)
    newest = max(subsidy.available_years())
    assert f"Fleksløn {newest}" in lines[0]
    assert (f"Satserne for 2031 er ikke offentliggjort endnu; beregningen bruger {newest}."
            in lines)


@pytest.mark.parametrize("width", [30, 40, 54, 80])
def test_renderable_wraps_to_the_width_it_is_drawn_in(width):
    est = subsidy.estimate(200, 18, 2026, 32000)
    lines = estimate.estimate_lines(est, "da", detail=True)
    text = draw(estimate.renderable(lines), width)
    assert max(len(line.rstrip()) for line in text.splitlines()) <= width
    assert "…" not in text
    # Nothing lost: every word of the lines is drawn, and the amounts are never split.
    assert sorted(flat(text).split()) == sorted(flat(" ".join(estimate.wrap_lines(lines))).split())
    for amount in ("15.600 kr.", "16.920 kr.", "16.400 kr.", "32.000 kr."):
        assert amount in text
    if width >= 80:
        assert [line.rstrip() for line in text.splitlines()] == estimate.wrap_lines(lines, width)


def test_wrap_lines_keeps_indent():
    lines = ["  " + "ord " * 40]
    wrapped = estimate.wrap_lines(lines, 30)
    assert len(wrapped) > 1 and all(w.startswith("  ") and len(w) <= 30 for w in wrapped)


# -- the wizard's Økonomi step shows the same rendering, live ----------------------------------


async def test_economy_step_shows_the_shared_rendering(tmp_path):

    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", path)
    async with wizard_at(path, "economy") as (app, pilot):
        result = app.screen.query_one("#economy-result")
        width = result.content_region.width
        shown = draw(result.content, width)
        expected = estimate.wrap_lines(case_lines(app.case, "da", AS_OF.year,
                                                           detail=True, when_missing=True))
        assert sorted(flat(shown).split()) == sorted(flat(" ".join(expected)).split())
        assert "16.400 kr." in shown and "vejledende" in shown.lower()
        assert max(len(line.rstrip()) for line in shown.splitlines()) <= width
        # Live: a new hourly wage changes the estimate at once.
        await keys(pilot, "end", "ctrl+u", "text:187,35", "enter")
        assert app.case.economy.hourly_wage == 187.35
        shown = draw(result.content, width)
        assert "187,35 kr." in shown
        expected = estimate.wrap_lines(case_lines(app.case, "da", AS_OF.year))
        assert sorted(flat(shown).split()) == sorted(flat(" ".join(expected)).split())


# -- the figures' sources, in plain Danish -------------------------------------------------------


DEV_NOTES = ("Beregnet af os", "FA-K", "skift-a-kasse", "Grundbeløb B", "Knækgrænse",
             "a-kasserne:", "2024-niveau", "2026-niveau", "Cirka-tal",
             "En bekendtgørelse om fleksløntilskud for 2026 er ikke fundet")


def _sources():
    data = tomllib.loads(resources.files("fleksjob_tui.content")
                         .joinpath("parameters.toml").read_text("utf-8"))
    for table in ("subsidy", "self_employed"):
        for year, figures in data[table].items():
            if isinstance(figures, dict):
                for name, fig in figures.items():
                    yield table, year, name, fig["status"], fig["source"]


def test_sources_read_as_plain_danish():
    for table, year, name, status, source in _sources():
        for note in DEV_NOTES:
            assert note not in source, (table, year, name, note)
        if status == "computed":
            assert "udregnet" in source.lower(), (table, year, name)
        if status == "secondary":
            assert "ikke" in source and ("officiel" in source), (table, year, name)


def test_parameter_labels_are_plain():
    for key in ("base", "threshold", "max_dagpenge", "base_self"):
        label = content.text("report", f"param_name.{key}", "da")
        assert not re.search(r"\b[BT]\b", label), label
    assert content.text("report", "param_name.base", "da") == "Højeste tilskud pr. måned"
    assert content.text("report", "param_name.threshold", "da") == (
        "Grænse, hvor fradraget stiger fra 30 % til 55 %")


def test_2026_shows_each_figures_own_source():
    est = subsidy.estimate(200, 18, 2026)
    text = " ".join(estimate.wrap_lines(estimate.estimate_lines(est, "da", detail=True), 10**6))
    for p in est.parameters:
        assert p.source in text
    assert "BEK nr. 4 af 06/01/2026 § 14" in text
    assert "98 % af højeste dagpenge (LAB § 123, stk. 1), udregnet" in text
    # BEK 227/2024 is named as the rules of the computation, not as the source of the figures.
    assert "Tallene for 2026 har hver deres kilde" in text


@pytest.mark.parametrize("year", subsidy.available_years())
def test_english_estimate_gives_every_source_in_english(year):
    """In English the sources are English too; only the legal references stay Danish."""
    est = subsidy.estimate(200, 18, year)
    text = " ".join(estimate.wrap_lines(estimate.estimate_lines(est, "en", detail=True), 10**6))
    for p in est.parameters:
        assert p.source_en in text
        assert p.source not in text
    for danish in ("højeste dagpenge", "udregnet", "tallet for", "ikke "):
        assert danish not in text.lower(), danish
