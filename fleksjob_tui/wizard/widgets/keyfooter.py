"""The wizard's footer: Textual's ``Footer``, with its keys in the first frame.

Textual's footer composes empty and fills its keys in only when the screen first publishes its
bindings (when the focus is set), a frame after the first: one more compose, layout and full
repaint before the screen is whole. It also composes all its keys again every time the focus
moves, even when the keys it shows stay the same. This footer composes its keys with the screen
and composes again only when the keys it would show change; compact keys are compact from
the start (Textual makes them compact once mounted: a second styling of every key).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: What the footer shows for a screen's bindings: key, its display, words, action, enabled,
#: tooltip and group of every binding shown.
Shown = tuple[tuple[object, ...], ...]


class KeyFooter(Footer):
    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        # The screen's bindings are there when the footer is composed (with the screen).
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: Shown | None = None

    def _keys(self, screen: Screen) -> Shown:
        get_key_display = self.app.get_key_display
        return tuple((binding.key, get_key_display(binding), binding.description,
                      binding.action, enabled, tooltip, binding.group)
                     for (_, binding, enabled, tooltip) in screen.active_bindings.values()
                     if binding.show)

    def compose(self) -> ComposeResult:
        self._shown = self._keys(self.screen)
        for widget in super().compose():
            if self.compact and isinstance(widget, FooterKey):
                # Textual's binding makes the key compact once mounted: a class change and a
                # second styling of every key. It is compact from the start instead.
                widget.set_class(True, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        if (self._shown is not None and self.is_attached and screen is self.screen
                and self._keys(screen) == self._shown):
            return  # the same keys: the footer would be composed again as it is
        super().bindings_changed(screen)
