"""Choose one of the example cases shipped with the program (opened read-only)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .. import content, example_cases
from ..widgets.i18n import localize_bindings


class ExampleScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, lang: str) -> None:
        super().__init__(classes="editor")
        self.lang = lang
        localize_bindings(self, lang)

    def compose(self) -> ComposeResult:
        with Vertical(classes="editor-box"):
            yield Static(content.ui("examples.question", self.lang), classes="editor-title")
            yield OptionList(
                *[Option(title, id=name) for name, title in example_cases.available(self.lang)],
                id="example-list",
            )
            yield Static(content.ui("examples.hint", self.lang), classes="step-intro")

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        ol.focus()
        ol.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
