"""Shared helpers for the tests of ``fleksjob serve`` (test_serve.py, test_no_network.py): run
the real command in a child process, read the address it prints, talk to it over loopback."""

from __future__ import annotations

import contextlib
import os
import re
import select
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case

ROOT = Path(__file__).resolve().parent.parent
URL = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]+)")
ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


class Served:
    """A running ``fleksjob serve``: ``url``, ``port``, ``token``, ``origin``, ``proc``; ``line``
    is what it printed before the address, ``url_line`` the address's own line."""

    def __init__(self, proc: subprocess.Popen, line: str, url_line: str) -> None:
        m = URL.fullmatch(url_line.rstrip("\n"))
        assert m, f"no address alone on the line {url_line!r} (after {line!r})"
        self.proc = proc
        self.line = line
        self.url_line = url_line
        self.url = m.group(0)
        self.port = int(m.group(1))
        self.token = m.group(2)
        self.origin = f"http://127.0.0.1:{self.port}"

    def stop(self, timeout: float = 30) -> int:
        """Ctrl+C, as in the terminal; the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout=timeout)


@contextlib.contextmanager
def serving(home: Path, *args: str, lang: str | None = None, env: dict | None = None):
    env = {**os.environ, **(env or {}), "FLEKSJOB_HOME": str(home), "FLEKSJOB_NO_BLINK": "1"}
    argv = [sys.executable, "-m", "fleksjob_tui"] + (["--lang", lang] if lang else [])
    proc = subprocess.Popen(argv + ["serve", "--no-browser", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        assert ready, "fleksjob serve printed no address within 30 s"
        served = Served(proc, proc.stdout.readline(), proc.stdout.readline())
        yield served
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def new_case(home: Path, title: str = "Skærmen på væggen") -> Path:
    path = home / "sag.toml"
    storage.save_case(Case.new(title=title, role="employee"), path)
    return path


def screen_text(chunks: list[bytes]) -> str:
    """What the wizard wrote to the terminal, without the escape codes."""
    return ANSI.sub("", b"".join(chunks).decode("utf-8", "replace"))


def wait_for(predicate, timeout: float = 20, what: str = "condition", sleep=time.sleep):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def read_until(conn, chunks: list[bytes], text: str, timeout: float = 30) -> None:
    """Read the wizard's output from a WebSocket (aiohttp) until ``text`` is on the screen."""
    import aiohttp

    deadline = time.monotonic() + timeout
    while text not in screen_text(chunks):
        assert time.monotonic() < deadline, f"{text!r} not seen: {screen_text(chunks)[-400:]!r}"
        message = await conn.receive(timeout=timeout)
        if message.type == aiohttp.WSMsgType.BINARY:
            chunks.append(message.data)
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                              aiohttp.WSMsgType.ERROR):
            raise AssertionError(f"the connection closed before {text!r} was seen")
