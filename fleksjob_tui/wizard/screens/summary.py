"""Step 9, Overblik: the assessment in plain words, key dates, what is missing and who should
provide it — the same Rich summary as ``fleksjob summary``.

From here the documentation pack is exported (button "Eksportér dokumentation" or ctrl+e): a
small window asks where to save it (default: beside the case file, same name, ``.html``; for an
example case without a file, in the case folder) and in which format (HTML to print and sign, or
Markdown for an e-mail). The file is written by :func:`fleksjob_tui.documents.output.export_case`
(atomically, mode 600), and a notification says where it went.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Static

from ... import content
from ...documents import DOCUMENTS, not_for_case
from ...documents.output import (
    FORMATS,
    ExportError,
    check_target,
    default_output,
    export_case,
    format_for,
    output_path,
)
from ...documents.summary import render_summary
from ...rules.types import Assessment
from ..widgets.choice import Choice
from ..widgets.host import host_of
from ..widgets.i18n import localize_bindings
from ..widgets.inputs import Input
from ..widgets.window import Window
from .base import StepPane


def _x(key: str, lang: str, **fmt) -> str:
    """A text from ``content/export.toml``."""
    return content.text("export", key, lang, **fmt)


def _fmt_text(key: str, fmt: str, lang: str) -> str:
    """The label (``format``) or hint (``hint``) of a format; Word's live in documents.toml."""
    if fmt == "docx":
        return content.text("documents", f"format.{'docx' if key == 'format' else 'hint_docx'}",
                            lang)
    return _x(f"tui.{key}_{fmt}", lang)


#: The window's choice of document: the command line's, and the agreement as the final version
#: to sign (``fleksjob export … --document agreement --final``).
FINAL = "agreement_final"
WINDOW_DOCUMENTS: tuple[str, ...] = (*DOCUMENTS, FINAL)  # last: the keys of the others stay


def _with_document(path: Path, old: str, new: str) -> Path:
    """``sag-aftale.html`` → ``sag-kommune.html``: the document's ending in the file name."""
    def ending(doc: str) -> str:
        return content.text("documents", f"document.suffix_{doc}", "da")

    stem, old_end = path.stem, ending(old)
    if old_end and stem.endswith(old_end):
        stem = stem[: -len(old_end)]
    return path.with_name(stem + ending(new) + path.suffix)


