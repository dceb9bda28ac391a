"""``fleksjob serve``: the wizard in the browser of this computer, reachable from nowhere else.

Every test runs the real command (``python -m fleksjob_tui serve --no-browser``) in a child
process with its own FLEKSJOB_HOME, reads the address it prints, and talks to it over loopback
only. The browser test drives Debian's Chromium with Playwright (never a downloaded browser).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from serve_helpers import get, new_case, read_until, screen_text, serving, wait_for

from fleksjob_tui import cli
from fleksjob_tui.case import locking, storage

CHROMIUM = os.environ.get("FLEKSJOB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def wizard_processes(case: Path) -> list[int]:
    """Processes still running the wizard on ``case`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if str(case).encode() in args and b"open" in args:
            found.append(int(entry.name))
    return found


# ── the command line ─────────────────────────────────────────────────────────────────────────
def test_serve_help_in_both_languages(capsys):
    with pytest.raises(SystemExit):
        cli.main(["serve", "--help"])
    da = capsys.readouterr().out
    assert "--no-browser" in da and "browseren på denne computer" in da
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "serve", "--help"])
    assert "the browser on this computer" in capsys.readouterr().out


@pytest.mark.parametrize("lang", [[], ["--lang", "en"]])
def test_a_bad_case_file_stops_before_anything_listens(tmp_path, capsys, lang):
    (tmp_path / "tom.toml").write_text("", encoding="utf-8")
    for name in ("findes-ikke.toml", "tom.toml"):
        assert cli.main([*lang, "serve", str(tmp_path / name), "--no-browser"]) == 2
        assert capsys.readouterr().err.strip()


def test_a_port_in_use_is_a_clear_message(tmp_path, capsys):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        port = taken.getsockname()[1]
        assert cli.main(["serve", "--port", str(port), "--no-browser"]) == 2
        assert f"Port {port}" in capsys.readouterr().err
    finally:
        taken.close()
    assert cli.main(["serve", "--port", "70000", "--no-browser"]) == 2
    assert "65535" in capsys.readouterr().err


def test_the_command_line_imports_no_server():
    code = ("import sys, fleksjob_tui.cli as c; c.build_parser(); "
            "bad = [m for m in ('aiohttp', 'textual_serve', 'textual', 'fleksjob_tui.web.server') "
            "if m in sys.modules]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    code = "import sys, fleksjob_tui.web.server; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# ── the key, the Host, the Origin, loopback ──────────────────────────────────────────────────
def test_every_request_needs_the_key(tmp_path):
    with serving(tmp_path) as s:
        assert s.line == "Guiden kører i browseren på denne adresse:\n"
        # The address on a line of its own (copied whole, never wrapped in an 80-column terminal).
        assert s.url_line == s.url + "\n" and len(s.url) < 80
        base = s.origin
        for path in ["/", "/?token=", "/?token=" + s.token[:-1] + "x", "/static/xterm.css",
                     "/static/textual.js", "/static/fonts/roboto-mono-latin-wght-normal.woff2",
                     "/ws/nope", "/status", "/favicon.ico", "/download/x", "/../etc/passwd"]:
            status, body = get(base + path)
            if urlsplit(path).path == "/":  # the page: a tab from an earlier run is told why
                assert status == 403 and "Denne side hører til en guide" in body, path
                assert s.token not in body and s.token[:-1] not in body
                continue
            assert (status, body) == (403, "403 Forbidden"), path
        # The key, but another name for the server (DNS rebinding): refused too.
        assert get(s.url, {"Host": f"fleksjob.example:{s.port}"})[0] == 403

        status, page = get(s.url)
        assert status == 200
        assert "<title>Fleksjob – guide til fastholdelsesfleksjob</title>" in page
        assert '<html lang="da">' in page
        # Every address on the page is this server's, with the key; nothing from elsewhere.
        hosts = {urlsplit(u).netloc for u in re.findall(r"(?:https?|wss?)://[^\s\"')]+", page)}
        assert hosts == {f"127.0.0.1:{s.port}"}, hosts
        assert "googleapis" not in page and "@import" not in page
        for ref in re.findall(r'(?:src|href)="(http[^"]+)"', page):
            assert f"token={s.token}" in ref, ref
            assert get(ref)[0] == 200, ref
        fonts = re.findall(r'url\("([^"]+)"\)', page)
        assert fonts and all(get(f)[0] == 200 for f in fonts)
        assert get(f"{base}/static/fonts/OFL.txt?token={s.token}")[0] == 200
        assert 'data-font-size="22"' in get(s.url + "&fontsize=22")[1]  # for the wall screen
        assert 'data-font-size="64"' in get(s.url + "&fontsize=9999")[1]
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy
        with opener.open(s.url, timeout=10) as response:
            csp = response.headers["Content-Security-Policy"]
            assert response.headers["Cache-Control"] == "no-store"
            assert response.headers["Referrer-Policy"] == "no-referrer"
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert f"connect-src 'self' ws://127.0.0.1:{s.port}" in csp
        assert get(f"{base}/static/fonts/?token={s.token}")[0] in (403, 404)  # no listing
        assert s.stop() == 0


def test_the_page_title_in_english(tmp_path):
    with serving(tmp_path, lang="en") as s:
        assert s.line == "The wizard is running in the browser at this address:\n"
        status, page = get(s.url)
        assert status == 200
        assert "<title>Fleksjob – a guide to the retention flex job</title>" in page
        assert '<html lang="en">' in page


def _listening_sockets(pid: int) -> list[tuple[str, str]]:
    """(table, local address) of the TCP sockets ``pid`` listens on, from /proc."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    found = []
    for table in ("tcp", "tcp6"):
        with contextlib.suppress(FileNotFoundError):
            for row in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
                cols = row.split()
                if cols[3] == "0A" and cols[9] in inodes:  # 0A: LISTEN
                    found.append((table, cols[1]))
    return found


def test_listens_on_loopback_only(tmp_path):
    with serving(tmp_path) as s:
        listening = _listening_sockets(s.proc.pid)
        assert listening == [("tcp", f"0100007F:{s.port:04X}")], listening  # 127.0.0.1 only


async def test_websocket_refuses_a_foreign_origin(tmp_path):
    import aiohttp

    with serving(tmp_path) as s:
        ws = f"ws://127.0.0.1:{s.port}/ws/{s.token}?width=80&height=24"
        async with aiohttp.ClientSession() as session:
            for headers, url in [
                ({"Origin": "http://evil.example"}, ws),
                ({"Origin": "http://127.0.0.1:1"}, ws),  # another local port is another page
                ({"Origin": "null"}, ws),
                ({}, ws),
                ({"Origin": s.origin}, ws.replace(s.token, "x" * len(s.token))),
            ]:
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    async with session.ws_connect(url, headers=headers):
                        pass
                assert refused.value.status == 403, headers
            # The page's own address is let in, and the wizard starts behind it.
            async with session.ws_connect(ws, headers={"Origin": s.origin}) as conn:
                message = await conn.receive(timeout=30)
                assert message.type == aiohttp.WSMsgType.BINARY
        assert s.stop() == 0


async def test_ctrl_c_stops_the_wizard_saves_and_removes_the_lock(tmp_path):
    """SIGINT while a window has the case open: the wizard saves what was typed a moment ago
    (keys sent as a browser sends them, and Ctrl+C within a second, before the autosave and
    before the letters are even shown), its process ends, the lock is gone, the server exits 0."""
    import asyncio

    import aiohttp

    case = new_case(tmp_path)
    with serving(tmp_path, str(case)) as s:
        ws = f"ws://127.0.0.1:{s.port}/ws/{s.token}?width=100&height=30"
        chunks: list[bytes] = []
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(ws, headers={"Origin": s.origin}) as conn:
                await read_until(conn, chunks, "Navn eller initialer")
                assert locking.read_lock(case) is not None  # the wizard holds the case
                pid = locking.read_lock(case).pid
                await conn.send_json(["stdin", "Ctrl-C Åse"])
                await read_until(conn, chunks, "Ctrl-C Åse")  # typed into the name field
                for key in " X":  # one message a key, as the page sends them
                    await conn.send_json(["stdin", key])
                    await asyncio.sleep(0.02)
                await asyncio.sleep(0.3)
                s.proc.send_signal(signal.SIGINT)  # Ctrl+C in the terminal, within ~1 s
                assert s.proc.wait(timeout=30) == 0
        err = s.proc.stderr.read()
    assert "Stoppet." in err
    assert locking.read_lock(case) is None
    assert not locking.pid_alive(pid)
    assert not wizard_processes(case)
    assert storage.load_case(case).person.name == "Ctrl-C Åse X"


def test_keys_sent_just_before_the_quit_are_saved(tmp_path):
    """The wizard's own side (serve_driver): the last keys and the server's "quit" in one write
    to its input, the worst case of Ctrl+C right after typing. The keys reach the field first,
    and the case is saved with them."""
    import json
    import threading
    import time

    from serve_helpers import ROOT, screen_text

    def packet(kind: bytes, payload: bytes) -> bytes:
        return kind + len(payload).to_bytes(4, "big") + payload

    case = new_case(tmp_path)
    env = {**os.environ, "FLEKSJOB_HOME": str(tmp_path), "FLEKSJOB_NO_BLINK": "1",
           "FLEKSJOB_PLAIN": "0", "TEXTUAL_DRIVER": "fleksjob_tui.web.driver:ServeDriver",
           "COLUMNS": "100", "ROWS": "30"}
    proc = subprocess.Popen([sys.executable, "-m", "fleksjob_tui", "open", str(case)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    chunks: list[bytes] = []

    def read() -> None:
        out = proc.stdout
        out.readline()  # __GANGLION__
        while kind := out.read(1):
            data = out.read(int.from_bytes(out.read(4), "big"))
            if kind == b"D":
                chunks.append(data)

    threading.Thread(target=read, daemon=True).start()
    try:
        wait_for(lambda: "Navn eller initialer" in screen_text(chunks), 60, "the wizard")
        time.sleep(0.2)
        proc.stdin.write(packet(b"D", "Sidste Ø".encode()) + packet(b"M", json.dumps(
            {"type": "quit"}).encode()))
        proc.stdin.flush()
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert storage.load_case(case).person.name == "Sidste Ø"
    assert locking.read_lock(case) is None


async def test_a_reloaded_window_gets_the_case_back_not_the_lock(tmp_path):
    """Reloading the page closes its connection and opens a new one at once: the wizard it left
    saves and lets go of the case first, so the new one opens it for writing."""
    import aiohttp

    case = new_case(tmp_path)
    with serving(tmp_path, str(case)) as s:
        ws = f"ws://127.0.0.1:{s.port}/ws/{s.token}?width=100&height=30"
        async with aiohttp.ClientSession() as session:
            conn = await session.ws_connect(ws, headers={"Origin": s.origin})
            await read_until(conn, [], "Navn eller initialer")
            await conn.send_json(["stdin", "Før"])
            await read_until(conn, [], "Før")
            await conn.close()
            chunks: list[bytes] = []
            async with session.ws_connect(ws, headers={"Origin": s.origin}) as again:
                await read_until(again, chunks, "Navn eller initialer")
                assert "Sagen er åben et andet sted" not in screen_text(chunks)
                assert locking.read_lock(case) is not None
        assert s.stop() == 0
    assert storage.load_case(case).person.name == "Før"
    assert locking.read_lock(case) is None


async def test_a_killed_server_still_lets_the_wizard_save_and_let_go(tmp_path):
    """SIGKILL gives the server no chance to stop the wizard: the kernel tells the wizard
    (SIGTERM), and it saves and removes the lock by itself."""
    import aiohttp

    case = new_case(tmp_path)
    with serving(tmp_path, str(case)) as s:
        ws = f"ws://127.0.0.1:{s.port}/ws/{s.token}?width=100&height=30"
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(ws, headers={"Origin": s.origin}) as conn:
                chunks: list[bytes] = []
                await read_until(conn, chunks, "Navn eller initialer")
                pid = locking.read_lock(case).pid
                await conn.send_json(["stdin", "Dræbt"])
                await read_until(conn, chunks, "Dræbt")
                s.proc.kill()
                s.proc.wait(timeout=10)
    wait_for(lambda: not locking.pid_alive(pid), 20, "the wizard to end")
    assert locking.read_lock(case) is None
    assert storage.load_case(case).person.name == "Dræbt"


def test_a_request_without_host_is_refused(tmp_path):
    with serving(tmp_path) as s:
        with socket.create_connection(("127.0.0.1", s.port), timeout=10) as conn:
            conn.sendall(f"GET /?token={s.token} HTTP/1.0\r\n\r\n".encode())
            answer = b""
            while chunk := conn.recv(4096):
                answer += chunk
        assert answer.startswith(b"HTTP/1.0 403") or answer.startswith(b"HTTP/1.1 403"), answer
        assert answer.endswith(b"403 Forbidden")


# ── a real browser ───────────────────────────────────────────────────────────────────────────
@pytest.fixture
def chromium():
    """Debian's Chromium through Playwright (which never downloads a browser here)."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (pip install -e '.[test]')")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as pw:
        profile = tempfile.mkdtemp(prefix="fleksjob-chromium-")
        try:
            context = pw.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS,
                viewport={"width": 1100, "height": 640}, locale="da-DK")
        except Error as err:
            shutil.rmtree(profile, ignore_errors=True)
            pytest.skip(f"Chromium cannot start here: {str(err).splitlines()[0]}")
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


class Window:
    """A browser tab on the served wizard, with what the wizard wrote to it."""

    def __init__(self, context, url: str, requests: list[str]) -> None:
        self.chunks: list[bytes] = []
        self.requests = requests
        self.problems: list[str] = []
        self.page = context.new_page()
        self.page.on("websocket", self._socket)
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.goto(url)
        # (locators, not wait_for_function: the page's CSP forbids evaluating strings)
        self.page.locator("body.-first-byte").wait_for(state="attached", timeout=30_000)
        self.page.focus(".xterm-helper-textarea")

    def _socket(self, ws) -> None:
        self.requests.append(ws.url)
        ws.on("framereceived", lambda payload: isinstance(payload, bytes)
              and self.chunks.append(payload))

    def text(self) -> str:
        return screen_text(self.chunks)

    def pause(self, seconds: float) -> None:
        """Wait, letting Playwright deliver the frames received meanwhile (a plain sleep in
        its sync API would not)."""
        self.page.wait_for_timeout(seconds * 1000)

    def wait_for_text(self, text: str, timeout: float = 30) -> None:
        wait_for(lambda: text in self.text(), timeout, f"{text!r} on the screen", self.pause)

    def wait_for(self, predicate, what: str, timeout: float = 20):
        return wait_for(predicate, timeout, what, self.pause)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            self.pause(0.15)


def test_in_a_real_browser(chromium, tmp_path):
    """Open the printed address, see the start screen, start a case, answer with the keyboard:
    the case file on disk changes. A second tab is told the case is open elsewhere. No request
    goes to any host but 127.0.0.1."""
    requests: list[str] = []
    chromium.on("request", lambda r: requests.append(r.url))
    outside: list[str] = []

    def only_here(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    chromium.route("**/*", only_here)

    with serving(tmp_path) as s:
        first = Window(chromium, s.url, requests)
        assert first.page.title() == "Fleksjob – guide til fastholdelsesfleksjob"
        first.wait_for_text("Start en ny sag")  # the start screen
        first.keys("Enter")  # "Start en ny sag"
        first.wait_for_text("Hvem udfylder sagen?")
        first.keys("Enter")  # "Jeg er medarbejderen"
        first.wait_for_text("Navn eller initialer")
        case = first.wait_for(lambda: storage.list_cases(tmp_path), "the new case file")[0]
        path = Path(case.path)
        before = path.read_bytes()
        first.page.keyboard.type("Åse på skærmen", delay=20)
        first.wait_for(lambda: path.read_bytes() != before
                       and storage.load_case(path).person.name == "Åse på skærmen",
                       "the answer saved in the case file")
        assert locking.read_lock(path) is not None

        # A second tab: its own wizard, and the case's lock applies as in the terminal.
        second = Window(chromium, s.url, requests)
        second.wait_for_text("Åse på skærmen")  # the start screen lists the case
        second.keys("Enter")  # the case the cursor stands on
        second.wait_for_text("Sagen er åben et andet sted")
        second.wait_for_text("browserfane")  # in words a person knows, and no process number
        assert "proces" not in second.text()
        second.page.screenshot(path=str(tmp_path / "locked.png"))
        assert storage.load_case(path).person.name == "Åse på skærmen"

        # The last letters, and Ctrl+C in the server's terminal within a second: saved.
        first.page.keyboard.type(" X", delay=20)
        first.pause(0.5)
        assert s.stop() == 0
        first.page.locator("body.-closed").wait_for(state="attached", timeout=10_000)
        # The server has gone: the page says so plainly and offers no "start again".
        first.page.locator("body.-server-stopped").wait_for(state="attached", timeout=10_000)
        assert first.page.get_by_text("fleksjob serve er stoppet.").is_visible()
        assert not first.page.locator("#restart").is_visible()
        assert not first.page.get_by_text("Start guiden igen").is_visible()
    assert storage.load_case(path).person.name == "Åse på skærmen X"
    assert locking.read_lock(path) is None
    assert outside == []
    hosts = {urlsplit(u).hostname for u in requests}
    assert hosts == {"127.0.0.1"}, requests
    assert any(u.startswith(f"ws://127.0.0.1:{s.port}/ws/") for u in requests)
    assert not first.problems, first.problems
    assert not second.problems, second.problems


def test_the_browser_keys(chromium, tmp_path):
    """A desktop browser keeps Ctrl+N (new window) and, in Firefox, Ctrl+Q for itself: in the
    browser the footer shows keys that reach the page — PgDn / PgUp, F3, F10 — and they work.
    The header's icon (a sign no font of the page has) is not drawn. When the wizard is closed
    while the server runs, the page offers to start it again."""
    case = new_case(tmp_path)
    with serving(tmp_path, str(case)) as s:
        window = Window(chromium, s.url, [])
        window.wait_for_text("Navn eller initialer")
        footer = window.text()
        for shown in ("PgDn", "PgUp", "F3", "F10"):
            assert shown in footer, shown
        assert "^n" not in footer and "^q" not in footer
        assert "\u2b58" not in footer  # the header icon's sign is not sent at all
        window.chunks.clear()
        window.keys("PageDown")
        window.wait_for_text("2 · Ansættelsen")  # PgDn: the next step
        window.chunks.clear()
        window.keys("PageUp")
        window.wait_for_text("1 · Personen")  # PgUp: the step before
        window.chunks.clear()
        window.keys("F3")  # the step list has the cursor: Down and Enter open step 2
        window.keys("ArrowDown", "Enter")
        window.wait_for_text("2 · Ansættelsen")
        window.keys("F10")  # quit in the browser
        window.page.locator("body.-can-restart").wait_for(state="attached", timeout=20_000)
        assert window.page.locator("#restart").is_visible()
        assert not window.page.get_by_text("fleksjob serve er stoppet.").is_visible()
        assert locking.read_lock(case) is None
        window.page.locator("#restart").click()
        window.page.locator("body.-first-byte").wait_for(state="attached", timeout=30_000)
        assert not window.problems, window.problems
        assert s.stop() == 0
