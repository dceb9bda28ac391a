"""Who is filling in the case: the employee, a union representative or a manager.

The wording of the questions adapts ("du" to the employee); the rules do not.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .. import content
from ..model import ROLES
from ..widgets.i18n import localize_bindings


class RoleScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, lang: str) -> None:
        super().__init__(classes="editor")
        self.lang = lang
        localize_bindings(self, lang)

    def compose(self) -> ComposeResult:
        with Vertical(classes="editor-box"):
            yield Static(content.ui("role.question", self.lang), classes="editor-title")
            yield OptionList(
                *[Option(content.ui(f"role.{r}", self.lang), id=r) for r in ROLES], id="role-list"
            )
            yield Static(content.ui("role.hint", self.lang), classes="step-intro")

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        ol.focus()
        ol.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
