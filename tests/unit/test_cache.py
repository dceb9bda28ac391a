"""The program's cache (issue 16): parsed content files and stylesheets kept between starts.

What must hold: an entry is used only when it was made from the same thing (same key); anything
wrong with the file means "no entry", never an error or a wrong text; an entry may hold only the
kinds of objects its reader allows (no pickle can run code); it is written privately; ``off``
turns it off; and what comes back is exactly what a fresh parse gives.
"""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from fleksjob_tui import content
from fleksjob_tui.content import program_cache as cache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FLEKSJOB_CACHE", str(folder))
    cache.forget_folder()
    yield folder
    cache.forget_folder()


def test_an_entry_comes_back_only_for_its_own_key(cache_dir: Path) -> None:
    data = {"a": ["b", 1, 2.5, True], "d": {"e": "f"}}
    assert cache.write("x", "key-1", data)
    assert cache.read("x", "key-1") == data
    assert cache.read("x", "key-2") is None
    assert cache.read("y", "key-1") is None


def test_the_cache_is_private(cache_dir: Path) -> None:
    cache.write("x", "k", {"a": 1})
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((cache_dir / "x.pickle").stat().st_mode) == 0o600
    assert [p.name for p in cache_dir.iterdir()] == ["x.pickle"]  # no temporary file left


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05\x95garbage"])
def test_a_broken_entry_is_no_entry(cache_dir: Path, damage: bytes) -> None:
    cache.write("x", "k", {"a": 1})
    (cache_dir / "x.pickle").write_bytes(damage)
    assert cache.read("x", "k") is None
    assert cache.write("x", "k", {"a": 2}) and cache.read("x", "k") == {"a": 2}


class _Runs:
    """Pickles to a call of os.system: what a planted cache file could try."""

    def __reduce__(self):
        return (os.system, ("echo planted > planted.txt",))


def test_an_entry_cannot_run_code(cache_dir: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    cache_dir.mkdir()
    entry = {"format": cache.FORMAT, "key": "k", "data": _Runs()}
    (cache_dir / "x.pickle").write_bytes(pickle.dumps(entry))
    assert cache.read("x", "k") is None
    assert not (tmp_path / "planted.txt").exists()


def test_an_entry_of_an_older_format_is_ignored(cache_dir: Path) -> None:
    cache_dir.mkdir()
    old = {"format": cache.FORMAT - 1, "key": "k", "data": {"a": 1}}
    (cache_dir / "x.pickle").write_bytes(pickle.dumps(old))
    assert cache.read("x", "k") is None


def test_by_default_it_is_kept_like_bytecode(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    import fleksjob_tui

    monkeypatch.delenv("FLEKSJOB_CACHE", raising=False)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    cache.forget_folder()
    try:
        assert cache.folder() == Path(fleksjob_tui.__file__).resolve().parent / "__pycache__"
        monkeypatch.setattr(sys, "dont_write_bytecode", True)  # PYTHONDONTWRITEBYTECODE=1
        assert not cache.write("test-never-written", "k", {"a": 1})
        assert not (cache.folder() / "test-never-written.pickle").exists()
        monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "prefix"))
        cache.forget_folder()
        assert str(cache.folder()).startswith(str(tmp_path / "prefix"))
    finally:
        cache.forget_folder()


def test_off_turns_it_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEKSJOB_CACHE", "off")
    cache.forget_folder()
    try:
        assert cache.folder() is None
        assert not cache.write("x", "k", {"a": 1})
        assert cache.read("x", "k") is None
    finally:
        cache.forget_folder()


