"""Take docs/serve.png: `fleksjob serve` on a copy of an example case, in headless Chromium.

    .venv/bin/python scripts/serve_screenshot.py [CASE.toml] [OUT.png] [--step N]

Needs Debian's chromium and Playwright for Python (the test extra); Playwright drives the system
Chromium and downloads nothing. The case is copied to a temporary folder first, so the example
in the repository is never opened for writing. F3 (the step list) and Enter jump to step N (1-9).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("case", nargs="?", default=str(ROOT / "examples" / "mangler-dokumentation.toml"))
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "serve.png"))
    parser.add_argument("--step", type=int, default=3)
    parser.add_argument("--size", default="1280x720")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    home = Path(tempfile.mkdtemp(prefix="fleksjob-shot-"))
    case = home / Path(args.case).name
    shutil.copy(args.case, case)
    env = {**os.environ, "FLEKSJOB_HOME": str(home), "FLEKSJOB_NO_BLINK": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "fleksjob_tui", "serve", "--no-browser",
                             str(case)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        proc.stdout.readline()  # "Guiden kører i browseren på denne adresse:"
        url = re.search(r"http://\S+", proc.stdout.readline()).group(0)
        width, height = (int(n) for n in args.size.split("x"))
        with sync_playwright() as pw:
            profile = tempfile.mkdtemp(prefix="fleksjob-chromium-")
            context = pw.chromium.launch_persistent_context(
                profile, executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                headless=True, args=FLAGS, viewport={"width": width, "height": height})
            page = context.new_page()
            page.goto(url)
            page.locator("body.-first-byte").wait_for(state="attached", timeout=30_000)
            page.wait_for_timeout(1500)
            page.focus(".xterm-helper-textarea")
            page.keyboard.press("F3")  # the step list (Ctrl+L in the terminal)
            page.wait_for_timeout(300)
            page.keyboard.press("Home")
            for _ in range(args.step - 1):
                page.keyboard.press("ArrowDown")
                page.wait_for_timeout(100)
            page.keyboard.press("Enter")
            page.wait_for_timeout(1500)
            page.screenshot(path=args.out)
            context.close()
            shutil.rmtree(profile, ignore_errors=True)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        shutil.rmtree(home, ignore_errors=True)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
