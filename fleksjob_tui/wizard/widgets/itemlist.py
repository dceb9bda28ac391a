"""The list of a step's items (measures, meetings): every row can be reached and is seen.

- Up on the first row and Down on the last stay there (Textual's OptionList wraps around, so a
  Down on "+ Tilføj et møde" used to land on the first meeting, and the next keys typed
  changed it).
- The highlighted row is kept in view of the step around the list, not only of the list: the
  list (at most as tall as the step) starts below the step's title, so the step must scroll too
  (at 80×24 the rows below the seventh were highlighted out of sight).
- Delete on an item asks the step to delete it (``DeleteRequested``); the step asks first.
- Letters typed on the list do not go anywhere: the list says so once, plainly, and what to
  press instead (the step around it words it: "Tryk Enter for at tilføje et møde").
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.widgets import OptionList


class ItemList(OptionList):
    BINDINGS = [Binding("delete", "delete_item", show=False)]

    class DeleteRequested(Message):
        def __init__(self, item_list: ItemList, option_id: str) -> None:
            super().__init__()
            self.item_list = item_list
            self.option_id = option_id

    _told_typing = False

    def on_key(self, event: events.Key) -> None:
        if not event.is_printable or event.key == "space" or self._told_typing:
            return
        hint = getattr(self.parent, "typing_hint", None)
        if hint is None:
            return
        self._told_typing = True  # once while the cursor is in the list
        self.app.notify(hint(), severity="warning", timeout=8)

    def on_blur(self) -> None:
        self._told_typing = False

    def action_cursor_up(self) -> None:
        if self.highlighted is None:
            self.action_first()
        elif self.highlighted > 0:
            self.highlighted -= 1

    def action_cursor_down(self) -> None:
        if self.highlighted is None:
            self.action_first()
        elif self.highlighted < self.option_count - 1:
            self.highlighted += 1

    def action_delete_item(self) -> None:
        if self.highlighted is None:
            return
        option = self.get_option_at_index(self.highlighted)
        self.post_message(self.DeleteRequested(self, option.id or ""))

    def scroll_to_highlight(self, top: bool = False) -> None:
        super().scroll_to_highlight(top)
        self.call_after_refresh(self._show_in_step)

    def _show_in_step(self) -> None:
        """Scroll the container around the list so the highlighted row is on screen."""
        highlighted = self.highlighted
        parent = self.parent
        if highlighted is None or not self.is_attached or parent is None:
            return
        self._update_lines()
        try:
            line = self._index_to_line[highlighted]
            height = self._heights[highlighted]
        except KeyError:
            return
        if highlighted == 0:
            # The first row: the step's title and introduction come back into view with it.
            parent.scroll_home(animate=False, immediate=True)
            return
        top = self.virtual_region.y + self.gutter.top + line - self.scroll_offset.y
        parent.scroll_to_region(
            Region(0, top, 1, height), animate=False, immediate=True, force=True
        )