def test_a_folder_that_cannot_be_written_is_only_slower(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FLEKSJOB_CACHE", str(blocker / "cache"))
    cache.forget_folder()
    try:
        assert not cache.write("x", "k", {"a": 1})
        assert cache.read("x", "k") is None
    finally:
        cache.forget_folder()


# -- content files ---------------------------------------------------------------------------

def test_every_content_file_reads_back_as_parsed(cache_dir: Path) -> None:
    from fleksjob_tui.content import _toml

    load = content.load.__wrapped__  # past the per-process memo
    for path in sorted(Path(content.__file__).parent.glob("*.toml")):
        fresh = _toml.loads(path.read_text(encoding="utf-8"))
        assert load(path.stem) == fresh  # parsed, and kept
        assert (cache_dir / f"content-{path.stem}.pickle").exists()
        assert load(path.stem) == fresh  # read back


def test_a_changed_content_file_is_parsed_again(cache_dir: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    monkeypatch.setattr(content, "_FOLDER", folder)
    load = content.load.__wrapped__
    (folder / "t.toml").write_text('[hello]\nda = "Hej"\n', encoding="utf-8")
    assert load("t") == {"hello": {"da": "Hej"}}
    before = (folder / "t.toml").stat()
    (folder / "t.toml").write_text('[hello]\nda = "Hey"\n', encoding="utf-8")
    # The same size and the old time (as `touch -r` or a copy tool leaves it): still seen.
    os.utime(folder / "t.toml", ns=(before.st_atime_ns, before.st_mtime_ns))
    assert load("t") == {"hello": {"da": "Hey"}}


# -- stylesheets -----------------------------------------------------------------------------

_SHEETS = r'''
import json, sys
from pathlib import Path
from textual.app import App
from textual.css import stylesheet as ss
from textual.widgets import Button, Footer, Header, Input, OptionList
from fleksjob_tui.wizard.widgets import stylecache

textual_parse = ss.parse
calls = []
def counting(*a, **k):
    calls.append(1)
    return textual_parse(*a, **k)
ss.parse = counting
use = sys.argv[1] == "cache"
if use:
    assert stylecache.install()
sheet = ss.Stylesheet(variables=App().get_css_variables())
app_css = Path("fleksjob_tui/wizard/app.tcss").read_text(encoding="utf-8")
sheet.add_source(app_css, read_from=("app.tcss", ""))
for widget in (Button, Footer, Header, Input, OptionList):
    sheet.add_source(widget.DEFAULT_CSS, read_from=(widget.__name__, "DEFAULT_CSS"),
                     is_default_css=True, scope=widget.__name__ if widget.SCOPED_CSS else "")
rules = [(r.css, sorted(s.specificity for s in r.selector_set), r.is_default_rules,
          r.tie_breaker) for r in sheet.rules]
if use:
    stylecache.save()
print(json.dumps({"rules": rules, "parsed": len(calls)}))
'''


def _sheets(mode: str, cache_dir: Path) -> dict:
    import json

    env = dict(os.environ, FLEKSJOB_CACHE=str(cache_dir))
    out = subprocess.run([sys.executable, "-c", _SHEETS, mode], env=env, check=True,
                         capture_output=True, text=True, cwd=Path(content.__file__).parents[2])
    return json.loads(out.stdout)


def test_stylesheets_from_the_cache_are_those_textual_parses(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    own = _sheets("plain", folder)
    first = _sheets("cache", folder)  # a first start: parses, and keeps
    again = _sheets("cache", folder)  # the next start: reads them back
    assert own["parsed"] == first["parsed"] == 6
    assert again["parsed"] == 0
    assert again["rules"] == first["rules"] == own["rules"]
    assert len(own["rules"]) > 50


def test_a_planted_stylesheet_entry_cannot_run_code(tmp_path: Path, monkeypatch) -> None:
    from fleksjob_tui.wizard.widgets import stylecache

    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FLEKSJOB_CACHE", str(folder))
    cache.forget_folder()
    try:
        entry = {"format": cache.FORMAT, "key": stylecache.NAME, "data": {"k": _Runs()}}
        (folder / f"{stylecache.NAME}.pickle").write_bytes(pickle.dumps(entry))
        assert cache.read(stylecache.NAME, stylecache.NAME, stylecache.styles_only) is None
        assert not (tmp_path / "planted.txt").exists()
    finally:
        cache.forget_folder()
