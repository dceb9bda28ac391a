"""Every problem with a case file in plain words: parser, pydantic and OS errors become one
:class:`CaseFileError` that says what is wrong, where, and what to do, in Danish and English.

The words are in ``content/messages.toml`` (``[storage]``), reached through
:class:`~fleksjob_tui.content.Msg`; this module only chooses which message and fills in the
values. The rest of :mod:`fleksjob_tui.case.storage` raises only this error. This module imports
nothing from Textual.
"""

from __future__ import annotations

import errno
import os
import re
import types
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ... import content
from ...content import Msg, _toml
from ..clean import printable
from ..model import SCHEMA_VERSION, Case

# --------------------------------------------------------------------------------------------
# The error


class CaseFileError(Exception):
    """A case file that cannot be read, validated or written.

    Fields: ``path`` (the file), ``what`` (what is wrong), ``where`` (line/column or key path, or
    ``None``), ``hint`` (what to do) — each of the three a :class:`~fleksjob_tui.content.Msg`
    with ``.da``/``.en`` — plus ``code`` (a stable machine-readable kind, see below), ``lang``
    (the language of ``str(err)``), and when known ``line``, ``column`` (1-based), ``key`` (e.g.
    ``"measures[2].status"``) and ``value`` (the bad value as found in the file).

    ``err.message(lang)`` gives the full multi-line message; ``err.short(lang)`` one line.

    Codes: ``not_found``, ``is_directory``, ``not_regular``, ``unreadable``, ``too_large``,
    ``not_utf8``, ``empty``, ``toml_syntax``, ``schema_missing``, ``schema_invalid``,
    ``schema_newer``, ``validation``, ``unknown_key``, ``write_failed``, ``in_use``.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        what: Msg,
        where: Msg | None,
        hint: Msg,
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
        self.lang = lang if lang in content.LANGUAGES else "da"
        self.action = action
        self.line = line
        self.column = column
        self.key = key
        self.value = value
        super().__init__(self.message(self.lang))

    def message(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        action = self.action if self.action in ("load", "save", "delete", "restore") else "load"
        head = Msg.of(f"storage.head.{action}").get(lang)
        label = {k: Msg.of(f"storage.label.{k}").get(lang) for k in ("what", "where", "hint")}
        lines = [f"{head}: {self.path}", f"{label['what']}: {self.what.get(lang)}"]
        if self.where is not None:
            lines.append(f"{label['where']}: {self.where.get(lang)}")
        lines.append(f"{label['hint']}: {self.hint.get(lang)}")
        # The path, a value, a key: each may hold a terminal's escape sequences (issue 22).
        return printable("\n".join(lines))

    def short(self, lang: str | None = None) -> str:
        """One line: what is wrong and where (for lists and status bars)."""
        lang = lang or self.lang
        text = self.what.get(lang)
        if self.where is not None:
            text += f" ({self.where.get(lang)})"
        return printable(text)

    def __str__(self) -> str:
        return self.message(self.lang)


def unchanged_hint(key: str, /, **args: object) -> Msg:
    """The hint at ``key``, followed by "The file has not been changed."."""
    return Msg.of("storage.unchanged", text=Msg.of(key, **args))


def file_error(path: Path, kind: str, code: str, lang: str, *, hint: str = "hint",
               unchanged: bool = True, action: str = "load", **args: object) -> CaseFileError:
    """A simple error of ``storage.<kind>``: its ``what``, its ``hint`` and no "where"."""
    key = f"storage.{kind}.{hint}"
    return CaseFileError(path, Msg.of(f"storage.{kind}.what"), None,
                         unchanged_hint(key, **args) if unchanged else Msg.of(key, **args),
                         code=code, lang=lang, action=action)


def too_large(path: Path, size: int, limit: int, lang: str) -> CaseFileError:
    return CaseFileError(
        path,
        Msg.of("storage.too_large.what", mb=limit // (1024 * 1024),
               size=Msg.either(f"{size:,}".replace(",", "."), f"{size:,}")),
        None,
        unchanged_hint("storage.too_large.hint"),
        code="too_large", lang=lang,
    )


def os_error(path: Path, exc: OSError, lang: str, action: str = "load") -> CaseFileError:
    reason = exc.strerror or exc.__class__.__name__
    args = {}
    if isinstance(exc, PermissionError):
        kind = "permission"
    elif exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        kind = "disk_full"
    elif exc.errno == errno.EROFS:
        kind = "read_only"
    elif action in ("save", "restore") and exc.errno in (errno.ENOENT, errno.ENOTDIR):
        kind = "folder_gone"
    else:
        kind, args = "other", {"reason": reason}
    hint = Msg.of(f"storage.os.{kind}.hint")
    if action == "save":
        hint = Msg.of("storage.in_memory", text=hint)
    elif action == "restore":  # nothing was swapped: both versions are where they were
        hint = Msg.of("storage.restore_unchanged", text=hint)
    return CaseFileError(path, Msg.of(f"storage.os.{kind}.what", **args), None, hint,
                         code="unreadable" if action == "load" else "write_failed", lang=lang,
                         action=action)


def decode(path: Path, data: bytes, lang: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark from some Windows editors
        data = data[3:]
    if not data.strip():
        raise CaseFileError(path, Msg.of("storage.empty.what"), None,
                            unchanged_hint("storage.empty.hint"), code="empty", lang=lang)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise CaseFileError(
            path,
            Msg.of("storage.not_utf8.what", byte=f"0x{data[exc.start]:02x}"),
            Msg.of("storage.at_line", line=line, column=column),
            unchanged_hint("storage.not_utf8.hint"),
            code="not_utf8", lang=lang, line=line, column=column,
        ) from None


_TOML_POS = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)\s*$", re.S)
_TOML_END = re.compile(r"^(?P<msg>.*?)\s*\(at end of document\)\s*$", re.S)


def parse_toml(path: Path, text: str, lang: str, backup: Path | None = None, *,
               quote: bool = True) -> dict:
    """The parsed TOML; ``backup`` is where the previous version would be (named in the hint).
    ``quote=False``: the error names the line but quotes none of the text."""
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
            what = Msg.of("storage.toml.open_string")
        else:
            danish = content.entry("messages", "storage.toml.danish")
            da = next((d["da"] for d in danish if msg.startswith(d["starts"])), msg)
            what = Msg.of("storage.toml.syntax", reason=Msg.either(da, msg))
        if line is not None:
            where = Msg.of("storage.at_line", line=line, column=column)
            src = _source_line(text, line) if quote else None
            if src is not None:
                where = Msg.of("storage.toml.source", where=where, source=src)
        else:
            where = Msg.of("storage.toml.at_end")
        hint = unchanged_hint("storage.toml.hint")
        if backup is not None and backup.is_file():  # the version before the last change
            hint = Msg.of("storage.toml.restore", text=hint, path=path)
        raise CaseFileError(path, what, where, hint, code="toml_syntax", lang=lang,
                            line=line, column=column) from None
    except (RecursionError, ValueError, OverflowError) as exc:
        # Pathological nesting, or a number/date tomllib accepts lexically but Python cannot hold.
        raise CaseFileError(
            path, Msg.of("storage.toml.unreadable", kind=exc.__class__.__name__), None,
            unchanged_hint("storage.toml.unreadable_hint"), code="toml_syntax", lang=lang,
        ) from None


def _source_line(text: str, line: int) -> str | None:
    lines = text.splitlines()
    if 1 <= line <= len(lines):
        src = lines[line - 1].strip()
        if src:
            return repr(src if len(src) <= 60 else src[:57] + "...")
    return None


def check_schema_version(path: Path, raw: dict, text: str, lang: str, *,
                         quote: bool = True) -> None:
    if "schema_version" not in raw:
        raise CaseFileError(
            path, Msg.of("storage.schema.missing"), Msg.of("storage.schema.top"),
            unchanged_hint("storage.schema.missing_hint", version=SCHEMA_VERSION),
            code="schema_missing", lang=lang, key="schema_version",
        )
    v = raw["schema_version"]
    if type(v) is int and 1 <= v <= SCHEMA_VERSION:
        return  # the usual case: no need to look for the line (a big file takes a while)
    line = _find_line(text, ("schema_version",))
    where = Msg.of("storage.schema.where_line", line=line) if line else Msg.of(
        "storage.schema.where")
    if type(v) is not int or v < 1:
        raise CaseFileError(
            path, Msg.of("storage.schema.invalid", value=_show_value(v) if quote else "?"), where,
            unchanged_hint("storage.schema.invalid_hint", version=SCHEMA_VERSION),
            code="schema_invalid", lang=lang, key="schema_version", value=v, line=line,
        )
    if v > SCHEMA_VERSION:
        raise CaseFileError(
            path, Msg.of("storage.schema.newer", found=v, version=SCHEMA_VERSION), where,
            unchanged_hint("storage.schema.newer_hint"),
            code="schema_newer", lang=lang, key="schema_version", value=v, line=line,
        )


def _show_value(v: object) -> str:
    if isinstance(v, bool):
        s = "true" if v else "false"
    elif isinstance(v, str):
        s = '"' + v + '"'
    elif isinstance(v, dict):
        s = Msg.of("storage.validation.a_table").da  # the same text in both languages
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


def _table_label(loc: tuple) -> Msg:
    if not loc:
        return Msg.of("storage.validation.top_level_label")
    if isinstance(loc[-1], int):
        return Msg.of("storage.validation.table_item", name=_key_path(loc[:-1]), n=loc[-1] + 1)
    return Msg.of("storage.validation.table", name=_key_path(loc))


def _danish(key: str, /, **args: object) -> str:
    """A Danish translation of a message of the schema check (``storage.validation.*``)."""
    return content.text("messages", f"storage.validation.{key}", "da", **args)


def validation_error(path: Path, exc: ValidationError, text: str, lang: str, *,
                     quote: bool = True) -> CaseFileError:
    errors = exc.errors(include_url=False)
    err = errors[0]
    loc = tuple(err.get("loc", ()))
    etype = err.get("type", "")
    key = _key_path(loc)
    line = _find_line(text, loc)
    at = _where_suffix(loc, line)
    more: Msg | str = ""
    if len(errors) > 1:
        more = Msg.of("storage.validation.more_one" if len(errors) == 2
                      else "storage.validation.more_many", n=len(errors) - 1)
    value = err.get("input")
    if etype == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        table = _model_at(loc[:-1])
        allowed = _allowed_keys(table) if table else []
        import difflib  # only when a key is wrong: loading a good file does not pay for it

        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        what = Msg.of("storage.validation.unknown_key", name=name, table=_table_label(loc[:-1]))
        where = Msg.of("storage.validation.key_where", key=key, at=at)
        guess = Msg.of("storage.validation.guess", key=close[0]) if close else ""
        hint = unchanged_hint("storage.validation.unknown_key_hint", guess=guess,
                              allowed=", ".join(allowed), more=more)
        return CaseFileError(path, what, where, hint, code="unknown_key", lang=lang,
                             line=line, key=key, value=value)

    msg_en = err.get("msg", "invalid value")
    ctx = err.get("ctx") or {}
    if etype == "literal_error":
        expected = ctx.get("expected", "")
        msg_da = _danish("one_of", expected=expected.replace(" or ", _danish("or")))
    elif etype in ("less_than_equal", "less_than"):
        msg_da = _danish("at_most", limit=ctx.get("le", ctx.get("lt")))
    elif etype in ("greater_than_equal", "greater_than"):
        msg_da = _danish("at_least", limit=ctx.get("ge", ctx.get("gt")))
    elif etype == "date_out_of_range":  # case/model.py: a date the rules cannot compute with
        words = Msg.of("storage.validation.date_range", first=ctx.get("min"), last=ctx.get("max"))
        msg_da, msg_en = words.da, words.en
    elif etype == "value_error":
        inner = str(ctx.get("error", "")) or msg_en
        msg_en = inner
        msg_da = _value_error_da(inner)
    elif content.has("messages", f"storage.validation.danish.{etype}"):
        msg_da = _danish(f"danish.{etype}")
        if content.has("messages", f"storage.validation.english.{etype}"):  # a strict type
            msg_en = content.text("messages", f"storage.validation.english.{etype}", "en")
    else:
        msg_da = msg_en
    if not quote or etype == "missing" or (isinstance(value, dict) and etype == "value_error"):
        shown: Msg | str = ""
    else:
        shown = Msg.of("storage.validation.found", value=_show_value(value))
    what = Msg.of("storage.validation.invalid", key=key or Msg.of("storage.validation.the_file"),
                  reason=Msg.either(msg_da, msg_en), shown=shown)
    where = Msg.of("storage.validation.key_where",
                   key=key or Msg.of("storage.validation.top_level"), at=at)
    if etype == "date_out_of_range":
        hint = unchanged_hint("storage.validation.date_range_hint", more=more)
    elif etype.startswith("date") or etype.startswith("datetime"):
        hint = unchanged_hint("storage.validation.date_hint", more=more)
    else:
        hint = unchanged_hint("storage.validation.hint", more=more)
    return CaseFileError(path, what, where, hint, code="validation", lang=lang,
                         line=line, key=key, value=value)


def _where_suffix(loc: tuple, line: int | None) -> Msg | str:
    """" (nr. 3 af [[measures]], linje 12)" — key paths count from 0, people from 1."""
    parts: list[Msg] = []
    for i, part in enumerate(loc):
        if isinstance(part, int) and i > 0 and isinstance(loc[i - 1], str):
            if i == 1:  # an array of tables, e.g. [[measures]]
                parts.append(Msg.of("storage.validation.item_of_tables", n=part + 1,
                                    name=loc[i - 1]))
            else:  # an item of a list value
                parts.append(Msg.of("storage.validation.item_of_list", n=part + 1,
                                    name=loc[i - 1]))
    if line:
        parts.append(Msg.of("storage.validation.line", line=line))
    if not parts:
        return ""
    return Msg.of("storage.validation.at", parts=parts)


def _value_error_da(msg: str) -> str:
    if "needs a title" in msg:
        return _danish("other_title")
    m = re.match(r"'to' \((.*)\) is before 'from' \((.*)\)", msg)
    if m:
        return _danish("to_before_from", to=m[1], start=m[2])
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

