"""Writing a document to a file: the one place every output (the pack, the agreement, the
municipality's version, the calendar) and the wizard's export window call.

* ``export_case(case, as_of, fmt, out_path, case_path=None, document="pack") -> Path`` — assess
  (:func:`assess_for_pack`), render (:func:`fleksjob_tui.documents.render_document`) and write atomically
  with mode 600 (:func:`fleksjob_tui.case.storage.write_private_bytes`). Raises :class:`ExportError`.
* ``check_target(out_path, case_path=None, lang="da")`` — never over the case file itself (after
  following links) nor any ``.toml`` / ``.toml.bak`` file (a case or its backup), nor
  fleksjob's own lock and temporary files.
* ``output_path(raw, default, lang)`` — the file ``-o raw`` names: a folder gets ``default``'s
  name inside it; a name ending in ``/`` is a folder, never a file of that name.
* ``write_document(path, data, lang)`` — the one write of a finished document (atomic, mode 600).
  Only a regular file is ever replaced: never a device, a named pipe or a socket.
* ``default_output(case_path, fmt, folder=None) -> Path`` — beside the case file, same stem.
* ``format_for(path) -> str`` — the format a file name asks for (``.md`` → ``md``, ``.docx`` →
  ``docx``, else ``html``).

Textual-free.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from .. import content
from ..rules import assess
from ..view import dw
from ..view.pack import w
from . import not_for_case, render_document

if TYPE_CHECKING:
    from ..case.model import Case
    from ..rules.types import Assessment

__all__ = ["FORMATS", "ExportError", "assess_for_pack", "export_case", "check_target",
           "default_output", "format_for", "output_path", "write_document"]

#: Output formats and their file suffixes (Word: fleksjob_tui/documents/docx_writer.py).
FORMATS: dict[str, str] = {"html": ".html", "md": ".md", "docx": ".docx"}


class ExportError(Exception):
    """The pack could not be written. ``message(lang)`` says where, what and what to do."""

    def __init__(self, path: Path, what_da: str, what_en: str, lang: str = "da", *,
                 hint_da: str | None = None, hint_en: str | None = None) -> None:
        self.path = path
        self.what = {"da": what_da, "en": what_en}
        #: What to do, when it is not the general "choose another place with -o FILE".
        self.hints = ({"da": hint_da, "en": hint_en or hint_da}
                      if hint_da is not None else None)
        self.lang = lang if lang in ("da", "en") else "da"
        super().__init__(self.message(self.lang))

    def short(self, lang: str | None = None) -> str:
        return self.what[lang if lang in ("da", "en") else self.lang]

    def hint(self, lang: str | None = None) -> str:
        lang = lang if lang in ("da", "en") else self.lang
        return self.hints[lang] if self.hints is not None else w("cli.hint", lang)

    def sentence(self, lang: str | None = None) -> str:
        """What went wrong and what to do, on one line (for the wizard's export window)."""
        lang = lang if lang in ("da", "en") else self.lang
        what = self.what[lang]
        return f"{what[:1].upper()}{what[1:]}. {self.hint(lang)}"

    def message(self, lang: str | None = None) -> str:
        lang = lang if lang in ("da", "en") else self.lang
        return w("cli.failed", lang, path=self.path, what=self.what[lang], hint=self.hint(lang))

    def __str__(self) -> str:
        return self.message(self.lang)


def assess_for_pack(case: Case, as_of: dt.date) -> Assessment:
    """The assessment for the pack: findings worded in the third person for all three readers."""
    if case.case.role == "employee" or case.case.role is None:
        neutral = case.model_copy(deep=True)
        neutral.case.role = "manager"  # any role but "employee" gives the neutral wording
        return assess(neutral, as_of)
    return assess(case, as_of)


def default_output(case_path: str | os.PathLike[str] | None, fmt: str = "html",
                   folder: str | os.PathLike[str] | None = None, *,
                   title: str | None = None, document: str = "pack",
                   meeting: dt.date | None = None) -> Path:
    """Where the pack goes by default: beside the case file, named after the case's ``title``
    when it is given (``sag-06-12-2026.toml`` titled "Jens K" → ``jens-k.html``), else with the
    file's stem (``sag.toml`` → ``sag.html``); for a case without a file, in ``folder`` named
    after ``title``. Another ``document`` adds its own ending to the stem
    (``sag-aftale.docx``, ``sag-kommune.html``, ``sag-referat-2026-11-02.docx``): one rule for
    every document."""
    suffix = FORMATS.get(fmt, ".html")
    if document != "pack":
        day = f"-{meeting.isoformat()}" if meeting is not None else ""  # one file a meeting
        suffix = content.text("documents", f"document.suffix_{document}", "da") + day + suffix
    if case_path is not None:
        case_path = Path(case_path)
        stem = case_path.stem
        if title and title.strip():
            from ..case.storage.folder import title_stem  # storage only to name a file (as below)

            stem = title_stem(title)
        return case_path.with_name(stem + suffix)
    from ..case.storage import new_case_path  # storage (files, OS errors) only to name a new file

    stem = new_case_path(folder, title or "dokumentation").stem
    return Path(folder if folder is not None else ".") / f"{stem}{suffix}"


def format_for(path: str | os.PathLike[str] | None) -> str:
    """The format a file name asks for: ``.md``/``.markdown`` → ``md``, ``.docx`` → ``docx``,
    anything else ``html``."""
    if path is None:
        return "html"
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        return "docx"
    return "md" if suffix in (".md", ".markdown") else "html"


#: Names the pack must never be written to: a case file, its previous version (``SAG.toml.bak``)
#: and the copy kept when an old case file is upgraded (``SAG.toml.v1.bak``).
_BACKUP_RE = re.compile(r"\.toml(\.v[0-9]+)?\.bak$", re.IGNORECASE)


#: fleksjob's hidden companions of a case: its lock (``.SAG.toml.lock``, which keeps a second
#: window from writing) and the temporary file of a save (``.SAG.toml.<pid>-<hex>.tmp``).
_OWN_FILE_RE = re.compile(r"^\..*\.toml\.(lock|.*\.tmp)$", re.IGNORECASE)


def _case_suffix(name: str) -> str | None:
    """``.toml.bak`` (any case backup), ``.toml``, ``.lock`` (a lock or temporary file) or None."""
    if _OWN_FILE_RE.match(name):
        return ".lock"
    if m := _BACKUP_RE.search(name):
        return m[0]
    return ".toml" if name.lower().endswith(".toml") else None


def _suggestion(path: Path) -> str:
    """A safe name to offer instead of ``path``: its stem without ``.toml``/``.bak``, ``.html``."""
    name = path.name
    suffix = _case_suffix(name)
    stem = name[: -len(suffix)] if suffix else Path(name).stem
    return f"{stem or 'dokumentation'}.html"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare where the links lead
        return Path(os.path.realpath(a)) == Path(os.path.realpath(b))


def refuse_long_names(path: Path, lang: str) -> None:
    """A file or folder name over the file system's 255 bytes is refused with what to do (the
    system's "File name too long" came out as an unexpected error: found by a tester)."""
    longest = max((len(os.fsencode(part)) for part in path.parts), default=0)
    if longest > 255:
        raise ExportError(path, w("error.name_too_long", "da", n=longest),
                          w("error.name_too_long", "en", n=longest), lang,
                          hint_da=w("error.choose_name", "da", file="dokumentation.html"),
                          hint_en=w("error.choose_name", "en", file="documentation.html"))


def refuse_existing(path: Path, force: bool, lang: str) -> None:
    """An existing file (or a link) is replaced only with ``--force``: else what, and what to do."""
    if (path.exists() or path.is_symlink()) and not force:
        raise ExportError(path, w("error.exists", "da"), w("error.exists", "en"), lang,
                          hint_da=w("error.use_force", "da"), hint_en=w("error.use_force", "en"))


def check_target(out_path: str | os.PathLike[str], case_path: str | os.PathLike[str] | None = None,
                 lang: str = "da") -> None:
    """Raise :class:`ExportError` when ``out_path`` must not receive the pack.

    Refused: the case file itself (``case_path``, after following symbolic links; also a hard
    link to it), and any file whose name — or, for a link, whose target's name — ends in
    ``.toml`` (a case file) or ``.toml.bak``/``.toml.v1.bak`` (a case's previous version, the
    copy kept by an upgrade). Writing HTML there
    would destroy the case. Nothing is written or changed.
    """
    path = Path(out_path).expanduser()
    refuse_long_names(path, lang)

    def refuse(key: str, file: str, like: Path) -> ExportError:
        suggestion = _suggestion(like)
        if suggestion == file:  # a case file named like a pack: offer a plain name instead
            suggestion = "dokumentation.html"
        return ExportError(path, w(key, "da", file=file), w(key, "en", file=file), lang,
                           hint_da=w("error.choose_name", "da", file=suggestion),
                           hint_en=w("error.choose_name", "en", file=suggestion))

    if case_path is not None:
        case_file = Path(case_path).expanduser()
        if _same_file(path, case_file):
            raise refuse("error.case_file", case_file.name, case_file)
    try:
        st = os.stat(path)  # through a link: where the document would be written
    except OSError:
        st = None  # not there yet (or not reachable: the write says why)
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        # A device (/dev/sda), a named pipe or a socket is never replaced by a file (issue 22).
        raise ExportError(path, w("error.not_regular", "da", file=path),
                          w("error.not_regular", "en", file=path), lang,
                          hint_da=w("error.choose_name", "da", file=_suggestion(path)),
                          hint_en=w("error.choose_name", "en", file=_suggestion(path)))
    names = [path.name]
    if path.is_symlink():  # the pack would be written to where the link leads
        names.append(Path(os.path.realpath(path)).name)
    for name in names:
        suffix = _case_suffix(name)
        if suffix == ".toml":
            raise refuse("error.toml_file", name, Path(name))
        if suffix == ".lock":
            raise refuse("error.own_file", name, Path(name.lstrip(".").split(".toml")[0]))
        if suffix is not None:
            raise refuse("error.backup_file", name, Path(name))


def export_case(case: Case, as_of: dt.date, fmt: str, out_path: str | os.PathLike[str],
                case_path: str | os.PathLike[str] | None = None, *,
                document: str = "pack", meeting: dt.date | None = None,
                final: bool = False) -> Path:
    """Assess ``case`` as of ``as_of``, render ``document`` (``pack``, ``agreement``,
    ``municipality``, ``minutes`` of ``meeting``: :mod:`fleksjob_tui.documents`; the agreement
    ``final`` or a draft) as ``fmt``
    (``html``/``md``/``docx``) and write it to ``out_path`` atomically with mode 600. Returns the path written; raises
    :class:`ExportError`.

    ``case_path`` is the case's own file, when it has one: the pack is never written over it,
    nor over any ``.toml``/``.toml.bak`` file (:func:`check_target`); the file stays untouched.
    A document that does not apply to the case (the agreement for the self-employed) is
    refused with the reason, and nothing is written.
    """
    lang = case.language
    refused = not_for_case(case, document, final=final)
    if refused is not None:  # e.g. no agreement between employer and employee for the self-employed
        raise ExportError(Path(out_path), dw(f"agreement.{refused}", "da"),
                          dw(f"agreement.{refused}", "en"), lang,
                          hint_da=dw(f"agreement.{refused}_hint", "da"),
                          hint_en=dw(f"agreement.{refused}_hint", "en"))
    text = render_document(case, assess_for_pack(case, as_of), document, fmt, lang,
                           meeting=meeting, final=final)
    data = text.encode("utf-8") if isinstance(text, str) else text
    path = Path(out_path).expanduser()
    check_target(path, case_path, lang)
    if path.is_dir():
        name = default_output(None, fmt, path, title=case.case.title, document=document,
                              meeting=meeting).name
        raise ExportError(path, w("error.is_folder", "da", file=name),
                          w("error.is_folder", "en", file=name), lang)
    return write_document(path, data, lang, case_path)


def written_message(case: Case, as_of: dt.date, document: str, written: Path,
                    case_path: str | os.PathLike[str] | None, lang: str = "da") -> str:
    """What the command line says when a document is written. The municipality's version lists
    the minutes of the meetings held as attachments: then also the commands that make them (the
    document itself carries no instructions to its sender)."""
    from ..case.dates import format_date  # lazy: only for this message
    from .municipality import recorded_meetings  # lazy: start-up speed

    # Which document was saved, by its name ("Udkast til skriftlig aftale …"), not always "the
    # documentation" (found by a tester: the agreement and the minutes were said so too).
    what = content.text("documents", f"document.{document}", lang)
    text = content.text("export", "cli.written", lang, path=written, document=what)
    days = recorded_meetings(case, as_of) if document == "municipality" else []
    if not days:
        return text
    path = str(case_path) if case_path else "SAG.toml"
    lines = [f"  fleksjob export {path} --document minutes --meeting {format_date(d, lang)}"
             for d in days]
    return "\n".join([text, content.text("export", "cli.minutes_hint", lang), *lines])


def output_path(raw: str | os.PathLike[str] | None, default: Path, lang: str = "da") -> Path:
    """The file a document goes to when ``-o raw`` was given (``default`` without it).

    An existing folder gets ``default``'s name inside it (like ``cp``). A name ending in ``/``
    means a folder: when there is no such folder it is refused, never written as a file named
    like the folder (issue 22).
    """
    if raw is None or str(raw) == "":
        return default
    text = os.fspath(raw)
    path = Path(text).expanduser()
    refuse_long_names(path, lang)
    if path.is_dir():
        return path / default.name
    if text.endswith(("/", os.sep)) or (os.altsep and text.endswith(os.altsep)):
        raise ExportError(path, w("error.not_a_folder", "da", folder=text),
                          w("error.not_a_folder", "en", folder=text), lang)
    return path


def write_document(path: str | os.PathLike[str], data: bytes, lang: str = "da",
                   case_path: str | os.PathLike[str] | None = None) -> Path:
    """Write a finished document to ``path``: the one write of every output (the pack, the
    agreement, the municipality's version, the calendar). Atomic, mode 600, never over a case
    (:func:`check_target`) and only ever over a regular file. Raises :class:`ExportError`."""
    from ..case.storage import CaseFileError, write_private_bytes  # storage only when writing

    path = Path(path).expanduser()
    check_target(path, case_path, lang)
    if not path.parent.is_dir():
        raise ExportError(path, w("error.no_folder", "da", folder=path.parent),
                          w("error.no_folder", "en", folder=path.parent), lang)
    try:
        return write_private_bytes(path, data, lang=lang)
    except CaseFileError as err:
        raise ExportError(path, err.what.da, err.what.en, lang) from None
    except OSError as err:  # pragma: no cover - storage turns these into CaseFileError
        reason = err.strerror or type(err).__name__
        raise ExportError(path, w("error.system", "da", reason=reason),
                          w("error.system", "en", reason=reason), lang) from None
