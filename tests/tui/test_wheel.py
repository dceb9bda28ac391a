"""A wheel that carries everything: built from the tree, installed in a fresh virtual environment
(no system site-packages, run outside the source tree), it lists and opens the example cases,
checks one from the command line, and starts the wizard headless with its stylesheet.

Needs the package index for the build backend and the dependencies (pip's cache makes it quick).
Skip it with ``pytest -m "not wheel"`` or ``FLEKSJOB_SKIP_WHEEL=1``; it skips itself when the
wheel or its dependencies cannot be fetched (offline).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.wheel,
    pytest.mark.skipif(bool(os.environ.get("FLEKSJOB_SKIP_WHEEL")), reason="FLEKSJOB_SKIP_WHEEL"),
]

#: Files the program reads at run time, as they sit in the source tree.
DATA = sorted(
    p.relative_to(ROOT).as_posix()
    for p in (ROOT / "fleksjob_tui").rglob("*")
    if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
)


def _run(cmd, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                   str(ROOT)])
    if result.returncode != 0:
        pytest.skip(f"cannot build the wheel here (offline?): {result.stderr[-500:]}")
    (found,) = out.glob("fleksjob_tui-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its bin folder."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    result = _run([str(bin_dir / "python"), "-m", "pip", "install", "-q",
                   "--disable-pip-version-check", str(wheel)])
    if result.returncode != 0:
        pytest.skip(f"cannot install the dependencies here (offline?): {result.stderr[-500:]}")
    return bin_dir


def test_wheel_holds_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert DATA, "no data files found in the tree"
    assert [f for f in DATA if f not in names] == []
    assert any(n.startswith("fleksjob_tui/content/examples/") for n in names)
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["FLEKSJOB_HOME"] = str(tmp_path / "home")
    return env


def test_installed_wheel_opens_the_examples(installed, tmp_path, examples):
    python = str(installed / "python")
    script = (
        "import json, fleksjob_tui, fleksjob_tui.case.examples as ex\n"
        "names = ex.names()\n"
        "cases = {n: ex.load(n).case.title for n in names}\n"
        "print(json.dumps({'file': fleksjob_tui.__file__, 'cases': cases,"
        " 'folder': str(ex.FOLDER)}))\n"
    )
    result = _run([python, "-c", script], cwd=tmp_path, env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert not info["file"].startswith(str(ROOT))  # the installed copy, not the tree
    assert sorted(info["cases"]) == sorted(p.stem for p in examples.glob("*.toml"))
    assert all(info["cases"].values())

    example = Path(info["folder"]) / "klar.toml"
    check = _run([str(installed / "fleksjob"), "--lang", "en", "check", str(example), "--json"],
                 cwd=tmp_path, env=_env(tmp_path))
    assert check.returncode in (0, 1), check.stdout + check.stderr  # a verdict, not a failure
    assert json.loads(check.stdout)


def test_installed_wheel_starts_the_wizard(installed, tmp_path):
    """The app, its stylesheet and the first step load from the installed package."""
    script = (
        "import asyncio\n"
        "from fleksjob_tui.wizard.app import FleksjobApp\n"
        "async def main():\n"
        "    app = FleksjobApp(new=True, lang='en')\n"
        "    async with app.run_test(size=(100, 30)) as pilot:\n"
        "        await pilot.pause()\n"
        "        print(type(app.screen).__name__)\n"
        "asyncio.run(main())\n"
    )
    result = _run([str(installed / "python"), "-c", script], cwd=tmp_path, env=_env(tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip()
