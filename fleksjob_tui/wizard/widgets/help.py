"""The help window: a question's plain-language explanation, its legal reference, and one plain
line with the law it rests on ("Lovgrundlag: … (tjekket 01-12-2026)"; after the law's
``valid_to`` also the sentence that it may have changed)."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from ... import content
from .host import host_of
from .window import Window


def law_lines(as_of, lang: str) -> str:
    """The plain law line, and after ``law.valid_to`` the sentence that it may have changed."""
    from ...view.words import law_line, law_outdated  # only when a help window is opened

    as_of = as_of if isinstance(as_of, dt.date) else dt.date.today()
    outdated = law_outdated(as_of, lang)
    return law_line(lang) + (f"\n{outdated}" if outdated else "")


def glossary(reference: str, lang: str) -> str:
    """Plain words for the abbreviations a reference uses (LAB, BEK, LBK), one line."""
    words = []
    for abbr in ("LAB", "LBK", "BEK"):
        if abbr in reference:
            words.append(content.text("report", f"gloss.{abbr}", lang))
    return " ".join(words)


class HelpScreen(Window[None]):
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > Vertical {
        width: 70;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    HelpScreen .help-title {
        text-style: bold;
        margin-bottom: 1;
    }
    HelpScreen .help-ref {
        margin-top: 1;
        text-style: italic;
    }
    HelpScreen .help-law {
        margin-top: 1;
        color: $text-muted;
    }
    HelpScreen VerticalScroll {
        height: auto;
        max-height: 16;
    }
    HelpScreen Button {
        margin-top: 1;
    }
    """

    BINDINGS = [
        Binding("escape,f1,q", "close", content.ui("key.close", "da")),
    ]

    def __init__(self, title: str, body: str, reference: str | None, lang: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.reference = reference
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="help-title")
            with VerticalScroll():
                yield Static(self.body, classes="help-body")
                if self.reference:
                    yield Static(
                        content.ui("help.reference", self.lang, reference=self.reference),
                        classes="help-ref",
                    )
                    gloss = glossary(self.reference, self.lang)
                    if gloss:
                        yield Static(gloss, classes="help-gloss")
                yield Static(law_lines(host_of(self).as_of, self.lang),
                             classes="help-law", id="help-law")
            yield Button(content.ui("help.close", self.lang), id="help-close", variant="primary")

    def on_mount(self) -> None:
        if not self.is_attached:  # closed again before it was built (keys typed fast)
            return
        self.query_one("#help-close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
