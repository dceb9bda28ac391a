"""The lines a person types at a terminal, read so that Ctrl+C always ends the wait.

Python runs a signal's handler between two steps of the program, and a read from the terminal
that has begun is interrupted by the signal. A Ctrl+C that comes after the last such step and
before the read has begun is noted, but there is nothing left to interrupt: the read waits for a
line, the terminal shows "^C" and nothing happens (seen under heavy load in the test of Ctrl+C,
and reproduced by delivering SIGINT as the read begins). The same holds for a signal that is
handled in another thread while the main thread waits.

Here Python also writes every signal it catches to a pipe (:func:`signal.set_wakeup_fd`), and
the program waits for the terminal *or* that pipe. The pipe keeps the signal whenever it came,
so the wait ends at once, and the signal's handler runs: Ctrl+C is ``KeyboardInterrupt``, a
closed terminal or SIGTERM the conversation's hang-up. POSIX only (``select`` on a terminal).
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import select
import signal
from typing import TextIO

_CHUNK = 4096


class TerminalLines:
    """``readline()`` from a terminal that a signal always interrupts. Reads the terminal's
    file descriptor itself (the stream's own buffer is not used: nothing was read from it
    before the conversation). :meth:`close` gives the signals back their former pipe."""

    def __init__(self, stream: TextIO) -> None:
        self._fd = stream.fileno()
        # As the stream itself decodes: its encoding, "\r" and "\r\n" are line ends as "\n".
        text = codecs.getincrementaldecoder(stream.encoding or "utf-8")(errors="replace")
        self._decode = io.IncrementalNewlineDecoder(text, translate=True)
        self._pending = ""  # what was read after the line given last
        self._fds: list[int] = []  # to close
        self._read_fd = self._fd
        self._wake_r, self._wake_w = os.pipe()
        self._fds += [self._wake_r, self._wake_w]
        try:
            for fd in (self._wake_r, self._wake_w):
                os.set_blocking(fd, False)
            with contextlib.suppress(OSError):
                # The terminal opened once more, for the reading alone, and a read from it never
                # waits: the line select saw can be gone when the read begins (Ctrl+C empties the
                # line the terminal holds, then the read would wait again). An opening of its
                # own: the shell's, shared with this program, stays as it is.
                self._read_fd = os.open(os.ttyname(self._fd),
                                        os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
                self._fds.append(self._read_fd)
            # ValueError outside the main thread: the caller reads the stream as it is.
            self._old_wakeup = signal.set_wakeup_fd(self._wake_w, warn_on_full_buffer=False)
        except BaseException:
            self._close_fds()
            raise

    @classmethod
    def for_stream(cls, stream: TextIO) -> TerminalLines | None:
        """Lines from ``stream`` when it is a terminal this can wait on, else None (a pipe, a
        file, a test's StringIO, not POSIX, not the main thread): read the stream itself."""
        if os.name != "posix":
            return None
        try:
            if not os.isatty(stream.fileno()):
                return None
            return cls(stream)
        except (AttributeError, ValueError, OSError):
            return None

    def fileno(self) -> int:
        return self._fd

    def readline(self) -> str:
        """One line with its newline; at the end of the input what is left ("" when nothing),
        as :meth:`io.TextIOBase.readline`."""
        while "\n" not in self._pending:
            chunk = self._read()
            if not chunk:
                line, self._pending = self._pending + self._decode.decode(b"", final=True), ""
                return line
            self._pending += self._decode.decode(chunk)
        line, _, self._pending = self._pending.partition("\n")
        return line + "\n"

    def _read(self) -> bytes:
        while True:
            ready, _, _ = select.select([self._read_fd, self._wake_r], [], [])
            if self._wake_r in ready:
                self._drain()
                # A signal came: its handler runs here, before the next wait (Ctrl+C raises
                # KeyboardInterrupt); a signal that asks for nothing just goes on waiting.
                continue
            try:
                return os.read(self._read_fd, _CHUNK)
            except BlockingIOError:  # gone since select saw it (Ctrl+C): wait again
                continue

    def _drain(self) -> None:
        with contextlib.suppress(BlockingIOError, InterruptedError):
            while os.read(self._wake_r, 512):
                pass

    def close(self) -> None:
        with contextlib.suppress(ValueError, OSError):
            signal.set_wakeup_fd(self._old_wakeup)
        self._close_fds()

    def _close_fds(self) -> None:
        for fd in self._fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._fds = []
