"""The start screen as a caseload (issue 25): each case with its status in words, its next date,
what it is and who acts, sorted by that date; F3 (or S) sorts by last change and back, the cursor
staying on its case; a past date is said in words. Driven with the keys a person would press."""

from __future__ import annotations

import pytest
from caseload_cases import AS_OF, EXPECTED, make_folder
from wizard_helpers import keys

from fleksjob_tui import content
from fleksjob_tui.wizard.app import FleksjobApp


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    return make_folder(tmp_path)


def rows(app) -> list[str]:
    menu = app.screen.query_one("#start-menu")
    return [str(menu.get_option_at_index(i).prompt) for i in range(3, menu.option_count)]


def footer_texts(app) -> list[str]:
    from textual.widgets._footer import FooterKey

    return [key.description for key in app.screen.query(FooterKey)]


async def test_the_cases_by_next_date_with_who_acts_and_a_past_date_in_words(home):
    app = FleksjobApp(as_of=AS_OF, folder=home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [e.path.name for e in app.screen.entries] == [r[0] for r in EXPECTED]
        shown = rows(app)
        assert shown[0] == ("Møde forbi — klar til kommunen\n\u00a0\u00a015-11-2026 · "
                            "OVER DATOEN: 7 dage · Alle ved mødet: opfølgningsmøde")
        # what the step is: its first item named (a count and the first when there are more)
        assert shown[1].endswith("nu · Lederen: 7 ting mangler nu, først: startdato på særlige "
                                 "vilkår (og 2 for andre)")
        assert shown[4] == ("Mangler aftale — mangler dokumentation\n\u00a0\u00a0"
                            "01-03-2027 · Lederen: frist for dokumentation af forsøget")
        assert shown[5].endswith("01-06-2027 · Medarbejderen: kan gå til kommunen")
        assert shown[6].endswith("intet at gøre efter dato")
        assert "kan ikke læses" in shown[7]
        assert content.text("caseload", "start.by_date", "da") in str(
            app.screen.query_one("#start-sort").render())
        # The cursor is still on the case worked on last (all were changed on 01-11: the
        # last minute wins), and Enter goes on with it.
        assert app.screen.highlighted_entry().path.name == "moede-snart.toml"


async def test_f3_or_s_sorts_by_last_change_and_back_keeping_the_cursor_on_its_case(home):
    app = FleksjobApp(as_of=AS_OF, folder=home, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Sort: changed" in footer_texts(app) and "Sort: date" not in footer_texts(app)
        await keys(pilot, "up", "up")  # onto "Ny sag"
        assert app.screen.highlighted_entry().path.name == "ny.toml"
        await keys(pilot, "s")
        names = [e.path.name for e in app.screen.entries]
        assert names[0] == "ulaeselig.toml" and names[1:3] == ["moede-snart.toml",
                                                                 "moede-forbi.toml"]
        assert app.screen.highlighted_entry().path.name == "ny.toml"
        assert "changed 01-11-2026 12:07" in rows(app)[1].splitlines()[0]
        assert "Sort: date" in footer_texts(app)
        await keys(pilot, "f3")  # the key the footer names
        assert [e.path.name for e in app.screen.entries] == [r[0] for r in EXPECTED]
        assert app.screen.highlighted_entry().path.name == "ny.toml"
        assert "PAST THE DATE: 7 days" in rows(app)[0]


async def test_no_sort_key_on_an_empty_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    app = FleksjobApp(as_of=AS_OF, folder=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not any(t.startswith("Sortér") for t in footer_texts(app))
        await keys(pilot, "s")
        assert app.screen.entries == []
