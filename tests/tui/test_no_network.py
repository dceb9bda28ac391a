"""The product opens no network connection: with every socket that could leave the machine made
to fail, the whole wizard (every step, help, save, export) and every command still work.

Unix-domain sockets stay allowed: asyncio's event loop talks to itself through a socketpair,
and those cannot leave the computer.

The one exception is ``fleksjob serve``: it listens on 127.0.0.1 and nothing else, and the
wizard it starts for the browser opens no socket at all (the last test).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from wizard_helpers import AS_OF, keys

from fleksjob_tui import cli
from fleksjob_tui.case import storage
from fleksjob_tui.case.model import STEP_IDS, Case
from fleksjob_tui.wizard.app import FleksjobApp

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

attempts: list[str] = []


class NoNetwork(OSError):
    pass


def _refuse(what):
    def refuse(*args, **kwargs):
        attempts.append(f"{what}{args!r}")
        raise NoNetwork(f"network use is forbidden in this test: {what}")
    return refuse


@pytest.fixture
def no_network(monkeypatch):
    real_socket = socket.socket

    class LocalOnlySocket(real_socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            fam = socket.AF_INET if family == -1 and fileno is None else family
            if fileno is None and fam != socket.AF_UNIX:
                attempts.append(f"socket({family}, {type})")
                raise NoNetwork("network sockets are forbidden in this test")
            super().__init__(family, type, proto, fileno)

    attempts.clear()
    monkeypatch.setattr(socket, "socket", LocalOnlySocket)
    for name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname",
                 "gethostbyname_ex", "getfqdn"):
        monkeypatch.setattr(socket, name, _refuse(name))
    yield attempts
    assert attempts == [], attempts


def test_the_guard_really_blocks(no_network):
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 80))
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    a, b = socket.socketpair()  # local, allowed
    a.close()
    b.close()
    attempts.clear()


async def test_whole_wizard_without_network(no_network, tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    case = storage.load_case(EXAMPLES / "selvstaendig.toml")  # self-employed: all nine steps
    case.case.last_step = None
    path = tmp_path / "sag.toml"
    storage.save_case(case, path)
    app = FleksjobApp(path, as_of=AS_OF)
    seen = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(len(STEP_IDS) + 1):
            seen.append(app.screen.step)
            await keys(pilot, "f1")  # help on the question in focus
            await keys(pilot, "escape")
            await keys(pilot, "ctrl+n")
        app.case.person.name = "Åse uden net"
        app.case_changed()
        assert app.save()
        await keys(pilot, "ctrl+q")
    assert set(STEP_IDS) <= set(seen)
    assert storage.load_case(path).person.name == "Åse uden net"


async def test_start_screen_new_case_without_network(no_network, tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    app = FleksjobApp(as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "enter")  # "Ny sag"
        await keys(pilot, "enter")  # first role
        assert app.case is not None and app.path is not None
        await keys(pilot, "ctrl+q")
    assert storage.list_cases(tmp_path)


@pytest.mark.parametrize("argv", [
    ["check", "{klar}"],
    ["check", "{klar}", "--json"],
    ["--lang", "en", "check", "{mangler}"],
    ["summary", "{klar}"],
    ["export", "{klar}", "-o", "{out}/pakke.html"],
    ["export", "{klar}", "--format", "md", "-o", "{out}/pakke.md"],
    ["tilskud", "--hourly", "200", "--hours", "18", "--year", "2024"],
    ["tilskud", "--business-income", "300000", "--year", "2024"],
    ["restore", "{case}"],
    ["check", "{out}/findes-ikke.toml"],
])
def test_every_command_without_network(no_network, tmp_path, monkeypatch, capsys, argv):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    case = tmp_path / "sag.toml"
    storage.save_case(Case.new(title="A"), case)
    storage.save_case(Case.new(title="B"), case)
    fill = {"klar": EXAMPLES / "klar.toml", "mangler": EXAMPLES / "mangler-dokumentation.toml",
            "out": tmp_path, "case": case}
    args = [a.format(**fill) for a in argv]
    if args[0] not in cli.COMMANDS and args[0] != "--lang":
        pytest.skip(f"no '{args[0]}' command in this version")
    code = cli.main(args)
    assert code in (0, 1, 2)
    if "findes-ikke" not in args[-1]:
        assert code in (0, 1), capsys.readouterr().err


@pytest.mark.parametrize("command", ["open", "new"])
def test_tui_commands_without_network(no_network, tmp_path, monkeypatch, command):
    """`fleksjob open` / `fleksjob new` start the real app (headless, stopped after its first
    paint) from the command line's own entry point."""
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    monkeypatch.setenv("FLEKSJOB_BENCH_EXIT_AFTER_PAINT", "1")
    path = tmp_path / "sag.toml"
    if command == "open":
        storage.save_case(Case.new(title="Åben", role="employee"), path)
    real_run = FleksjobApp.run
    ran = []

    def headless_run(self, *a, **k):
        ran.append(self)
        if command == "new":  # the role window waits for a choice: stop after it is shown
            self.call_later(lambda: self.set_timer(0.3, self.exit))
        return real_run(self, headless=True, size=(80, 24))

    monkeypatch.setattr(FleksjobApp, "run", headless_run)
    assert cli.main([command, str(path)]) == 0
    assert ran


