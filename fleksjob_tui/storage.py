"""Find, load and save case files: atomic, private to their owner, with clear errors.

* :func:`default_folder` — where cases live: ``$FLEKSJOB_HOME`` if set, else the platform's user
  data folder for "fleksjob" (e.g. ``~/.local/share/fleksjob``). Created with mode 700.
* :func:`load_case` — read and validate a case file. Every problem (missing file, a folder, not
  UTF-8, empty, too large, TOML syntax, validation, schema version) is raised as ONE exception
  type, :class:`CaseFileError`, whose message says what is wrong, where, and what to do, in Danish
  and English. Loading never writes to the file.
* :func:`save_case` — write atomically: a temporary file (mode 600) in the same folder, write,
  flush, ``fsync``, ``os.replace`` over the target, then ``fsync`` the folder. A crash leaves
  either the old file or the new one, never a mix. **save_case sets ``case.case.updated`` to now
  (and ``case.case.created`` if unset)** unless called with ``touch=False``.
  The previous file is kept beside it as ``NAME.bak`` (e.g. ``sag.toml.bak``, mode 600, also
  written atomically) unless called with ``backup=False``; :func:`restore_backup` swaps the two.
  A temporary file left behind by a killed process (``.NAME.<pid>-<random>.tmp``, hidden) is
  removed by the next save in that folder once its process is gone; :func:`list_cases` never
  shows hidden files.
* :func:`list_cases` — the cases in a folder for the start screen (path, title, person name,
  updated, and the loaded :class:`~fleksjob_tui.model.Case` so the caller can assess the status;
  a broken file is listed with its error instead of being hidden).
* :func:`new_case_path` — a free file name in a folder for a new case's title.

This module imports nothing from Textual.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w
from pydantic import BaseModel, ValidationError

from . import _toml
from .model import SCHEMA_VERSION, Case

__all__ = [
    "ENV_HOME",
    "MAX_BYTES",
    "Bi",
    "CaseFileError",
    "CaseEntry",
    "default_folder",
    "delete_case",
    "load_case",
    "save_case",
    "write_private_text",
    "write_private_bytes",
    "backup_path",
    "restore_backup",
    "dumps_case",
    "list_cases",
    "new_case_path",
]

#: Environment variable that overrides the default case folder (tests point it at a tmp dir).
ENV_HOME = "FLEKSJOB_HOME"
#: Case files larger than this are refused (a real case is a few kilobytes).
MAX_BYTES = 5 * 1024 * 1024
APP_NAME = "fleksjob"


# --------------------------------------------------------------------------------------------
# The error


@dataclass(frozen=True, slots=True)
class Bi:
    """A text in Danish and English."""

    da: str
    en: str

    def get(self, lang: str | None) -> str:
        return self.en if lang == "en" else self.da

    def __str__(self) -> str:
        return self.da


class CaseFileError(Exception):
    """A case file that cannot be read, validated or written.

    Fields: ``path`` (the file), ``what`` (what is wrong), ``where`` (line/column or key path, or
    ``None``), ``hint`` (what to do) — each of the three a :class:`Bi` with ``.da``/``.en`` —
    plus ``code`` (a stable machine-readable kind, see below), ``lang`` (the language of
    ``str(err)``), and when known ``line``, ``column`` (1-based), ``key`` (e.g.
    ``"measures[2].status"``) and ``value`` (the bad value as found in the file).

    ``err.message(lang)`` gives the full multi-line message; ``err.short(lang)`` one line.

    Codes: ``not_found``, ``is_directory``, ``not_regular``, ``unreadable``, ``too_large``,
    ``not_utf8``, ``empty``, ``toml_syntax``, ``schema_missing``, ``schema_invalid``,
    ``schema_newer``, ``validation``, ``unknown_key``, ``write_failed``, ``in_use``.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        what: Bi,
        where: Bi | None,
        hint: Bi,
        *,
        code: str,
        lang: str = "da",
        action: str = "load",
        line: int | None = None,
        column: int | None = None,
        key: str | None = None,
        value: object = None,
    ) -> None:
        self.path = Path(path)
        self.what = what
        self.where = where
        self.hint = hint
        self.code = code
        self.lang = lang if lang in ("da", "en") else "da"
        self.action = action
        self.line = line
        self.column = column
        self.key = key
        self.value = value
        super().__init__(self.message(self.lang))

    def message(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        heads = _HEADS.get(self.action, _HEADS["load"])
        head = heads.get(lang)
        if lang == "en":
            labels = ("Problem", "Where", "What to do")
        else:
            labels = ("Fejl", "Sted", "Hvad gør du")
        lines = [f"{head}: {self.path}", f"{labels[0]}: {self.what.get(lang)}"]
        if self.where is not None:
            lines.append(f"{labels[1]}: {self.where.get(lang)}")
        lines.append(f"{labels[2]}: {self.hint.get(lang)}")
        return "\n".join(lines)

    def short(self, lang: str | None = None) -> str:
        """One line: what is wrong and where (for lists and status bars)."""
        lang = lang or self.lang
        text = self.what.get(lang)
        if self.where is not None:
            text += f" ({self.where.get(lang)})"
        return text

    def __str__(self) -> str:
        return self.message(self.lang)


_HEADS = {
    "load": Bi("Sagsfilen kan ikke læses", "Cannot read the case file"),
    "save": Bi("Sagen kunne ikke gemmes", "Could not save the case"),
    "delete": Bi("Sagen kunne ikke slettes", "Could not delete the case"),
}

_UNCHANGED = Bi("Filen er ikke ændret.", "The file has not been changed.")


def _hint(da: str, en: str) -> Bi:
    return Bi(f"{da} {_UNCHANGED.da}", f"{en} {_UNCHANGED.en}")


# --------------------------------------------------------------------------------------------
# The folder


def default_folder(create: bool = True) -> Path:
    """The folder for case files: ``$FLEKSJOB_HOME`` if set, else the user data dir "fleksjob".

    With ``create`` (the default) the folder is made if missing, with mode 700. The platform
    folder is also tightened to 700 if it exists with a wider mode; a folder the user named in
    ``FLEKSJOB_HOME`` that already exists is left as it is (it is the user's choice).
    """
    env = os.environ.get(ENV_HOME, "").strip()
    if env:
        folder = Path(env).expanduser()
        own = False
    else:
        import platformdirs

        folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        own = True
    if create:
        existed = folder.is_dir()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not existed or own:
            try:
                if stat.S_IMODE(folder.stat().st_mode) != 0o700:
                    folder.chmod(0o700)
            except OSError:
                pass
    return folder


# --------------------------------------------------------------------------------------------
# Loading


def load_case(path: str | os.PathLike[str], lang: str = "da") -> Case:
    """Read, parse and validate the case file at ``path``.

    Raises :class:`CaseFileError` (and nothing else) for every problem with the file; ``lang``
    chooses the language of ``str(err)``. The file is opened read-only and never written.
    """
    path = Path(path)
    data = _read_bytes(path, lang)
    return loads_case(_decode(path, data, lang), path, lang)


def loads_case(text: str, path: str | os.PathLike[str] = "<text>", lang: str = "da") -> Case:
    """Parse and validate case TOML given as text (same errors as :func:`load_case`)."""
    path = Path(path)
    raw = _parse_toml(path, text, lang)
    _check_schema_version(path, raw, text, lang)
    try:
        return Case.model_validate(raw)
    except ValidationError as exc:
        raise _validation_error(path, exc, text, lang) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # pragma: no cover
        raise CaseFileError(
            path,
            Bi(f"filen kunne ikke valideres ({exc})", f"the file could not be validated ({exc})"),
            None,
            _hint("Ret filen, eller start en ny sag.", "Correct the file, or start a new case."),
            code="validation", lang=lang,
        ) from None


def _read_bytes(path: Path, lang: str) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise CaseFileError(
            path,
            Bi("filen findes ikke", "the file does not exist"),
            None,
            Bi("Tjek stavningen af stien, eller opret en ny sag med 'fleksjob new'.",
               "Check the spelling of the path, or create a new case with 'fleksjob new'."),
            code="not_found", lang=lang,
        ) from None
    except NotADirectoryError:
        raise CaseFileError(
            path,
            Bi("en del af stien er ikke en mappe", "a part of the path is not a folder"),
            None,
            Bi("Tjek stien.", "Check the path."),
            code="not_found", lang=lang,
        ) from None
    except OSError as exc:
        raise _os_error(path, exc, lang) from None
    if stat.S_ISDIR(st.st_mode):
        raise CaseFileError(
            path,
            Bi("stien er en mappe, ikke en sagsfil", "the path is a folder, not a case file"),
            None,
            _hint("Angiv en .toml-fil i mappen, fx 'fleksjob open MAPPE/sag.toml'.",
                  "Give a .toml file inside the folder, e.g. 'fleksjob open FOLDER/case.toml'."),
            code="is_directory", lang=lang,
        )
    if not stat.S_ISREG(st.st_mode):
        raise CaseFileError(
            path,
            Bi("stien er ikke en almindelig fil", "the path is not a regular file"),
            None,
            _hint("Angiv en sagsfil (.toml).", "Give a case file (.toml)."),
            code="not_regular", lang=lang,
        )
    if st.st_size > MAX_BYTES:
        raise _too_large(path, st.st_size, lang)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except IsADirectoryError:  # pragma: no cover - raced with a rename
        raise CaseFileError(
            path, Bi("stien er en mappe", "the path is a folder"), None,
            _hint("Angiv en .toml-fil.", "Give a .toml file."), code="is_directory", lang=lang,
        ) from None
    except OSError as exc:
        raise _os_error(path, exc, lang) from None
    if len(data) > MAX_BYTES:
        raise _too_large(path, len(data), lang)
    return data


def _too_large(path: Path, size: int, lang: str) -> CaseFileError:
    mb = MAX_BYTES // (1024 * 1024)
    return CaseFileError(
        path,
        Bi(f"filen er for stor ({size:,} byte; grænsen er {mb} MB)".replace(",", "."),
           f"the file is too large ({size:,} bytes; the limit is {mb} MB)"),
        None,
        _hint("En sagsfil fylder normalt få kilobyte. Tjek at det er den rigtige fil.",
              "A case file is normally a few kilobytes. Check that this is the right file."),
        code="too_large", lang=lang,
    )


def _os_error(path: Path, exc: OSError, lang: str, action: str = "load") -> CaseFileError:
    reason = exc.strerror or exc.__class__.__name__
    if isinstance(exc, PermissionError):
        what = Bi("adgang nægtet", "permission denied")
        hint = Bi("Tjek at filen og mappen tilhører dig (ls -l).",
                  "Check that the file and folder belong to you (ls -l).")
    elif exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        what = Bi("disken er fuld", "the disk is full")
        hint = Bi("Gør plads på disken, eller gem et andet sted.",
                  "Free some space on the disk, or save somewhere else.")
    elif exc.errno == errno.EROFS:
        what = Bi("disken er skrivebeskyttet", "the disk is read-only")
        hint = Bi("Gem et andet sted.", "Save somewhere else.")
    elif action == "save" and exc.errno in (errno.ENOENT, errno.ENOTDIR):
        what = Bi("mappen findes ikke (længere)", "the folder does not exist (any more)")
        hint = Bi("Måske er mappen slettet, eller en USB-nøgle taget ud.",
                  "Perhaps the folder was deleted, or a USB stick removed.")
    else:
        what = Bi(f"systemfejl: {reason}", f"system error: {reason}")
        hint = Bi("Prøv igen, eller tjek disken.", "Try again, or check the disk.")
    if action == "save":
        hint = Bi(
            hint.da + " Svarene er stadig i hukommelsen: gem sagen et andet sted.",
            hint.en + " The answers are still in memory: save the case somewhere else.",
        )
    return CaseFileError(path, what, None, hint, code="unreadable" if action == "load"
                         else "write_failed", lang=lang, action=action)


def _decode(path: Path, data: bytes, lang: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark from some Windows editors
        data = data[3:]
    if not data.strip():
        raise CaseFileError(
            path,
            Bi("filen er tom", "the file is empty"),
            None,
            _hint("Hvis sagen blev gemt et andet sted, så åbn den fil; ellers start en ny sag "
                  "med 'fleksjob new'.",
                  "If the case was saved elsewhere, open that file; otherwise start a new case "
                  "with 'fleksjob new'."),
            code="empty", lang=lang,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return_hint = _hint(
            "Gem filen som UTF-8 i din editor (mange Windows-programmer gemmer æ, ø og å i et "
            "andet tegnsæt), eller kontrollér at det er en sagsfil.",
            "Save the file as UTF-8 in your editor (many Windows programs save æ, ø and å in "
            "another encoding), or check that it is a case file.",
        )
        raise CaseFileError(
            path,
            Bi(f"filen er ikke UTF-8-tekst (byte 0x{data[exc.start]:02x})",
               f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})"),
            Bi(f"linje {line}, kolonne {column}", f"line {line}, column {column}"),
            return_hint,
            code="not_utf8", lang=lang, line=line, column=column,
        ) from None


_TOML_POS = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)\s*$", re.S)
_TOML_END = re.compile(r"^(?P<msg>.*?)\s*\(at end of document\)\s*$", re.S)

#: Danish for the messages of tomllib (Python 3.11-3.13), matched by their start.
_TOML_DA = (
    ("Invalid date or datetime", "ugyldig dato eller tidspunkt (findes datoen?)"),
    ("Invalid value", "ugyldig værdi (tekst skal stå i anførselstegn)"),
    ("Invalid statement", "ugyldig linje"),
    ("Illegal character", "ulovligt tegn"),
    ("Unclosed array", "en liste [ ... ] er ikke lukket"),
    ("Unclosed inline table", "en tabel { ... } er ikke lukket"),
    ("Unterminated string", "en tekst mangler sit afsluttende anførselstegn"),
    ("Cannot overwrite a value", "samme nøgle eller tabel står to gange"),
    ("Cannot declare", "samme tabel er erklæret to gange"),
    ("Expected '=' after a key", "der mangler '=' efter en nøgle"),
    ("Expected newline or end of document", "der står mere på linjen efter værdien"),
    ("Invalid initial character for a key part", "ugyldigt tegn i starten af en nøgle"),
    ("Invalid key", "ugyldig nøgle"),
    ("Expected ']'", "der mangler ']'"),
    ("Expected ']]'", "der mangler ']]'"),
    ("Invalid hex value", "ugyldig hex-værdi"),
    ("Unescaped", "tegn der skal escapes i en tekst"),
    ("Invalid number", "ugyldigt tal"),
)


def _parse_toml(path: Path, text: str, lang: str) -> dict:
    try:
        return _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        msg = str(exc)
        line = column = None
        m = _TOML_POS.match(msg)
        if m:
            msg, line, column = m["msg"], int(m["line"]), int(m["col"])
        else:
            m = _TOML_END.match(msg)
            if m:
                msg = m["msg"]
        # Python >= 3.14 carries the position as attributes.
        line = getattr(exc, "lineno", None) or line
        column = getattr(exc, "colno", None) or column
        msg = getattr(exc, "msg", None) or msg
        if msg.startswith("Illegal character '\\n'"):  # the line ends inside a "text"
            what = Bi("en tekst mangler sit afsluttende anførselstegn (linjen slutter før \"-tegnet)",
                      "a text is missing its closing quote (the line ends before the \")")
        else:
            da = next((d for en, d in _TOML_DA if msg.startswith(en)), None)
            what = Bi(f"TOML-syntaksfejl: {da}" if da else f"TOML-syntaksfejl: {msg}",
                      f"TOML syntax error: {msg}")
        if line is not None:
            where = Bi(f"linje {line}, kolonne {column}", f"line {line}, column {column}")
            src = _source_line(text, line)
            if src is not None:
                where = Bi(f"{where.da}: {src}", f"{where.en}: {src}")
        else:
            where = Bi("i slutningen af filen", "at the end of the file")
        hint_da = ("Ret linjen i en teksteditor. Tekst skal stå i \"anførselstegn\", datoer "
                   "skrives 1966-05-10 uden anførselstegn, og svar er \"yes\", \"no\" eller "
                   "\"unknown\".")
        hint_en = ("Correct the line in a text editor. Text goes in \"quotes\", dates are "
                   "written 1966-05-10 without quotes, answers are \"yes\", \"no\" or "
                   "\"unknown\".")
        hint = _hint(hint_da, hint_en)
        if backup_path(path).is_file():  # the version before the last change is beside it
            hint = Bi(f"{hint.da} Du kan også lægge den forrige version tilbage med: "
                      f"fleksjob restore {path}",
                      f"{hint.en} You can also put the previous version back with: "
                      f"fleksjob restore {path}")
        raise CaseFileError(path, what, where, hint, code="toml_syntax", lang=lang,
                            line=line, column=column) from None
    except (RecursionError, ValueError, OverflowError) as exc:
        # Pathological nesting, or a number/date tomllib accepts lexically but Python cannot hold.
        raise CaseFileError(
            path,
            Bi(f"TOML-filen kan ikke læses ({exc.__class__.__name__})",
               f"the TOML file cannot be read ({exc.__class__.__name__})"),
            None,
            _hint("Kontrollér at det er en sagsfil fra fleksjob.",
                  "Check that this is a case file from fleksjob."),
            code="toml_syntax", lang=lang,
        ) from None


def _source_line(text: str, line: int) -> str | None:
    lines = text.splitlines()
    if 1 <= line <= len(lines):
        src = lines[line - 1].strip()
        if src:
            return repr(src if len(src) <= 60 else src[:57] + "...")
    return None


def _check_schema_version(path: Path, raw: dict, text: str, lang: str) -> None:
    if "schema_version" not in raw:
        raise CaseFileError(
            path,
            Bi("nøglen schema_version mangler", "the key schema_version is missing"),
            Bi("øverst i filen", "at the top of the file"),
            _hint(f"Tilføj linjen 'schema_version = {SCHEMA_VERSION}' øverst, hvis filen er en "
                  "sag fra fleksjob.",
                  f"Add the line 'schema_version = {SCHEMA_VERSION}' at the top if the file is "
                  "a fleksjob case."),
            code="schema_missing", lang=lang, key="schema_version",
        )
    v = raw["schema_version"]
    if type(v) is int and 1 <= v <= SCHEMA_VERSION:
        return  # the usual case: no need to look for the line (a big file takes a while)
    line = _find_line(text, ("schema_version",))
    where = Bi("schema_version" + (f" (linje {line})" if line else ""),
               "schema_version" + (f" (line {line})" if line else ""))
    if type(v) is not int or v < 1:
        raise CaseFileError(
            path,
            Bi(f"schema_version skal være et helt tal, ikke {_show_value(v)}",
               f"schema_version must be a whole number, not {_show_value(v)}"),
            where,
            _hint(f"Skriv 'schema_version = {SCHEMA_VERSION}'.",
                  f"Write 'schema_version = {SCHEMA_VERSION}'."),
            code="schema_invalid", lang=lang, key="schema_version", value=v, line=line,
        )
    if v > SCHEMA_VERSION:
        raise CaseFileError(
            path,
            Bi(f"filen er lavet af en nyere version af fleksjob (skemaversion {v}; denne "
               f"version kender op til {SCHEMA_VERSION})",
               f"the file was made by a newer version of fleksjob (schema version {v}; this "
               f"version knows up to {SCHEMA_VERSION})"),
            where,
            _hint("Opdatér fleksjob (pip install -U fleksjob-tui) og åbn filen igen. Ret ikke "
                  "versionsnummeret i hånden: data kan gå tabt.",
                  "Update fleksjob (pip install -U fleksjob-tui) and open the file again. Do not "
                  "edit the version number by hand: data could be lost."),
            code="schema_newer", lang=lang, key="schema_version", value=v, line=line,
        )


def _show_value(v: object) -> str:
    if isinstance(v, bool):
        s = "true" if v else "false"
    elif isinstance(v, str):
        s = '"' + v + '"'
    elif isinstance(v, dict):
        s = "{...} (en tabel / a table)"
    elif isinstance(v, list):
        s = f"[...] ({len(v)})"
    else:
        s = str(v)
    return s if len(s) <= 60 else s[:57] + "..."


def _key_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The pydantic model class of the table at ``loc`` (for listing its allowed keys)."""
    model: type[BaseModel] | None = Case
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        fld = None
        for name, f in model.model_fields.items():
            if part in (name, f.alias):
                fld = f
                break
        if fld is None:
            return None
        model = _unwrap_model(fld.annotation)
    return model


def _unwrap_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            m = _unwrap_model(arg)
            if m is not None:
                return m
    return None


def _allowed_keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _table_label(loc: tuple) -> str:
    if not loc:
        return "øverste niveau / top level"
    name = _key_path(loc)
    if isinstance(loc[-1], int):
        return f"[[{_key_path(loc[:-1])}]] nr. {loc[-1] + 1}"
    return f"[{name}]"


_PYDANTIC_DA = {
    "date_from_datetime_parsing": "ikke en gyldig dato (skriv ÅÅÅÅ-MM-DD, og datoen skal findes)",
    "date_parsing": "ikke en gyldig dato (skriv ÅÅÅÅ-MM-DD, og datoen skal findes)",
    "date_type": "skal være en dato, fx 1966-05-10 (uden anførselstegn)",
    "date_from_datetime_inexact": "skal være en dato uden klokkeslæt",
    "datetime_parsing": "ikke et gyldigt tidspunkt (skriv 2026-11-22T10:15:00Z)",
    "datetime_from_date_parsing": "ikke et gyldigt tidspunkt (skriv 2026-11-22T10:15:00Z)",
    "datetime_type": "skal være et tidspunkt, fx 2026-11-22T10:15:00Z",
    "string_type": "skal være tekst i anførselstegn",
    "int_type": "skal være et helt tal",
    "int_parsing": "skal være et helt tal",
    "int_from_float": "skal være et helt tal",
    "float_type": "skal være et tal",
    "float_parsing": "skal være et tal",
    "finite_number": "skal være et endeligt tal",
    "bool_type": "skal være true eller false",
    "bool_parsing": "skal være true eller false",
    "list_type": "skal være en liste [ ... ]",
    "model_type": "skal være en tabel",
    "model_attributes_type": "skal være en tabel",
    "dict_type": "skal være en tabel",
    "missing": "mangler (skal udfyldes)",
}


def _validation_error(path: Path, exc: ValidationError, text: str, lang: str) -> CaseFileError:
    errors = exc.errors(include_url=False)
    err = errors[0]
    loc = tuple(err.get("loc", ()))
    etype = err.get("type", "")
    key = _key_path(loc)
    line = _find_line(text, loc)
    at_da, at_en = _where_suffix(loc, line)
    more_da = f" Der er {len(errors) - 1} fejl mere." if len(errors) > 1 else ""
    more_en = (f" There {'is' if len(errors) == 2 else 'are'} {len(errors) - 1} more "
               f"error{'s' if len(errors) > 2 else ''}.") if len(errors) > 1 else ""
    value = err.get("input")
    if etype == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        table = _model_at(loc[:-1])
        allowed = _allowed_keys(table) if table else []
        import difflib  # only when a key is wrong

        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        table_label = _table_label(loc[:-1])
        what = Bi(f"ukendt nøgle '{name}' i {table_label}",
                  f"unknown key '{name}' in {table_label.replace('nr.', 'no.')}")
        where = Bi(f"{key}{at_da}", f"{key}{at_en}")
        guess_da = f"Mente du '{close[0]}'? " if close else ""
        guess_en = f"Did you mean '{close[0]}'? " if close else ""
        allowed_s = ", ".join(allowed)
        hint = _hint(
            f"{guess_da}Ret stavningen eller slet linjen. Tilladte nøgler her: {allowed_s}."
            + more_da,
            f"{guess_en}Correct the spelling or delete the line. Allowed keys here: {allowed_s}."
            + more_en,
        )
        return CaseFileError(path, what, where, hint, code="unknown_key", lang=lang,
                             line=line, key=key, value=value)

    msg_en = err.get("msg", "invalid value")
    ctx = err.get("ctx") or {}
    if etype == "literal_error":
        expected = ctx.get("expected", "")
        msg_da = f"skal være en af: {expected.replace(' or ', ' eller ')}"
    elif etype in ("less_than_equal", "less_than"):
        msg_da = f"skal være højst {ctx.get('le', ctx.get('lt'))}"
    elif etype in ("greater_than_equal", "greater_than"):
        msg_da = f"skal være mindst {ctx.get('ge', ctx.get('gt'))}"
    elif etype == "value_error":
        inner = str(ctx.get("error", "")) or msg_en
        msg_en = inner
        msg_da = _value_error_da(inner)
    else:
        msg_da = _PYDANTIC_DA.get(etype, msg_en)
    if etype == "missing":
        shown_da = shown_en = ""
    elif isinstance(value, dict) and etype == "value_error":
        shown_da = shown_en = ""
    else:
        shown = _show_value(value)
        shown_da, shown_en = f" (fundet: {shown})", f" (found: {shown})"
    what = Bi(f"ugyldig værdi for {key or 'filen'}: {msg_da}{shown_da}",
              f"invalid value for {key or 'the file'}: {msg_en}{shown_en}")
    where = Bi(f"{key or 'øverste niveau'}{at_da}", f"{key or 'top level'}{at_en}")
    if etype.startswith("date") or etype.startswith("datetime"):
        hint = _hint("Skriv datoen som 1966-05-10 (år-måned-dag) uden anførselstegn, og tjek at "
                     "datoen findes." + more_da,
                     "Write the date as 1966-05-10 (year-month-day) without quotes, and check "
                     "that the date exists." + more_en)
    else:
        hint = _hint("Ret værdien i en teksteditor (se docs/case-format.md), eller ret svaret "
                     "i guiden." + more_da,
                     "Correct the value in a text editor (see docs/case-format.md), or change "
                     "the answer in the wizard." + more_en)
    return CaseFileError(path, what, where, hint, code="validation", lang=lang,
                         line=line, key=key, value=value)


def _where_suffix(loc: tuple, line: int | None) -> tuple[str, str]:
    """" (nr. 3 af [[measures]], linje 12)" — key paths count from 0, people from 1."""
    da: list[str] = []
    en: list[str] = []
    for i, part in enumerate(loc):
        if isinstance(part, int) and i > 0 and isinstance(loc[i - 1], str):
            if i == 1:  # an array of tables, e.g. [[measures]]
                da.append(f"nr. {part + 1} af [[{loc[i - 1]}]]")
                en.append(f"no. {part + 1} of the [[{loc[i - 1]}]]")
            else:  # an item of a list value
                da.append(f"element nr. {part + 1} i listen {loc[i - 1]}")
                en.append(f"item no. {part + 1} of the list {loc[i - 1]}")
    if line:
        da.append(f"linje {line}")
        en.append(f"line {line}")
    if not da:
        return "", ""
    return f" ({', '.join(da)})", f" ({', '.join(en)})"


def _value_error_da(msg: str) -> str:
    if "needs a title" in msg:
        return "et tiltag med id 'other' skal have en titel (title)"
    m = re.match(r"'to' \((.*)\) is before 'from' \((.*)\)", msg)
    if m:
        return f"slutdatoen 'to' ({m[1]}) ligger før startdatoen 'from' ({m[2]})"
    return msg


# -- finding the line of a key path in the file (best effort, for "where") --------------------

_HEADER = re.compile(r"^\s*(\[\[|\[)\s*([^\[\]]+?)\s*(\]\]|\])\s*(#.*)?$")


def _split_dotted(name: str) -> tuple[str, ...]:
    return tuple(p.strip().strip("\"'") for p in name.split("."))


def _find_line(text: str, loc: tuple) -> int | None:
    """The 1-based line where the key path ``loc`` is written, if it can be found simply."""
    if not loc:
        return None
    counters: dict[tuple, int] = {}
    lines = text.splitlines()
    bounds: list[tuple[tuple, int, int]] = []
    current, start = (), 0
    for i, raw in enumerate(lines, 1):
        m = _HEADER.match(raw)
        if not m:
            continue
        bounds.append((current, start, i - 1))
        name = _split_dotted(m[2])
        if m[1] == "[[":
            n = counters.get(name, 0)
            counters[name] = n + 1
            current = name + (n,)
        else:
            current = name
        start = i
    bounds.append((current, start, len(lines)))

    for cut in range(len(loc), -1, -1):
        prefix = tuple(loc[:cut])
        for sec, first, last in bounds:
            if sec != prefix:
                continue
            if cut == len(loc):
                return first or None
            part = loc[cut]
            if isinstance(part, int):
                return first or None
            key_re = re.compile(r"^\s*[\"']?" + re.escape(str(part)) + r"[\"']?\s*=")
            for j in range(first + 1 if first else 1, last + 1):
                if key_re.match(lines[j - 1]):
                    return j
            return first or None
    return None


# --------------------------------------------------------------------------------------------
# Saving


def dumps_case(case: Case) -> str:
    """The TOML text of a case (as :func:`save_case` writes it)."""
    return tomli_w.dumps(case.to_toml_dict())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def save_case(case: Case, path: str | os.PathLike[str], *, touch: bool = True,
              lang: str = "da", backup: bool = True) -> Path:
    """Write ``case`` to ``path`` atomically, readable by its owner only (mode 600).

    With ``touch`` (the default) ``case.case.updated`` is set to now (UTC, whole seconds) and
    ``case.case.created`` too if it is unset — the case object is changed in place. The text is
    written to a temporary file (created with mode 600) in the same folder, flushed and fsynced,
    then renamed over ``path`` with ``os.replace``; the folder is fsynced after. If ``path`` is
    a symbolic link, the file it points to is replaced and the link kept.

    With ``backup`` (the default) the file being replaced is first kept as :func:`backup_path`
    (``sag.toml.bak``): a hard link to the old file (or, where links are not possible, an atomic
    copy), mode 600. The wizard asks for this only on its first save of a session, so the backup
    is the case as it was before the session, not half a second ago.

    Raises :class:`CaseFileError` (code ``write_failed``) when the folder cannot be written; the
    target file is then unchanged and no temporary file is left behind. Returns the path written.
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    if not touch:
        return _write_private(path, dumps_case(case).encode("utf-8"), lang, backup=backup)
    before = (case.case.created, case.case.updated)
    now = _now()
    if case.case.created is None:
        case.case.created = now
    case.case.updated = now
    try:
        return _write_private(path, dumps_case(case).encode("utf-8"), lang, backup=backup)
    except BaseException:
        case.case.created, case.case.updated = before  # not saved: the case is as it was
        raise


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the previous version of the case at ``path`` is kept: ``sag.toml`` → ``sag.toml.bak``.

    The name does not end in ``.toml``, so :func:`list_cases` does not show it as a second case.
    """
    path = Path(path)
    return path.with_name(path.name + ".bak")


def restore_backup(path: str | os.PathLike[str], lang: str = "da") -> Path:
    """Put the backup (:func:`backup_path`) back as the case; the current file becomes the backup.

    The backup is loaded (validated) first; a missing or broken backup raises
    :class:`CaseFileError` and nothing is changed. Running it twice undoes it. Returns the path.
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    bak = backup_path(path)
    data = _read_bytes(bak, lang)
    load_case(bak, lang=lang)  # refuse to restore a broken backup
    keep = path.exists()
    return _write_private(path, data, lang, backup=keep)


def delete_case(path: str | os.PathLike[str], lang: str = "da") -> list[Path]:
    """Delete the case file at ``path`` and the previous version kept beside it (``.bak``).

    Case files hold health information: when a case is over, the user can remove it from the
    machine. Refused with :class:`CaseFileError` (code ``in_use``) while another running
    fleksjob has the case open; a lock left by a crashed program is removed with the case.
    Returns the files deleted.
    """
    from . import locking

    path = Path(path)
    holder = locking.read_lock(path)
    if holder is not None and not holder.stale():
        raise CaseFileError(
            path, Bi("sagen er åben i et andet fleksjob", "the case is open in another fleksjob"),
            None, Bi(f"Luk den dér først ({holder.describe('da')}).",
                     f"Close it there first ({holder.describe('en')})."),
            code="in_use", action="delete", lang=lang)
    real = Path(os.path.realpath(path)) if path.is_symlink() else path
    files = [real, backup_path(real)] + ([path] if real != path else [])
    lock = locking.lock_path(path)  # beside the real file; computed before the link goes
    removed: list[Path] = []
    for target in [*files, lock]:
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise _os_error(target, exc, lang, action="delete") from None
        if target in files:
            removed.append(target)
    _fsync_dir(real.parent)
    return removed


def write_private_text(path: str | os.PathLike[str], text: str, *, lang: str = "da") -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically, readable by its owner only (mode 600).

    The same atomic write as :func:`save_case` (temporary file with mode 600 in the same folder,
    fsync, ``os.replace``, fsync of the folder; a symbolic link is kept and its target replaced),
    for any text, e.g. the exported documentation pack. Raises :class:`CaseFileError` (code
    ``write_failed``) when it cannot be written; the target is then unchanged and no temporary
    file is left behind. Returns the path written.
    """
    return write_private_bytes(path, text.encode("utf-8"), lang=lang)


def write_private_bytes(path: str | os.PathLike[str], data: bytes, *, lang: str = "da") -> Path:
    """:func:`write_private_text` for bytes (a Word file): atomic, mode 600, a link kept."""
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    return _write_private(path, data, lang)


def _tmp_name(name: str) -> str:
    """A hidden temporary name beside ``name`` that says which process made it."""
    return f".{name}.{os.getpid()}-{os.urandom(6).hex()}.tmp"


_TMP_RE = re.compile(r"\.(?P<pid>[0-9]+)-[0-9a-f]{12}\.tmp")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    except OSError:  # pragma: no cover - e.g. Windows: assume alive, never delete
        return True
    return True


def clean_stale_temps(folder: str | os.PathLike[str], name: str) -> int:
    """Remove temporary files of ``name`` (``.name.<pid>-<hex>.tmp``) left by dead processes.

    A save that was killed half-way leaves such a hidden file; the old case is intact beside it.
    Files of this process and of live processes are left alone. Returns how many were removed.
    """
    prefix = f".{name}"
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for entry in names:
        if not entry.startswith(prefix):
            continue
        m = _TMP_RE.fullmatch(entry, len(prefix))
        if m is None:
            continue
        pid = int(m["pid"])
        if pid == os.getpid() or _pid_alive(pid):
            continue
        try:
            os.unlink(os.path.join(folder, entry))
            removed += 1
        except OSError:
            pass
    return removed


def _write_private(path: Path, data: bytes, lang: str, backup: bool = False) -> Path:
    folder = path.parent
    if path.is_dir():
        raise CaseFileError(
            path, Bi("stien er en mappe", "the path is a folder"), None,
            Bi("Vælg et filnavn, fx sag.toml.", "Choose a file name, e.g. case.toml."),
            code="write_failed", lang=lang, action="save",
        )
    clean_stale_temps(folder, path.name)
    if backup:
        _keep_backup(path, lang)
    _atomic_write(path, data, lang)
    _fsync_dir(folder)
    return path


def _atomic_write(path: Path, data: bytes, lang: str, report: Path | None = None) -> None:
    """Write ``data`` to a hidden temporary file (mode 600), fsync, ``os.replace`` onto ``path``.

    ``report`` is the path named in an error (default ``path``).
    """
    tmp = path.parent / _tmp_name(path.name)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                     0o600)
    except OSError as exc:
        raise _os_error(report or path, exc, lang, action="save") from None
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _os_error(report or path, exc, lang, action="save") from None
        raise


def _keep_backup(path: Path, lang: str) -> None:
    """Keep the file at ``path`` (if any) as its backup, atomically, mode 600.

    A hard link costs nothing and is atomic; where links are not possible (some USB sticks and
    network drives) the bytes are copied with the same atomic write as a save.
    """
    try:
        st = os.stat(path)
    except OSError:
        return  # nothing to keep (a new case)
    if not stat.S_ISREG(st.st_mode):
        return
    bak = backup_path(path)
    clean_stale_temps(path.parent, bak.name)
    try:
        if os.path.samestat(st, os.stat(bak)):
            return  # already kept (a save was interrupted after keeping it)
    except OSError:
        pass
    tmp = path.parent / _tmp_name(bak.name)
    try:
        os.link(path, tmp)
    except OSError:
        try:
            with open(path, "rb") as f:
                old = f.read()
        except OSError as exc:
            raise _os_error(path, exc, lang, action="save") from None
        _atomic_write(bak, old, lang, report=path)
        return
    try:
        os.chmod(tmp, 0o600)  # the old file's inode: it is about to be replaced anyway
        os.replace(tmp, bak)
        # rename() of two links to one file does nothing and leaves tmp (POSIX): remove it.
        if os.path.lexists(tmp):
            os.unlink(tmp)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise _os_error(path, exc, lang, action="save") from None


def _fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(dfd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on folders
        pass
    finally:
        os.close(dfd)


# --------------------------------------------------------------------------------------------
# Listing and naming


@dataclass(frozen=True, slots=True)
class CaseEntry:
    """One case file in a folder, for the start screen.

    ``case`` is the loaded case (assess it to get the status), or ``None`` with ``error`` set
    when the file cannot be read. ``updated`` is the case's own ``updated`` stamp, falling back
    to the file's modification time.
    """

    path: Path
    title: str | None
    person_name: str | None
    updated: dt.datetime | None
    case: Case | None = field(repr=False)
    error: CaseFileError | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None


def list_cases(folder: str | os.PathLike[str] | None = None, lang: str = "da") -> list[CaseEntry]:
    """The ``*.toml`` case files in ``folder`` (default: :func:`default_folder`), newest first.

    Hidden files (names starting with ".", e.g. temporary files of an unfinished save) and
    sub-folders are skipped. A file that cannot be loaded is still listed, with ``error`` set.
    A folder that does not exist gives an empty list.
    """
    folder = Path(folder) if folder is not None else default_folder()
    if not folder.is_dir():
        return []
    entries: list[CaseEntry] = []
    for p in folder.glob("*.toml"):
        if p.name.startswith("."):
            continue
        try:
            st = p.stat()
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        mtime = dt.datetime.fromtimestamp(st.st_mtime, dt.UTC).replace(microsecond=0)
        try:
            case = load_case(p, lang=lang)
        except CaseFileError as err:
            entries.append(CaseEntry(p, None, None, mtime, None, err))
            continue
        updated = case.case.updated or mtime
        if updated.tzinfo is None:
            updated = updated.replace(tzinfo=dt.UTC)
        entries.append(CaseEntry(p, case.case.title, case.person.name, updated, case))
    entries.sort(key=lambda e: (-(e.updated.timestamp() if e.updated else 0.0), e.path.name))
    return entries


_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "o",
                           "ä": "a"})


def new_case_path(folder: str | os.PathLike[str] | None, title: str | None) -> Path:
    """A path for a new case file in ``folder``, named after ``title``, not yet taken.

    ``"Fleksjob for Åse Ærø"`` → ``fleksjob-for-aase-aeroe.toml``; an empty title gives
    ``sag.toml``; a taken name gets ``-2``, ``-3`` … The file is not created.
    """
    folder = Path(folder) if folder is not None else default_folder()
    slug = (title or "").lower().translate(_TRANSLIT)
    slug = re.sub(r"[^a-z0-9]+", "-", slug, flags=re.ASCII).strip("-")[:60].strip("-") or "sag"
    candidate = folder / f"{slug}.toml"
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{slug}-{n}.toml"
        n += 1
    return candidate
