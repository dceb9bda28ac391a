"""The wizard's side of ``fleksjob serve``: Textual's web driver, made to end in order.

``fleksjob serve`` starts ``python -m fleksjob_tui open CASE`` for each browser window with
``TEXTUAL_DRIVER=fleksjob_tui.web.driver:ServeDriver``. The wizard writes its screen to the
server through a pipe and reads the page's keys from another.

However the wizard is told to stop — the server asks it to quit (Ctrl+C in the server's
terminal), the kernel sends SIGTERM because the server died (see ``serve._end_with_server``), or a
write fails with a broken pipe because nobody reads the screen any more — it quits in order, as
on Ctrl+Q but without asking:

1. Every key the page sent before the quit is handled first: the quit waits (a moment at most)
   until the key has reached its field and the field has written the answer into the case.
   (Textual's own web driver ends the app at once, and a key still on its way from the app to
   the field was dropped with the widgets, so the last letters typed could be lost.)
2. The case is saved now when what it says differs from what was last saved, without waiting
   for the autosave's half second.
3. Then the app exits, which removes the case's lock.

In the browser the wizard also

* hides the header's icon: its sign (⭘) is in no font the page has, and showed as an empty box;
* takes keys the browser leaves to the page: a desktop browser keeps Ctrl+N (new window) for
  itself, Ctrl+E (the address bar's search), Ctrl+R (reload), and Firefox Ctrl+Q (quit the
  browser). So the footer shows PgDn / PgUp for the next and the previous step, F4 for the export
  window and F8 for removing a CPR number (bound in the wizard already, beside the terminal's
  keys), F3 for the step list and F10 for quitting (bound here, in the browser only). The
  terminal's keys are unchanged and still work where the browser lets them through.

Imported only in the wizard's own process, which runs Textual anyway.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys

from textual import messages
from textual.drivers.web_driver import WebDriver

__all__ = ["ServeDriver", "settle"]

#: The key the browser's footer shows for an action (the wizard's terminal key otherwise).
BROWSER_KEYS = {"next": "PgDn", "back": "PgUp", "toggle_steps": "F3", "quit": "F10",
                "export": "F4", "remove_cpr": "F8"}
#: Keys bound in the browser only: (key, action).
BROWSER_BINDINGS = [("f3", "screen.toggle_steps"), ("f10", "quit")]
#: In the browser the header's icon is hidden (no font on the page has its sign).
BROWSER_CSS = "HeaderIcon { visibility: hidden; }"

#: Seconds the quit waits at most for the keys already received to reach their fields.
SETTLE_TIMEOUT = 2.0

#: The sizes a page may ask for, (least, most) columns and rows — the bounds the server gives a
#: new window (``server.handle_websocket``). A page that asks for 20000×20000 would have the
#: wizard lay out and send 400 million cells, and the keys typed after it would wait for that.
WIDTH = (10, 1000)
HEIGHT = (5, 1000)


def bounded_size(payload: dict[str, object]) -> dict[str, object]:
    """A resize message's width and height within :data:`WIDTH` × :data:`HEIGHT` (a value that
    is not a whole number keeps the window's size as the least)."""
    def bound(value: object, low: int, high: int) -> int:
        try:
            number = int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError, OverflowError):
            return low
        return min(max(number, low), high)

    return {**payload, "width": bound(payload.get("width"), *WIDTH),
            "height": bound(payload.get("height"), *HEIGHT)}


async def settle(app, timeout: float = SETTLE_TIMEOUT) -> None:
    """Wait until the app and every widget of its screens have handled their messages (a key
    passes from the app to the screen, the input, the field and back as several messages), or
    ``timeout`` seconds have passed."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    quiet = 0
    while quiet < 3 and loop.time() < deadline:
        nodes = [app]
        for screen in list(getattr(app, "screen_stack", [])):
            nodes.extend(screen.walk_children(with_self=True))
        busy = any(getattr(node, "_message_queue", None) is not None
                   and not node._message_queue.empty() for node in nodes)
        quiet = 0 if busy else quiet + 1
        await asyncio.sleep(0.02)


def save_what_changed(app) -> None:
    """Save the case now when its answers differ from the last save (the wizard's own save:
    never over a change made in another window)."""
    case = getattr(app, "case", None)
    if case is None or getattr(app, "read_only", True) or getattr(app, "_asking_changed", False):
        return
    changed = getattr(app, "_dirty", False) or case.answers() != getattr(app, "_saved_answers", None)
    if changed:
        app.save()


class ServeDriver(WebDriver):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.server_gone = False
        self._quitting = False
        self._loop: asyncio.AbstractEventLoop | None = None
        write = self._write

        def write_or_quit(data: bytes) -> int:
            if self.server_gone:
                return len(data)
            try:
                return write(data)
            except OSError:  # EPIPE: nobody reads the screen any more
                self.server_gone = True
                self.quit_in_order()
                return len(data)

        self._write = write_or_quit
        self._for_the_browser(self._app)

    @staticmethod
    def _for_the_browser(app) -> None:
        """The browser's keys and look (the app has read its style sheet; it is parsed when the
        first screen is styled)."""
        app.stylesheet.add_source(BROWSER_CSS, read_from=(__file__, "BROWSER_CSS"))
        terminal_key = app.get_key_display

        def key_display(binding) -> str:
            return BROWSER_KEYS.get(binding.action) or terminal_key(binding)

        app.get_key_display = key_display
        for key, action in BROWSER_BINDINGS:
            app._bindings.bind(key, action, show=False, priority=True)

    def start_application_mode(self) -> None:
        super().start_application_mode()
        self._loop = loop = asyncio.get_running_loop()
        if sys.platform != "win32":
            for sig in (signal.SIGINT, signal.SIGTERM):  # instead of the web driver's ExitApp
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(sig, self.quit_in_order)

    def on_meta(self, packet_type: str, payload: dict[str, object]) -> None:
        if packet_type == "quit":  # the server stops (Ctrl+C in its terminal)
            self.quit_in_order()
            return
        if packet_type == "resize":
            payload = bounded_size(payload)
        super().on_meta(packet_type, payload)

    def quit_in_order(self) -> None:
        """Handle the keys already received, save what changed, then exit. Safe from any
        thread, and more than once."""
        if self._quitting:
            return
        self._quitting = True
        loop = self._loop
        if loop is None or loop.is_closed():
            self._app.post_message(messages.ExitApp())
            return
        asyncio.run_coroutine_threadsafe(self._quit(), loop)

    async def _quit(self) -> None:
        app = self._app
        try:
            await settle(app)
            save_what_changed(app)
        finally:
            app.post_message(messages.ExitApp())
