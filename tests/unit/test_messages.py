"""One bilingual message type, all words in data: the texts of case-file errors, date errors and
lock messages live in content/messages.toml and are reached through content.Msg."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from fleksjob_tui import content
from fleksjob_tui.case import dates, locking
from fleksjob_tui.content import Msg

PACKAGE = Path(content.__file__).resolve().parent.parent
# Modules whose user-visible words moved to content/messages.toml.
WORDLESS = ["case/storage/explain.py", "case/storage/files.py", "case/storage/folder.py",
            "case/dates.py", "case/locking.py", "case/clean.py", "content/__init__.py"]
# Danish translations of English texts the program gets from its parsers: no English entry (the
# parser's own message is shown in English).
DANISH_ONLY = {"storage.validation." + k for k in
               ("one_of", "or", "at_most", "at_least", "other_title", "to_before_from")}


def _leaves(node, prefix=""):
    """(dotted key, entry) for every text entry of a data file."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _leaves(item, f"{prefix}[{i}]")
        return
    if isinstance(node, str) or set(node) <= {"da", "en", "starts"}:
        yield prefix, node
        return
    for key, value in node.items():
        yield from _leaves(value, f"{prefix}.{key}" if prefix else key)


def test_every_message_has_danish_and_english():
    missing = []
    for key, entry in _leaves(content.load("messages")):
        if isinstance(entry, str) or key in DANISH_ONLY or key.startswith(
                ("storage.toml.danish", "storage.validation.danish")):
            continue
        if not (entry.get("da") and entry.get("en")):
            missing.append(key)
    assert missing == []


def test_same_placeholders_in_both_languages():
    field = re.compile(r"\{(\w+)")
    for key, entry in _leaves(content.load("messages")):
        if isinstance(entry, dict) and "da" in entry and "en" in entry and key != "either":
            da, en = entry["da"], entry["en"]
            if isinstance(da, str):
                assert set(field.findall(da)) == set(field.findall(en)), key


def test_every_key_the_code_names_is_in_the_data():
    named = re.compile(r"""(?:Msg\.of|unchanged_hint)\(\s*"([a-z_.]+)"|"(dates\.[a-z_]+)\"""")
    keys = set()
    for rel in WORDLESS:
        for m in named.finditer((PACKAGE / rel).read_text(encoding="utf-8")):
            keys.add(m[1] or m[2])
    assert len(keys) > 40
    assert sorted(k for k in keys if not content.has("messages", k)) == []


@pytest.mark.parametrize("rel", WORDLESS)
def test_no_danish_words_left_in_the_code(rel):
    """No string in the code (docstrings and comments aside) holds a Danish letter."""
    source = (PACKAGE / rel).read_text(encoding="utf-8")
    found = []
    previous = tokenize.NEWLINE
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        is_docstring = tok.type == tokenize.STRING and previous in (
            tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.NL)
        danish = tok.type == tokenize.STRING and re.search("[æøåÆØÅ]", tok.string)
        if danish and not is_docstring:
            found.append((tok.start[0], tok.string))
        if tok.type not in (tokenize.COMMENT, tokenize.NL):
            previous = tok.type
    if rel == "case/storage/folder.py":  # the file-name transliteration table: letters, not words
        found = [f for f in found if len(f[1]) <= 3]
        assert len(found) == 3
        return
    assert found == []


def test_msg_puts_its_values_in_the_same_language():
    inner = Msg.of("storage.validation.the_file")
    msg = Msg.of("storage.validation.invalid", key=inner, reason=Msg.either("dansk", "english"),
                 shown="")
    assert msg.da == "ugyldig værdi for filen: dansk"
    assert msg.en == "invalid value for the file: english"
    assert str(msg) == msg.da
    assert msg.get("fr") == msg.da  # an unknown language falls back to Danish
    parts = Msg.of("storage.validation.at", parts=[Msg.of("storage.validation.line", line=3),
                                                   Msg.of("storage.validation.line", line=4)])
    assert parts.en == " (line 3, line 4)"


def test_date_error_words_come_from_the_data():
    with pytest.raises(dates.DateError) as info:
        dates.parse_date("30-02-2026", "en")
    err = info.value
    assert err.msg.key == "dates.bad_day"
    assert err.message("da") == "'30-02-2026' findes ikke: februar 2026 har 28 dage."
    assert str(err) == "'30-02-2026' does not exist: February 2026 has 28 days."
    assert dates.EXAMPLE == {"da": content.text("messages", "dates.example", "da"),
                             "en": content.text("messages", "dates.example", "en")}


def test_lock_description_in_both_languages(tmp_path):
    case = tmp_path / "sag.toml"
    case.write_text("schema_version = 1\n")
    with locking.acquire(case):
        holder = locking.read_lock(case)
        assert holder.describe("da").endswith("en anden browserfane på denne computer")
        assert holder.describe("en").endswith("another window or browser tab on this computer")
        assert holder.description.da == holder.describe("da")
        with pytest.raises(locking.CaseLocked) as info:
            locking.acquire(case)
    assert "is open in another fleksjob" in str(info.value)
