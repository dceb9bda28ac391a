"""Crash safety, proven: a process saving a case over and over is killed with SIGKILL at random
moments (250 times); after every kill the case file and its backup parse and are byte for byte
one of the versions written — never a mix — and the hidden temporary files a kill leaves behind
are removed by the next save.

The saving process is a separate Python process: a small helper (started once, so the test
stays quick) forks a fresh saver for every round and reports its pid; the test kills that pid.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case

ROUNDS = 250

HELPER = r"""
import os, sys
from pathlib import Path
from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case

path = Path(sys.argv[1])
versions = [storage.loads_case(Path(p).read_text(encoding="utf-8")) for p in sys.argv[2:]]
for line in sys.stdin:
    if line.strip() != "go":
        break
    pid = os.fork()
    if pid == 0:  # the saver: save the versions in turn until killed
        i = int.from_bytes(os.urandom(1), "little")
        while True:
            storage.save_case(versions[i % len(versions)], path, touch=False)
            i += 1
    print(pid, flush=True)
    os.waitpid(pid, 0)
    print("dead", flush=True)
"""

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")


def version(tag: str) -> Case:
    """A case of some size (~7 kB), different in every text from the other versions."""
    case = Case.new(title=f"Version {tag}", role="union_rep")
    data = case.to_toml_dict()
    data["person"] = {"name": f"Åse {tag} Ærø"}
    data["measures"] = [
        {"id": "other", "title": f"{tag}: tiltag {i} æøå", "status": "tried",
         "note": f"Note {tag} " * 40}
        for i in range(30)
    ]
    return Case.model_validate(data)


def _who(name):
    pid = name.split(".")[-2].split("-")[0]
    try:
        return open(f"/proc/{pid}/cmdline").read()
    except OSError:
        return None


def temp_files(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.startswith(".") and n.endswith(".tmp"))


def test_sigkill_during_saves_never_leaves_a_mix(tmp_path):
    folder = tmp_path / "sager"
    folder.mkdir(mode=0o700)
    path = folder / "sag.toml"
    texts = [storage.dumps_case(version(tag)) for tag in ("A", "B", "C")]
    sources = []
    for i, text in enumerate(texts):
        src = tmp_path / f"v{i}.toml"
        src.write_text(text, encoding="utf-8")
        sources.append(str(src))
    allowed = {t.encode("utf-8") for t in texts}
    assert len(allowed) == 3
    storage.save_case(storage.loads_case(texts[0]), path, touch=False)

    helper = subprocess.Popen(
        [sys.executable, "-c", HELPER, str(path), *sources],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
    )
    rng = random.Random(6)
    killed_mid_write = 0
    seen = set()
    try:
        for _ in range(ROUNDS):
            helper.stdin.write("go\n")
            helper.stdin.flush()
            pid = int(helper.stdout.readline())
            time.sleep(rng.uniform(0.0, 0.03))
            os.kill(pid, signal.SIGKILL)
            assert helper.stdout.readline().strip() == "dead"

            data = path.read_bytes()
            assert data in allowed, "the case file is not one of the versions written"
            seen.add(data)
            storage.load_case(path)  # parses and validates
            bak = storage.backup_path(path)
            if bak.exists():
                assert bak.read_bytes() in allowed, "the backup is not one of the versions"
                storage.load_case(bak)
                assert (bak.stat().st_mode & 0o777) == 0o600
            assert (path.stat().st_mode & 0o777) == 0o600
            left = temp_files(folder)
            # A kill leaves at most the temporary file of the case and of its backup; the next
            # saver's first save removes them, so they never pile up.
            assert len(left) <= 2, left
            killed_mid_write += bool(left)
            assert [n for n in os.listdir(folder) if not n.startswith(".")] in (
                ["sag.toml"], ["sag.toml", "sag.toml.bak"], ["sag.toml.bak", "sag.toml"])
    finally:
        helper.stdin.close()
        helper.wait(timeout=10)

    assert len(seen) >= 2, "the saver never got to write a second version"
    assert killed_mid_write > 0, "no kill hit a save half-way: the test proved nothing"
    # The next save (here, in this process) removes what the last kill left.
    storage.save_case(storage.loads_case(texts[1]), path, touch=False)
    assert temp_files(folder) == [], (os.getpid(), helper.pid, [(n, _who(n)) for n in temp_files(folder)])
    assert path.read_bytes() == texts[1].encode("utf-8")


def test_list_cases_ignores_temporary_and_backup_files(tmp_path):
    path = tmp_path / "sag.toml"
    storage.save_case(version("A"), path)
    storage.save_case(version("B"), path)
    (tmp_path / ".sag.toml.999999-0123456789ab.tmp").write_text("schema_version = 1\n[oops")
    assert sorted(os.listdir(tmp_path))[-2:] == ["sag.toml", "sag.toml.bak"]
    entries = storage.list_cases(tmp_path)
    assert [e.path.name for e in entries] == ["sag.toml"]


def test_stale_temp_of_a_dead_process_is_removed_but_not_of_a_live_one(tmp_path):
    path = tmp_path / "sag.toml"
    storage.save_case(version("A"), path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".sag.toml.{dead.pid}-0123456789ab.tmp"
    live = tmp_path / f".sag.toml.{os.getppid()}-0123456789ab.tmp"
    other = tmp_path / ".andet.toml.1-0123456789ab.tmp"
    for p in (stale, live, other):
        p.write_text("half")
    storage.save_case(version("B"), path)
    assert not stale.exists()
    assert live.exists()  # a live process may still be writing it
    assert other.exists()  # another case's file: not ours to remove
