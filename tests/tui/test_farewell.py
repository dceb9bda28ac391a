"""What the wizard leaves in the terminal when it ends (``Leaving.farewell``): where the case is
and how to go on; only that it was read when it was open for reading; nothing without a case."""

from __future__ import annotations

from wizard_helpers import AS_OF

from fleksjob_tui.wizard.app import FleksjobApp


async def test_the_farewell_names_the_case_and_the_command(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    said = app.farewell()
    assert said is not None
    assert f"Sagen er gemt i {case_file}" in said
    assert "fleksjob open" in said and case_file.name in said


async def test_a_case_only_read_says_it_is_unchanged(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_case(app.case, case_file, read_only=True)
        await pilot.pause()
    assert app.farewell() == f"Sagen blev kun læst: {case_file} er ikke ændret."


async def test_nothing_is_said_without_a_case(home):
    app = FleksjobApp(as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.farewell() is None


async def test_nothing_is_said_in_a_browser(case_file, monkeypatch):
    """`fleksjob serve` runs the wizard with a driver of its own: its output is the page's
    channel, not a terminal someone reads."""
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    monkeypatch.setenv("TEXTUAL_DRIVER", "fleksjob_tui.web.driver:ServeDriver")
    assert app.farewell() is None
