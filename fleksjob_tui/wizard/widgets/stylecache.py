"""Parsed stylesheets kept in the program's cache (:mod:`fleksjob_tui.content.program_cache`, beside the
compiled modules), so a start does not tokenize and parse the same CSS again.

Textual parses every stylesheet it uses (``app.tcss`` and each widget class's ``DEFAULT_CSS``)
anew on every start: about 20 ms of the wizard's first paint (issue 16's profile). What a parse
gives depends only on the CSS text, where it was read from, its scope and priority, the theme's
variables and Textual's version, so the rule sets are kept under a key made of all of those (a
changed text or theme is simply a new key), and the next start reads them in a millisecond.

* :func:`install` routes Textual's stylesheet parsing through the cache (once per process; the
  app calls it). CSS with errors is never cached, so Textual reports it as always.
* :func:`save` keeps what was parsed this run, if anything was new (the app calls it on exit).

The entry may hold only Textual's and Rich's own style classes and functions (not even what
their modules import from elsewhere), checked as it is read.
"""

from __future__ import annotations

import enum
import hashlib
import importlib
import os
import pickle

import textual
from textual.css import stylesheet as _stylesheet

from ...content import program_cache as cache

#: The cache entry.
NAME = "css"


def _textual_build() -> str:
    """Which Textual parsed the entry: its package file's size and time, so an upgrade (which
    rewrites it) starts afresh. (Not ``textual.__version__``: that looks Textual up among the
    installed distributions, about 0.4 % of the first paint — issue 26.)"""
    info = os.stat(textual.__file__)
    return f"css-{info.st_size}-{info.st_mtime_ns}"

#: At most this many parsed stylesheets are kept (the oldest go first).
LIMIT = 400
_ALLOWED = ("textual.", "rich.")


def _style_getattr(obj, name: str):
    """What an entry may use of ``getattr``: a member of one of Textual's enums, or a plain
    dict's lookups (Textual keeps a few style lookups as ``partial(dict.get, …)``)."""
    if isinstance(obj, type) and issubclass(obj, enum.Enum) and obj.__module__.startswith(_ALLOWED):
        return obj[name]
    if type(obj) is dict and name in ("get", "__contains__", "__getitem__"):
        return getattr(obj, name)
    raise pickle.UnpicklingError(f"{type(obj).__name__}.{name} is not a style value")


def styles_only(module: str, name: str):
    """Textual's and Rich's own style classes and functions, and what they are pickled with."""
    if (module, name) == ("builtins", "getattr"):  # how enum members are pickled
        return _style_getattr
    if (module, name) in (("builtins", "set"), ("builtins", "frozenset"),
                          ("functools", "partial"), ("fractions", "Fraction")):
        return getattr(importlib.import_module(module), name)
    if module.startswith(_ALLOWED):
        found = getattr(importlib.import_module(module), name)
        if callable(found) and str(getattr(found, "__module__", "")).startswith(_ALLOWED):
            return found
    raise pickle.UnpicklingError(f"{module}.{name} is not a style object")


class _Sheets:
    """The parsed stylesheets of this process: read from the cache once, kept when new."""

    def __init__(self) -> None:
        self.entries: dict[str, list] | None = None
        self.added = False
        self._vars: dict[int, tuple[object, str]] = {}

    def load(self) -> dict[str, list]:
        if self.entries is None:
            found = cache.read(NAME, _textual_build(), styles_only)
            self.entries = dict(found) if isinstance(found, dict) else {}
        return self.entries

    def variables_key(self, variable_tokens) -> str:
        """A digest of the theme's variables (memoized per dict: Textual passes the same one)."""
        memo = self._vars.get(id(variable_tokens))
        if memo is not None and memo[0] is variable_tokens:
            return memo[1]
        text = "\n".join(f"{name}={''.join(token.value for token in tokens)}"
                         for name, tokens in sorted((variable_tokens or {}).items()))
        digest = hashlib.sha256(text.encode()).hexdigest()
        self._vars[id(variable_tokens)] = (variable_tokens, digest)
        return digest

    def save(self) -> bool:
        if not self.added or not self.entries:
            return False
        entries = dict(list(self.entries.items())[-LIMIT:])
        if cache.write(NAME, _textual_build(), entries):
            self.added = False
            return True
        return False


_sheets: _Sheets | None = None
_parse = None  # Textual's own parse function, once install() has replaced it


def install() -> bool:
    """Let Textual's stylesheets parse through the cache. True when the cache is in use."""
    global _sheets, _parse
    if _parse is not None:
        return True
    if cache.folder() is None:
        return False
    sheets = _sheets = _Sheets()
    textual_parse = _parse = _stylesheet.parse

    def parse(scope, css, read_from, variables=None, variable_tokens=None,
              is_default_rules=False, tie_breaker=0):
        if variables is not None:  # not how Stylesheet calls it: no cache for this form
            return textual_parse(scope, css, read_from, variables, variable_tokens,
                                 is_default_rules, tie_breaker)
        key = hashlib.sha256(repr((
            scope, css, read_from, is_default_rules, tie_breaker,
            sheets.variables_key(variable_tokens),
        )).encode()).hexdigest()
        entries = sheets.load()
        rules = entries.get(key)
        if rules is None:
            rules = list(textual_parse(scope, css, read_from, variable_tokens=variable_tokens,
                                       is_default_rules=is_default_rules,
                                       tie_breaker=tie_breaker))
            if not any(rule.errors for rule in rules):
                entries[key] = rules
                sheets.added = True
        return iter(rules)

    _stylesheet.parse = parse
    return True


def save() -> bool:
    """Keep what was parsed this run (if anything new). True when the entry was written."""
    return _sheets.save() if _sheets is not None else False
