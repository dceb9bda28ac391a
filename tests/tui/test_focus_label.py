"""The question the cursor is in is marked: its label is bold and reversed
(``QuestionField:focus-within .q-label`` in app.tcss), and the mark moves with the cursor — on
the step's first question when the step opens, on the next after Tab, back after Shift+Tab.
Before, Textual never restyled the label when the cursor came or went, and no label was marked."""

from __future__ import annotations

from wizard_helpers import focused_field_key, wizard_at

from fleksjob_tui.wizard.widgets.fields import QuestionField


def marked(app) -> list[str]:
    """The questions whose label is shown marked (bold and reversed)."""
    found = []
    for field in app.screen.pane.query(QuestionField):
        style = field.query_one(".q-label").styles.text_style
        if style.bold and style.reverse:
            found.append(field.qkey)
    return found


async def test_the_label_of_the_question_with_the_cursor_is_marked_and_follows_it(case_file):
    async with wizard_at(case_file, "person") as (app, pilot):
        first = focused_field_key(app)
        assert first is not None
        assert marked(app) == [first]
        await pilot.press("tab")
        await pilot.pause()
        second = focused_field_key(app)
        assert second != first
        assert marked(app) == [second]
        await pilot.press("shift+tab")
        await pilot.pause()
        assert marked(app) == [first]