class ExportScreen(Window[tuple[Path, str] | tuple[Path, str, str] | None]):
    """Ask which document (the pack, the draft agreement, the municipality's version), where to
    save it and in which format (HTML, Markdown, Word).

    Dismissed with ``(path, fmt)`` for the pack, ``(path, fmt, document)`` for another
    document, or None when cancelled. Enter in the path field saves.
    A path that would write over the case (its own file, any ``.toml`` or ``.toml.bak``) is
    refused in the window's error line (:func:`~fleksjob_tui.documents.output.check_target`); the window
    stays open. ``case_path`` is the open case's file (default: the app's ``path``).
    """

    BINDINGS = [Binding("escape", "cancel", "key.cancel"), Binding("f1", "app.help", "key.help")]

    def __init__(self, default_path: Path, lang: str, fmt: str = "html", *,
                 case_path: Path | None = None, document: str = "pack",
                 refused: dict[str, str] | None = None) -> None:
        super().__init__(classes="editor")
        self.default_path = default_path
        self.lang = lang
        self.fmt = fmt if fmt in FORMATS else "html"
        self.document = document if document in WINDOW_DOCUMENTS else "pack"
        #: The documents that do not apply to the case, and why (the agreement for the
        #: self-employed): said in the error line when chosen, and never saved.
        self.refused = dict(refused or {})
        self._case_path = case_path
        localize_bindings(self, lang)

    @property
    def case_path(self) -> Path | None:
        if self._case_path is not None:
            return self._case_path
        return host_of(self).path

    def compose(self) -> ComposeResult:
        with Vertical(classes="editor-box ask-box", id="export-box"):
            # Which document, which format, and where the file goes: all in this window.
            yield Static(content.text("documents", "window.title", self.lang),
                         classes="editor-title")
            yield Input(str(self.default_path), id="export-path")
            # The field is narrower than a path: the folder and the name, each on its line.
            yield Static(self._where(str(self.default_path)), id="export-where",
                         classes="step-intro")
            yield Static("", id="export-error", classes="q-error")
            yield Static(content.text("documents", "document.heading", self.lang))
            yield Choice(
                [(doc, content.text("documents", f"document.{doc}", self.lang))
                 for doc in WINDOW_DOCUMENTS],
                self.document,
                id="export-document",
                vertical=True,
            )
            yield Static(_x("tui.format", self.lang))
            # (•) / ( ) in words, readable without colour, like every question in the wizard.
            yield Choice(
                [(fmt, _fmt_text("format", fmt, self.lang)) for fmt in FORMATS],
                self.fmt,
                id="export-format",
                vertical=True,
            )
            yield Static(self._hint(), id="export-hint", classes="step-intro")
            with Horizontal(classes="nav"):
                yield Button(_x("tui.cancel", self.lang), id="export-cancel")
                yield Button(_x("tui.save", self.lang), id="export-ok", variant="primary")
        yield Footer()  # the window's keys (Esc, F1), as in every window

    def answer_elsewhere(self, asked: Choice, char: str) -> bool:
        """A letter of the other choice (document or format) picks its answer there: both show
        their letters, so "w" means Word wherever the cursor is (found in a new user's trial:
        "w" was refused until Tab reached the format). The cursor stays where it is."""
        for other in self.query(Choice):
            if other is asked:
                continue
            for (value, _label), key in zip(other.options, other.keys, strict=True):
                if key == char:
                    other.set_value(value)
                    return True
        return False

    def _where(self, text: str) -> str:
        """The typed path as a person reads it: the folder, then the file's name."""
        path = Path(text.strip()).expanduser() if text.strip() else None
        if path is None or not path.name:
            return ""
        return _x("tui.where", self.lang, folder=str(path.parent), file=path.name)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "export-path":
            self.query_one("#export-where", Static).update(self._where(event.value))

    def help_text(self) -> tuple[str, str]:
        """F1 (the app's help): what the window does and its keys."""
        return (content.text("documents", "window.title", self.lang).split(".")[0],
                _x("tui.help", self.lang,
                   exists=content.text("documents", "window.exists", self.lang)))

    def _hint(self) -> str:
        """What to do with the file (by format); what happens when it is there already is
        under F1 (the window, with its key line, fits 80x24 only so)."""
        return _fmt_text('hint', self.fmt, self.lang)

    def focus_next(self, selector="*"):
        """From the last choice (the format), on to "Gem", not to "Fortryd": a format chosen
        with its key, or Enter, then Enter saves instead of closing the window unsaved."""
        if self.focused is not None and self.focused.id == "export-format":
            ok = self.query_one("#export-ok", Button)
            ok.focus()
            return ok
        return super().focus_next(selector)

    def on_mount(self) -> None:
        if not self.is_attached:  # closed again before it was built (keys typed fast)
            return
        # The cursor starts on the choices: their letters choose (never type into the name);
        # the file name is one Shift+Tab up.
        self.query_one("#export-document", Choice).focus()
        box = self.query_one("#export-path", Input)
        box.cursor_position = len(box.value)

    def on_descendant_focus(self, event) -> None:
        """The file name, when the cursor comes to it, is selected: typing replaces it
        ("minpakke", not "sag.htmlminpakke"); an arrow key keeps it and moves in it."""
        box = event.widget
        if getattr(box, "id", None) == "export-path":
            box.call_after_refresh(lambda: box.value and box.select_all())

    def quit_loses(self) -> list[str]:
        """A path typed here is lost by quitting: the quit guard names it."""
        if not self.is_mounted:
            return []
        text = self.query_one("#export-path", Input).value.strip()
        if not text or text == str(self.default_path):
            return []
        return [content.ui("quit.typed_path", self.lang, label=content.ui("quit.export_path",
                                                                         self.lang), text=text)]

    def on_key(self, event) -> None:
        """Enter on a choice saves what the window shows (the choices start filled in)."""
        focused = self.focused
        if event.key == "enter" and isinstance(focused, Choice):
            event.stop()
            event.prevent_default()
            if focused._shows_cursor():
                focused.set_value(focused.options[focused.cursor][0])
            self._submit()

    def on_choice_changed(self, event: Choice.Changed) -> None:
        event.stop()
        if event.control.id == "export-document":
            if event.value in WINDOW_DOCUMENTS and event.value != self.document:
                # The file name follows the document (sag.html → sag-aftale.html).
                box = self.query_one("#export-path", Input)
                box.value = str(_with_document(Path(box.value), self.document, event.value))
                self.document = event.value
                self._say_refused()
            return
        fmt = event.value
        if fmt not in FORMATS or fmt == self.fmt:
            return
        old_suffix, self.fmt = FORMATS[self.fmt], fmt
        # What to do with the file follows the format (print it, or paste it into an e-mail).
        self.query_one("#export-hint", Static).update(self._hint())
        # Follow the format in the file name while it still has the other format's suffix.
        box = self.query_one("#export-path", Input)
        if box.value.endswith(old_suffix):
            box.value = box.value[: -len(old_suffix)] + FORMATS[fmt]

    def _error(self, text: str) -> None:
        box = self.query_one("#export-error", Static)
        box.update(text)
        box.add_class("-shown")
        self.query_one("#export-box").add_class("-error-shown")

    def _say_refused(self) -> bool:
        """Say in the error line why the chosen document does not apply (or clear that)."""
        why = self.refused.get(self.document)
        if why:
            self._error(why)
            return True
        box = self.query_one("#export-error", Static)
        if box.has_class("-shown"):
            box.update("")
            box.remove_class("-shown")
            self.query_one("#export-box").remove_class("-error-shown")
        return False

    def _submit(self) -> None:
        if self._say_refused():
            # Back on the choice of document, where the letters pick another (a tester was left
            # on a hidden Save button, where the letters did nothing and Enter said it again).
            self.query_one("#export-document", Choice).focus()
            return
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self._error(_x("tui.need_path", self.lang))
            return
        path = Path(text).expanduser()
        if path.is_dir():
            self._error(_x("tui.is_folder", self.lang, file=self.default_path.name))
            return
        try:
            output_path(text, self.default_path, self.lang)  # "mappe/" is a folder, not a file
        except ExportError as err:
            self._error(err.sentence(self.lang))
            return
        if not path.parent.is_dir():
            self._error(_x("tui.no_folder", self.lang, folder=path.parent))
            return
        if path.suffix.lower() in (".md", ".markdown", ".html", ".htm", ".docx"):
            # The name says the format (pakke.md is Markdown), as with `fleksjob export -o`.
            self.fmt = format_for(path)
        try:
            # Never over the case itself, nor any case file: refused here, before "Erstat?".
            check_target(path, self.case_path, self.lang)
        except ExportError as err:
            self._error(err.sentence(self.lang))
            return
        if path.exists():
            # An earlier pack may have been printed and signed: replace it only when asked to.
            from .editor import ConfirmScreen

            def replace(yes: bool | None) -> None:
                if yes:
                    self.dismiss(self._result(path))

            self.app.push_screen(
                ConfirmScreen(_x("tui.exists", self.lang, file=path.name), self.lang,
                              yes=_x("tui.replace", self.lang), no=_x("tui.cancel", self.lang)),
                callback=replace,
            )
            return
        self.dismiss(self._result(path))

    def _result(self, path: Path) -> tuple[Path, str] | tuple[Path, str, str]:
        if self.document == "pack":
            return (path, self.fmt)
        return (path, self.fmt, self.document)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-ok":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SummaryStep(StepPane):
    step_id = "summary"

    # F4: a browser keeps Ctrl+E for itself (its footer names F4, web/driver.py BROWSER_KEYS)
    BINDINGS = [Binding("ctrl+e,f4", "export", "key.export")]

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self, self.lang)

    def compose_fields(self) -> ComposeResult:
        # At the top, so that it is seen without scrolling past the whole summary.
        with Horizontal(classes="nav summary-actions"):
            yield Button(_x("tui.button", self.lang), id="summary-export")
        # What the last export saved, where: here, not in a toast over the text being read.
        yield Static("", id="summary-saved")
        yield Static("", id="summary-body")

    def assessment_changed(self, assessment: Assessment | None) -> None:
        if assessment is None:
            return
        body = self.query_one("#summary-body", Static)
        # Lay the summary out for the width it really has (the step list takes the rest).
        width = body.size.width or max(40, self.size.width - 4)
        body.update(render_summary(self.case, assessment, self.lang, console_width=width))
        box = self.query_one(".step-findings", Static)
        box.display = False

    def on_resize(self) -> None:
        self.assessment_changed(self.fj.assessment)

    # ── export (the same from every step: see :func:`open_export`) ───────────────────────────
    def default_export_path(self, fmt: str = "html") -> Path:
        return default_export_path(self.app, fmt)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "summary-export":
            event.stop()
            self.action_export()
            return
        await super().on_button_pressed(event)

    def action_export(self) -> None:
        open_export(self.app)

    def _export_chosen(self, choice: tuple[Path, str] | None) -> None:
        export_chosen(self.app, choice)