SITE_GUARD = r"""
import socket, sys
def refuse(*a, **k):
    raise OSError("network use is forbidden")
_real = socket.socket
class Local(_real):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and family != socket.AF_UNIX:
            raise OSError("network sockets are forbidden")
        super().__init__(family, type, proto, fileno)
socket.socket = Local
socket.create_connection = socket.getaddrinfo = refuse
from fleksjob_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_command_in_a_fresh_process_without_network(tmp_path):
    env = {**os.environ, "FLEKSJOB_HOME": str(tmp_path)}
    r = subprocess.run([sys.executable, "-c", SITE_GUARD, "check", str(EXAMPLES / "klar.toml"),
                        "--json"], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    assert '"status"' in r.stdout


# ── the one exception: fleksjob serve, on loopback only ─────────────────────────────────────
#: Put in front of every Python process of a `fleksjob serve` run (through PYTHONPATH): the
#: server may use IPv4 sockets on 127.0.0.0/8 only; any other process (the wizard it starts for
#: the browser) may use none. Every attempt is written to FLEKSJOB_NET_LOG and refused.
LOOPBACK_GUARD = r"""
import os, socket, sys

_log = os.environ["FLEKSJOB_NET_LOG"]
_real = socket.socket
_real_getaddrinfo = socket.getaddrinfo
with open(_log + ".active", "a") as f:
    f.write(f"{os.getpid()}\n")


def _serving():
    return "serve" in sys.argv[1:2]


def _loopback(address):
    host = address[0] if isinstance(address, tuple) else address
    return isinstance(host, str) and host.startswith("127.")


def _refuse(what):
    with open(_log, "a") as f:
        f.write(f"{os.getpid()} {sys.argv!r}: {what}\n")
    raise OSError(f"network use is forbidden: {what}")


class Guarded(_real):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        fam = socket.AF_INET if family == -1 and fileno is None else family
        if fileno is None and fam != socket.AF_UNIX and not (fam == socket.AF_INET
                                                             and _serving()):
            _refuse(f"socket({family}, {type})")
        super().__init__(family, type, proto, fileno)

    def _check(self, what, address):
        if self.family != socket.AF_UNIX and not (_serving() and _loopback(address)):
            _refuse(f"{what}({address!r})")

    def bind(self, address):
        self._check("bind", address)
        return super().bind(address)

    def connect(self, address):
        self._check("connect", address)
        return super().connect(address)

    def connect_ex(self, address):
        self._check("connect_ex", address)
        return super().connect_ex(address)

    def listen(self, *args):
        if self.family != socket.AF_UNIX:
            self._check("listen", self.getsockname())  # never an unbound socket (0.0.0.0)
        return super().listen(*args)

    def sendto(self, data, *args):
        self._check("sendto", args[-1])
        return super().sendto(data, *args)


def _getaddrinfo(host, *args, **kwargs):
    if not (_serving() and _loopback(host)):
        _refuse(f"getaddrinfo({host!r})")
    return _real_getaddrinfo(host, *args, **kwargs)


def _no(name):
    def refuse(*args, **kwargs):
        _refuse(f"{name}{args!r}")
    return refuse


socket.socket = Guarded
socket.getaddrinfo = _getaddrinfo
for _name in ("create_connection", "gethostbyname", "gethostbyname_ex", "getfqdn"):
    setattr(socket, _name, _no(_name))
"""


async def test_serve_uses_loopback_only_and_its_wizard_no_socket(tmp_path):
    """A whole `fleksjob serve` session — the server, the wizard it starts for the browser, an
    answer typed, Ctrl+C — with every socket but one on 127.0.0.1 refused."""
    import aiohttp
    from serve_helpers import new_case, read_until, serving

    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(LOOPBACK_GUARD, encoding="utf-8")
    log = tmp_path / "net.log"
    env = {"PYTHONPATH": os.pathsep.join([str(guard), os.environ.get("PYTHONPATH", "")]),
           "FLEKSJOB_NET_LOG": str(log)}
    case = new_case(tmp_path)
    with serving(tmp_path, str(case), env=env) as s:
        chunks: list[bytes] = []
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"ws://127.0.0.1:{s.port}/ws/{s.token}",
                                          headers={"Origin": s.origin}) as conn:
                await read_until(conn, chunks, "Navn eller initialer")
                await conn.send_json(["stdin", "Uden net"])
                await read_until(conn, chunks, "Uden net")
        assert s.stop() == 0
    assert not log.exists(), log.read_text()
    active = (tmp_path / "net.log.active").read_text().split()
    assert len(set(active)) >= 2  # the guard ran in the server and in the wizard it started
    assert storage.load_case(case).person.name == "Uden net"
