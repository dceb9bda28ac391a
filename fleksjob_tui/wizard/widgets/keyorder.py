"""Keys take effect one at a time, in the order they were typed (a mixin for the wizard's App).

Textual hands a key to the focused widget's queue and goes on with the next key at once; the
widget's own bindings run only when the key has bubbled back to the app. Keys that arrive
together (a fast typist, tmux send-keys, a macro) could then act out of order or in the wrong
field. See :meth:`KeysInOrder.on_event`.
"""

from __future__ import annotations

import asyncio
import collections
import time

from textual import events

#: At most this long (seconds) a key waits for the one before it to have taken its full effect.
KEY_SETTLE_LIMIT = 2.0
#: Keys read this long (seconds) after the app's start may have been typed before Textual took
#: over the keyboard (an Enter then arrives as Ctrl+J).
START_KEYS = 1.0


class KeysInOrder:
    """Mixed into the App before ``App`` itself: ``class FleksjobApp(KeysInOrder, App)``."""

    _held_keys: collections.deque[events.Key]
    _key_busy: bool = False
    _key_settler: asyncio.Task | None = None

    async def on_event(self, event: events.Event) -> None:
        """Each key takes its whole effect before the next key is looked at.

        Textual hands a key to the focused widget's queue and goes on with the next key at
        once; the widget's own key bindings (Space on a tick box, Enter on a Ja/Nej question,
        ↓ in a list) run only when the key has bubbled back to the app, and what they post
        (a changed answer, an opened window, a moved cursor) later still. Keys that arrive
        together (a fast typist, tmux send-keys, a macro) were then applied out of order or in
        the wrong field: a Space meant for one list ticked the next one after a Tab, an Enter
        moved the cursor on after a letter had already done so. So a key that arrives while the
        one before is still being handled waits, and is handled when every queue of the window
        is empty again — as if it had been typed slowly. The order of the keys decides.
        """
        if isinstance(event, events.Key) and not event.is_forwarded:
            if not hasattr(self, "_held_keys"):
                self._held_keys = collections.deque()
            if event.key == "ctrl+j" and time.monotonic() - self._started_at < START_KEYS:
                # Enter typed while the program starts reaches it as a newline (the terminal
                # turns Return into one until Textual takes over the keyboard), which Textual
                # reads as Ctrl+J: it is the Enter that was typed.
                event = events.Key("enter", "\r")
            released = getattr(event, "_fj_released", False)
            if (self._key_busy or self.first_screen_due) and not released:
                # Also a key typed before the first screen is built (the app builds it just
                # after Textual's start): it waits for that screen (release_held_keys).
                self._held_keys.append(event)
                return
            self._key_busy = True
            try:
                # A screen still mounting what is below its first screenful finishes first:
                # the key lands where it would have landed (a Tab into the next question).
                finish = getattr(self.screen, "finish_building", None)
                if finish is not None:
                    await finish()
                if self.screen.focused is None and not getattr(event, "_fj_waited", False):
                    # No cursor yet: it is on its way (a step's question below its first
                    # screenful gets it once mounted; a screen just shown gets it a moment
                    # later). The key waits for it, once, as if typed a moment later: it was
                    # lost, and the next key went where this one should have gone.
                    event._fj_waited = True  # type: ignore[attr-defined]
                    self._held_keys.appendleft(event)
                    return  # handed out again by _settle_keys when all is quiet
                await super().on_event(event)
            finally:
                self._key_settler = asyncio.create_task(self._settle_keys())
            return
        await super().on_event(event)

    _first_screen_due = False
    _started_at = float("-inf")

    @property
    def first_screen_due(self) -> bool:
        """True from the app's start until its first screen is built (set by the app)."""
        return self._first_screen_due

    @first_screen_due.setter
    def first_screen_due(self, due: bool) -> None:
        if due:
            self._started_at = time.monotonic()
        self._first_screen_due = due

    def release_held_keys(self) -> None:
        """The first screen is built: the keys typed before it go to it, in order, once it is
        mounted and has put the cursor in its place (as if typed then). Keys read from the
        terminal meanwhile wait too: they were typed while the program started, and would
        otherwise reach the screen before its cursor is placed (a first letter lost)."""
        if not hasattr(self, "_held_keys"):
            self._held_keys = collections.deque()
        if not self._key_busy:
            self._key_busy = True
            self._key_settler = asyncio.create_task(self._settle_keys())

    @property
    def keys_pending(self) -> bool:
        """True while a key typed is still waiting for the one before it (tests wait on it)."""
        return self._key_busy or bool(getattr(self, "_held_keys", None))

    def _quiet(self) -> bool:
        pumps = [*self.screen.walk_children(with_self=True)]
        if any(not pump._message_queue.empty() for pump in pumps):
            return False
        # A callback asked for next counts too: a window's answer goes to the screen below it
        # (which then shows the wizard), a pushed screen's mounting is awaited by the app.
        if any(pump._next_callbacks for pump in (self, *self.screen_stack, *pumps)):
            return False
        # The app's own queue may hold the keys typed after this one (they wait), nothing else.
        # (Textual's own queue keeps its messages in `values`; `_queue` was asyncio's name, and
        # looking it up raised, which ended the wait early: the app's queue went unchecked.)
        return all(isinstance(m, events.Key) and not m.is_forwarded
                   for m in list(self._message_queue.values))

    async def _settle_keys(self) -> None:
        """Wait until the last key has taken its effect, then hand out the next key typed."""
        deadline = time.monotonic() + KEY_SETTLE_LIMIT
        try:
            while time.monotonic() < deadline and self.is_running:
                pumps = [self, *self.screen.walk_children(with_self=True)]
                done = asyncio.Event()
                left = 0

                def one(done: asyncio.Event = done) -> None:
                    nonlocal left
                    left -= 1
                    if left == 0:
                        done.set()

                for pump in pumps:
                    if pump.call_later(one):
                        left += 1
                if left:
                    try:
                        await asyncio.wait_for(done.wait(), max(0.01, deadline - time.monotonic()))
                    except TimeoutError:
                        break
                if self._quiet():
                    break
        except Exception:  # the app is closing: no screen any more
            pass
        if self._held_keys and self.is_running:
            key = self._held_keys.popleft()
            released = events.Key(key.key, key.character)
            released._fj_released = True  # type: ignore[attr-defined]
            released._fj_waited = getattr(key, "_fj_waited", False)  # type: ignore[attr-defined]
            self.post_message(released)  # handled next, before any key typed after it
        else:
            self._key_busy = False