def default_export_path(app, fmt: str = "html") -> Path:
    """Beside the case file, named after the case's title; for an example without a file, the
    case folder."""
    fj = host_of(app)
    if fj.path is not None:
        return default_output(fj.path, fmt, title=fj.case.case.title)
    return default_output(None, fmt, fj.case_folder(), title=fj.case.case.title)


def open_export(app) -> None:
    """Ctrl+E, from any step: the export window. It opens with the document and format chosen
    last time (the union rep who sent the municipality its Word file finds that choice again)."""
    document, fmt = getattr(app, "last_export", ("pack", "html"))
    path = _with_document(default_export_path(app, fmt), "pack", document)
    app.push_screen(ExportScreen(path, host_of(app).lang, fmt, document=document,
                                 refused=refused_documents(app)),
                    callback=lambda choice: export_chosen(app, choice))


def refused_documents(app) -> dict[str, str]:
    """The documents that do not apply to this case, with the sentence that says why."""
    fj = host_of(app)
    out = {}
    for document in (*DOCUMENTS, FINAL):
        # The final agreement to sign: refused also while the functions or accommodations
        # LAB § 119, stk. 2 requires are empty (the draft is still made).
        why = (not_for_case(fj.case, "agreement", final=True) if document == FINAL
               else not_for_case(fj.case, document))
        if why is not None:
            what = content.text("documents", f"agreement.{why}", fj.lang)
            hint = content.text("documents", f"agreement.{why}_window", fj.lang)
            out[document] = f"{what[:1].upper()}{what[1:]}. {hint}"
    return out


def export_chosen(app, choice: tuple[Path, str] | None) -> None:
    """Write what the export window asked for, and say which document went where."""
    if choice is None:
        return
    fj = host_of(app)
    lang = fj.lang
    path, fmt, *rest = choice
    document = rest[0] if rest else "pack"
    try:
        # Read-only (open elsewhere): what is saved on disk, not what is on screen.
        written = export_case(fj.case_on_disk(), fj.as_of, fmt, path,
                              document="agreement" if document == FINAL else document,
                              final=document == FINAL)
    except ExportError as err:
        app.notify(_x("tui.failed", lang, error=err.short(lang)), severity="error", timeout=12)
        return
    app.last_export = (document, fmt)
    # Says which document was saved, in which format, where: on Overblik beside its button
    # (a toast would lie over the summary being read), elsewhere in a short toast.
    what = content.text("documents", f"document.{document}", lang)
    said = _x("tui.saved", lang, path=written, document=what,
              format=_fmt_text("format", fmt, lang))
    pane = getattr(app.screen, "pane", None)
    line = pane.query("#summary-saved") if isinstance(pane, SummaryStep) else None
    if line:
        line.first().update(said)
        line.first().add_class("-shown")
    else:
        app.notify(said, timeout=5)
