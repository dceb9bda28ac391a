"""The wizard's side of ``fleksjob serve``: Textual's web driver, made to end in order when the
server has gone.

``fleksjob serve`` starts ``python -m fleksjob_tui open CASE`` for each browser window with
``TEXTUAL_DRIVER=fleksjob_tui.serve_driver:ServeDriver``. The wizard writes its screen to the
server through a pipe. Should the server die without stopping it (killed, or crashed), the next
write fails with a broken pipe; Textual's own web driver would let that end the app at once,
without the save on the way out. This driver instead takes the failed write as "the server has
gone": it stops writing and asks the app to quit, so the wizard saves what was answered and
removes the case's lock, exactly as on Ctrl+Q. (The server also has the kernel send the wizard
SIGTERM when it dies, see ``serve._end_with_server``, which the web driver turns into the same
quit.)

Imported only in the wizard's own process, which runs Textual anyway.
"""

from __future__ import annotations

from textual import messages
from textual.drivers.web_driver import WebDriver

__all__ = ["ServeDriver"]


class ServeDriver(WebDriver):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.server_gone = False
        write = self._write

        def write_or_quit(data: bytes) -> int:
            if self.server_gone:
                return len(data)
            try:
                return write(data)
            except OSError:  # EPIPE: nobody reads the screen any more
                self.server_gone = True
                self._app.post_message(messages.ExitApp())  # thread-safe
                return len(data)

        self._write = write_or_quit
