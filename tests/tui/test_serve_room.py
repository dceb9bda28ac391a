"""Issue 24, the browser (``fleksjob serve``): the keys reach the wizard without a click, the
text is readable on a wall screen, an old tab is told why in words."""

from __future__ import annotations

import pytest
from serve_helpers import get, new_case, screen_text, serving, wait_for
from test_serve import chromium  # noqa: F401 - the fixture

from fleksjob_tui.case import storage


def _open(context, url: str, size: tuple[int, int]):
    chunks: list[bytes] = []
    page = context.new_page()
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda p: isinstance(p, bytes) and chunks.append(p)))
    page.goto(url)
    page.locator("body.-first-byte").wait_for(state="attached", timeout=30_000)
    return page, chunks


def test_keys_reach_the_wizard_without_a_click_at_a_wall_screens_size(chromium, tmp_path):  # noqa: F811
    case = new_case(tmp_path)
    with serving(tmp_path, str(case)) as s:
        page, chunks = _open(chromium, s.url, (1920, 1080))
        wait_for(lambda: "Navn eller initialer" in screen_text(chunks), 30, "the first question",
                 lambda t: page.wait_for_timeout(t * 1000))
        # No click: the terminal has the keyboard as soon as the page is there.
        page.locator("#terminal .xterm-helper-textarea:focus").wait_for(state="attached",
                                                                          timeout=10_000)
        assert page.locator('#terminal[data-font-size="22"]').count() == 1
        size = page.locator(".notice.starting").evaluate("e => getComputedStyle(e).fontSize")
        assert size == "22px"
        page.keyboard.type("Væg", delay=30)
        wait_for(lambda: storage.load_case(case).person.name == "Væg", 20, "the answer saved",
                 lambda t: page.wait_for_timeout(t * 1000))
        # Reloaded (as "Start guiden igen" does): the keys go to the wizard again at once.
        page.reload()
        page.locator("body.-first-byte").wait_for(state="attached", timeout=30_000)
        page.locator("#terminal .xterm-helper-textarea:focus").wait_for(state="attached",
                                                                          timeout=10_000)
        assert s.stop() == 0


@pytest.mark.parametrize("lang,words", [(None, "Denne side hører til en guide"),
                                        ("en", "This page belongs to a wizard")])
def test_an_old_tab_is_told_in_words(tmp_path, lang, words):
    with serving(tmp_path, lang=lang) as s:
        status, body = get(f"{s.origin}/?token=from-an-earlier-run")
        assert status == 403 and words in body and "403 Forbidden" not in body
        assert s.stop() == 0


def test_export_has_a_key_in_the_browser(chromium, tmp_path):  # noqa: F811
    """The browser keeps Ctrl+E (the address bar's search): on Overblik the footer names F4,
    and F4 opens the export window in a real browser."""
    from test_serve import Window

    case = new_case(tmp_path)
    with serving(tmp_path, str(case)) as s:
        window = Window(chromium, s.url, [])
        window.wait_for_text("Navn eller initialer")
        window.keys("F3", *["ArrowDown"] * 7, "Enter")  # the step list: the last step
        window.wait_for_text("8 · Overblik")
        window.wait_for_text("F4 Eksportér")
        window.page.screenshot(path=str(tmp_path / "overblik.png"))
        window.chunks.clear()
        window.keys("F4")
        window.wait_for_text("Eksportér et dokument")
        window.page.screenshot(path=str(tmp_path / "export.png"))
        assert not window.problems, window.problems
        assert s.stop() == 0
