"""One guard on the way out — Ctrl+Q, SIGTERM, SIGHUP (the terminal closed) and a crash.

Whatever ends the wizard, it first saves what can be saved (the answer typed in the last half
second, too), writes a new meeting or measure an editor still holds back (a date not yet valid,
see :meth:`EditorScreen.held_back`) with every answer that was accepted — only the refused
answer is lost — and releases the case's lock. Ctrl+Q asks first
when quitting would lose something the person typed — in any window: a step, an editor, the
name of a new measure — and names it; "Tilbage" leaves every typed text where it was. A signal
cannot ask: what cannot be saved is left out, as the question would have said. A crash shows a
short message instead of Textual's traceback (whose local variables hold the case) and writes
a report without case data to a private file (:mod:`fleksjob_tui.case.crashreport`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading

from ..case import crashreport


class Leaving:
    """Mixed into :class:`~fleksjob_tui.wizard.app.FleksjobApp`: quitting, signals, crashes."""

    #: The signals that end the wizard after the guard has saved and released the lock.
    SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))

    # ── Ctrl+Q ───────────────────────────────────────────────────────────────────────────────
    async def action_quit(self) -> None:
        """Save and stop — but first ask when quitting would lose something the user typed."""
        from .screens.editor import ConfirmScreen  # screens import the app's layer below: late

        if isinstance(self.screen, ConfirmScreen) and self.screen.has_class("quit-question"):
            self._finish_quit()  # Ctrl+Q again on the question: quit anyway
            return
        reason = self._quit_loses()
        if reason is None:
            self._finish_quit()
            return

        def answer(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self._finish_quit()

        question = ConfirmScreen(reason, self.lang, yes=self.t("quit.anyway"),
                                 no=self.t("quit.stay"))
        question.add_class("quit-question")
        self.push_screen(question, callback=answer)

    def kept_lines(self) -> list[str]:
        """What the way out writes that is not in the file yet (a new item held back)."""
        kept: list[str] = []
        for screen in self.screen_stack:
            more = getattr(screen, "quit_keeps", None)
            if more is not None:
                kept.extend(more())
        return kept

    def unsaved_lines(self) -> tuple[list[str], list[str]]:
        """What the open windows hold that is not in the file: (refused answers, other things),
        each a line. Every window is asked, the top one last: a step's fields, an editor's
        fields and its new item, a typed name."""
        from .widgets.fields import QuestionField  # loaded with the first step anyway: late

        refused: list[str] = []
        other: list[str] = []
        for screen in self.screen_stack:
            for field in screen.query(QuestionField):
                problem = field.pending_problem()  # also shown beside the field
                if problem:
                    refused.append(f"{field.label_text}: {problem}")
            more = getattr(screen, "quit_loses", None)
            if more is not None:
                other.extend(more())
        return refused, other

    def _quit_loses(self) -> str | None:
        """What quitting now would lose (a message), or None. Saves the case when it can."""
        reason = self._quit_loses_only()
        kept = self.kept_lines() if self.case is not None and not self.read_only else []
        if reason is None or not kept:
            return reason
        return reason + "\n\n" + "\n".join(kept)

    def _quit_loses_only(self) -> str | None:
        refused, other = self.unsaved_lines()  # a window's typed path, with or without a case
        if self.case is None:
            other = refused + other
            return self.t("quit.not_saved", things="\n".join(f"• {o}" for o in other)) if other \
                else None
        if other:
            return self.t("quit.not_saved",
                          things="\n".join(f"• {line}" for line in refused + other))
        if len(refused) == 1:
            return self.t("quit.field_not_saved", answers=refused[0])
        if refused:
            return self.t("quit.fields_not_saved", n=len(refused),
                          answers="\n".join(f"• {line}" for line in refused))
        if self.read_only:
            if self.path is not None and self._dirty:
                return self.t("quit.read_only")
            return None
        if not self.save():
            if self._asking_changed:
                return self.t("watch.quit")
            return self.t("quit.save_failed")
        return None

    def farewell(self) -> str | None:
        """What the terminal says when the wizard has ended: where the case is and how to go
        on (a tired person who stops halfway finds it again). Nothing without a case, after a
        crash (its own message says it) or when the last save failed (the quit said so)."""
        import shlex  # only on the way out

        if os.environ.get("TEXTUAL_DRIVER"):
            return None  # in a browser (`fleksjob serve`): the output is the page's channel
        if self.case is None or self.path is None or self.save_error or self.return_code == 1:
            return None
        if self.read_only:
            return self.t("app.left_read_only", path=str(self.path))
        return self.t("app.left", path=str(self.path), quoted=shlex.quote(str(self.path)))

    def say_farewell(self) -> None:
        said = self.farewell()
        if said:
            with contextlib.suppress(OSError):  # the terminal may be gone (closed)
                print(said)

    def _finish_quit(self) -> None:
        self.save_before_leaving()
        self.exit()

    def save_before_leaving(self) -> None:
        """Save what can be saved (a pending autosave at once), then release the lock. Nothing
        is asked: a new item an editor holds back is written with its accepted answers."""
        released = False
        for editor in list(self.open_editors):
            if editor.held_back() is not None:
                editor.release()
                released = released or editor.held_back() is None
        if self.case is not None and not self.read_only and (
                released or self._dirty or self._save_timer is not None):
            with contextlib.suppress(Exception):  # on the way out: the lock is released anyway
                self.save()
        self._dirty = False  # asked and answered: nothing more to save on the way out
        self._release_lock()

    # ── SIGTERM, SIGHUP ──────────────────────────────────────────────────────────────────────
    def guard_signals(self) -> None:
        """End on SIGTERM / SIGHUP through the guard (saved, lock released, the terminal's
        screen mode left). Only the real terminal's app, in the main thread: a test's app
        leaves the test runner's signals alone, and in the browser the web driver ends the
        wizard in order itself (the keys on their way handled first, see ``web.driver``)."""
        if self.is_headless or self.is_web or (
                threading.current_thread() is not threading.main_thread()):
            return
        loop = asyncio.get_running_loop()
        for sig in self.SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self.leave_on_signal, sig)

    def leave_on_signal(self, sig: int) -> None:
        """A signal asks the program to end: save, release the lock, leave the screen mode."""
        self.save_before_leaving()
        if sig == getattr(signal, "SIGHUP", None):
            # The terminal is gone: nothing can be shown or restored there. End at once
            # (Textual would write to a closed terminal on its way out).
            self._stop_soon(0.0, 128 + sig)
            return
        self.exit(return_code=128 + sig)
        self._stop_soon(3.0, 128 + sig)  # should the way out hang, end anyway (all is saved)

    @staticmethod
    def _stop_soon(seconds: float, code: int) -> None:
        if seconds <= 0:
            os._exit(code)
        timer = threading.Timer(seconds, os._exit, (code,))
        timer.daemon = True
        timer.start()

    # ── a crash ──────────────────────────────────────────────────────────────────────────────
    def _handle_exception(self, error: Exception) -> None:
        # Textual shows its own traceback with the local variables of every frame (the name,
        # the notes …) and, for an error with a __rich__ method, the error itself. Instead: the
        # report without case data in a private file, and a short message.
        self._return_code = 1
        if self._exception is None:  # Pilot re-raises the first error in a test
            self._exception = error
            self._exception_event.set()
        self._crash_message(error)

    def _fatal_error(self) -> None:
        self._crash_message(sys.exc_info()[1])

    def _crash_message(self, error: BaseException | None) -> None:
        from rich.text import Text  # only after a crash

        saved = False
        with contextlib.suppress(Exception):  # the error may lie in saving itself
            saved = self.case is not None and not self.read_only and self.save()
        try:
            path = crashreport.write_report(error, self.case_folder())
        except Exception:  # no folder to write in: the message says the report is missing
            path = None
        key = "crash.report" if path is not None else "crash.no_report"
        message = "\n".join([
            self.t("crash.title"),
            self.t("crash.saved" if saved else "crash.reopen"),
            self.t(key, path=str(path)),
        ])
        self._exit_renderables.append(Text(message))
        self.bell()
        self._close_messages_no_wait()
