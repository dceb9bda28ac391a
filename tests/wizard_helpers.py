"""Shared helpers for driving the wizard with Textual's Pilot."""

from __future__ import annotations

import contextlib
import datetime as dt

from textual.pilot import Pilot

AS_OF = dt.date(2026, 11, 22)

_KEYS = {" ": "space", "-": "minus", ".": "full_stop", ",": "comma", "/": "slash"}


async def type_text(pilot: Pilot, text: str) -> None:
    """Type text key by key, as a person would."""
    await pilot.press(*[_KEYS.get(ch, ch) for ch in text])


async def keys(pilot: Pilot, *steps: str) -> None:
    """Each step is either a key name (enter, tab, ctrl+n …) or ``"text:…"`` to type."""
    for step in steps:
        if step.startswith("text:"):
            await type_text(pilot, step[5:])
        else:
            await pilot.press(step)
        await pilot.pause()


def current_step(app) -> str:
    return app.screen.step


def focused_field_key(app) -> str | None:
    from fleksjob_tui.wizard.widgets.fields import QuestionField

    node = app.focused
    while node is not None and not isinstance(node, QuestionField):
        node = node.parent
    return node.qkey if node is not None else None


@contextlib.asynccontextmanager
async def wizard_at(path, step: str, *, as_of=AS_OF, lang: str | None = None,
                    size: tuple[int, int] = (80, 24)):
    """The wizard on the case at ``path``, showing ``step``: ``async with … as (app, pilot)``."""
    from fleksjob_tui.wizard.app import FleksjobApp

    app = FleksjobApp(path, as_of=as_of, lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.screen.show_step(step)
        await pilot.pause()
        # The step's questions below its first screenful come right after its first paint
        # (StepPane.mount_rest): a test that looks them up waits for them as a key would.
        for _ in range(20):
            if not getattr(app.screen.pane, "building", False):
                break
            await pilot.pause()
        yield app, pilot


@contextlib.asynccontextmanager
async def export_window(path, *, as_of=AS_OF):
    """The wizard on the case at ``path``, the export window open (Ctrl+E on Overblik)."""
    async with wizard_at(path, "summary", as_of=as_of) as (app, pilot):
        await pilot.press("ctrl+e")
        await pilot.pause()
        yield app, pilot


async def burst(app, pilot, *keys: str) -> None:
    """Keys arriving together (a fast typist, a macro, tmux): all posted before any is
    processed, as the terminal delivers them in one read."""
    from textual import events

    named = {"space": " ", "enter": "\r", "escape": "\x1b", "tab": "\t", "minus": "-"}
    for key in keys:
        char = key if len(key) == 1 else named.get(key)
        app.post_message(events.Key(key, char))
    await pilot.pause()
    await pilot.pause()
    # Keys typed while an earlier one is still taking effect wait for it (app.on_event).
    for _ in range(200):
        if not getattr(app, "keys_pending", False):
            break
        await pilot.pause()
    await pilot.pause()
