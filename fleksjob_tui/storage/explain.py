"""Every problem with a case file in plain words: parser, pydantic and OS errors become one
:class:`CaseFileError` that says what is wrong, where, and what to do, in Danish and English.

The rest of :mod:`fleksjob_tui.storage` raises only this error. This module imports nothing from
Textual.
"""

from __future__ import annotations

import errno
import os
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .. import _toml
from ..model import SCHEMA_VERSION, Case

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


def unchanged_hint(da: str, en: str) -> Bi:
    return Bi(f"{da} {_UNCHANGED.da}", f"{en} {_UNCHANGED.en}")


def too_large(path: Path, size: int, limit: int, lang: str) -> CaseFileError:
    mb = limit // (1024 * 1024)
    return CaseFileError(
        path,
        Bi(f"filen er for stor ({size:,} byte; grænsen er {mb} MB)".replace(",", "."),
           f"the file is too large ({size:,} bytes; the limit is {mb} MB)"),
        None,
        unchanged_hint("En sagsfil fylder normalt få kilobyte. Tjek at det er den rigtige fil.",
              "A case file is normally a few kilobytes. Check that this is the right file."),
        code="too_large", lang=lang,
    )


def os_error(path: Path, exc: OSError, lang: str, action: str = "load") -> CaseFileError:
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


def decode(path: Path, data: bytes, lang: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark from some Windows editors
        data = data[3:]
    if not data.strip():
        raise CaseFileError(
            path,
            Bi("filen er tom", "the file is empty"),
            None,
            unchanged_hint("Hvis sagen blev gemt et andet sted, så åbn den fil; ellers start en ny sag "
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
        return_hint = unchanged_hint(
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


def parse_toml(path: Path, text: str, lang: str, backup: Path | None = None) -> dict:
    """The parsed TOML; ``backup`` is where the previous version would be (named in the hint)."""
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
        hint = unchanged_hint(hint_da, hint_en)
        if backup is not None and backup.is_file():  # the version before the last change is beside it
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
            unchanged_hint("Kontrollér at det er en sagsfil fra fleksjob.",
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


def check_schema_version(path: Path, raw: dict, text: str, lang: str) -> None:
    if "schema_version" not in raw:
        raise CaseFileError(
            path,
            Bi("nøglen schema_version mangler", "the key schema_version is missing"),
            Bi("øverst i filen", "at the top of the file"),
            unchanged_hint(f"Tilføj linjen 'schema_version = {SCHEMA_VERSION}' øverst, hvis filen er en "
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
            unchanged_hint(f"Skriv 'schema_version = {SCHEMA_VERSION}'.",
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
            unchanged_hint("Opdatér fleksjob (pip install -U fleksjob-tui) og åbn filen igen. Ret ikke "
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


def validation_error(path: Path, exc: ValidationError, text: str, lang: str) -> CaseFileError:
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
        hint = unchanged_hint(
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
        hint = unchanged_hint("Skriv datoen som 1966-05-10 (år-måned-dag) uden anførselstegn, og tjek at "
                     "datoen findes." + more_da,
                     "Write the date as 1966-05-10 (year-month-day) without quotes, and check "
                     "that the date exists." + more_en)
    else:
        hint = unchanged_hint("Ret værdien i en teksteditor (se docs/case-format.md), eller ret svaret "
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

