"""The house's one-way flow (issue 12): the rules compute the estimate and the six-year check once
(``assess``), and every output — the summary, the HTML and Markdown pack, the case view —
reads the assessment instead of computing them again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fleksjob_tui.case.storage import load_case
from fleksjob_tui.documents.output import assess_for_pack
from fleksjob_tui.documents.pack_render import render_html, render_markdown
from fleksjob_tui.documents.summary import summary_text
from fleksjob_tui.rules import assess, subsidy
from fleksjob_tui.rules import subsidy as economy
from fleksjob_tui.view import build_view, estimate

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 11, 22)


def _case(name: str):
    return load_case(EXAMPLES / name)


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.toml")))
def test_the_estimate_is_part_of_the_assessment(name):
    case = _case(name)
    a = assess(case, AS_OF)
    assert a.estimate is not None
    assert a.estimate.year == (case.economy.year or AS_OF.year)
    expected = economy.compute(case, a.estimate.year)
    assert a.estimate.result == expected
    # ``fleksjob check --json`` keeps its shape: the estimate is not in it.
    assert "estimate" not in a.to_json()


def test_missing_numbers_and_a_year_without_figures():
    case = _case("klar.toml")
    case.economy.hourly_wage = None
    found = assess(case, AS_OF).estimate
    assert found.missing and found.result is None
    assert estimate.lines(found, "da") == []
    assert estimate.lines(found, "da", when_missing=True)
    case = _case("klar.toml")
    case.economy.year = 2000  # before the first year with figures: no estimate
    found = assess(case, AS_OF).estimate
    assert found.unknown_year is not None and found.unknown_year[0] == 2000
    assert "2000" in estimate.lines(found, "da")[0]
    case.economy.year = 2099  # after the last: the latest year's figures, and it says so
    found = assess(case, AS_OF).estimate
    assert found.unknown_year is None and found.defaulted and found.today == 2099
    assert "Satserne for 2099 er ikke offentliggjort endnu" in " ".join(
        x for x in estimate.lines(found, "da") if isinstance(x, str))


def test_a_year_without_figures_falls_back_with_a_note():
    case = _case("klar.toml")
    case.economy.year = None
    later = dt.date(max(subsidy.available_years()) + 3, 1, 5)
    found = assess(case, later).estimate
    assert found.defaulted and found.year == max(subsidy.available_years())
    assert str(later.year) in " ".join(str(x) for x in estimate.lines(found, "da")[:3])


def test_no_output_computes_the_estimate_itself(monkeypatch):
    """After ``assess``, rendering every output never reaches the subsidy formula."""
    for name in ("klar.toml", "selvstaendig.toml"):
        case = _case(name)
        a = assess(case, AS_OF)
        pack = assess_for_pack(case, AS_OF)
        calls = []

        def refuse(*args, calls=calls, **kwargs):
            calls.append(args)
            raise AssertionError("an output computed the estimate itself")

        with monkeypatch.context() as m:
            m.setattr(subsidy, "estimate", refuse)
            m.setattr(subsidy, "self_employed_estimate", refuse)
            m.setattr(economy, "compute", refuse)
            m.setattr(economy, "case_estimate", refuse)
            summary = summary_text(case, a)
            html = render_html(case, pack)
            md = render_markdown(case, pack)
            view = build_view(case, pack)
        assert calls == []
        assert "vejledende" in summary.lower()
        assert "vejledende" in html.lower() and "vejledende" in md.lower()
        assert view.estimate


@pytest.mark.parametrize(("birth", "expected"), [
    (dt.date(1966, 5, 10), False),  # pension 10-05-2034: more than six years on 22-11-2026
    (dt.date(1960, 1, 1), True),  # six years or less
])
def test_the_six_year_check_is_the_rules(birth, expected):
    case = _case("klar.toml")
    case.person.birth_date = birth
    a = assess(case, AS_OF)
    assert a.six_years_or_less is expected
    assert a.six_years_or_less == (AS_OF >= a.pension.six_year_mark)
    case.person.birth_date = None
    assert assess(case, AS_OF).six_years_or_less is None


def test_the_html_pack_comes_from_the_template_and_the_css_file():
    from fleksjob_tui import content
    from fleksjob_tui.documents import pack_render as export

    assert (export.TEMPLATES / "pack.html").is_file() and (export.TEMPLATES / "pack.css").is_file()
    assert not content.has("export", "html.css")  # no stylesheet in a TOML string any more
    case = _case("klar.toml")
    case.case.title = '<img src=x onerror="alert(1)"> & \'co\''
    html = render_html(case, assess_for_pack(case, AS_OF))
    assert "<img" not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; &amp; &#39;co&#39;" in html
    css = (export.TEMPLATES / "pack.css").read_text(encoding="utf-8")
    assert css.replace("__PAGE__", "Side") in html
    assert html.startswith("<!DOCTYPE html>\n") and html.endswith("</html>\n")


async def test_the_person_step_reads_the_six_year_check(tmp_path):
    """Personen shows the rules' six-year check (Assessment.six_years_or_less), not its own."""
    import shutil

    from wizard_helpers import wizard_at

    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", path)
    async with wizard_at(path, "person") as (app, pilot):
        info = str(app.screen.query_one("#f-person-birth_date .q-info").content)
        applies = "Mere end seks år" in info
        assert applies is (app.assessment.six_years_or_less is False)
        # Born so that the pension is less than six years away: the other sentence.
        app.case.person.birth_date = dt.date(1961, 1, 1)
        app.case_changed()
        await pilot.pause()
        assert app.assessment.six_years_or_less is True
        info = str(app.screen.query_one("#f-person-birth_date .q-info").content)
        assert "Seks år eller mindre" in info
