"""``fleksjob serve``: the wizard itself in the web browser of this computer, with textual-serve.

The server (aiohttp, through textual-serve) runs the same wizard as ``fleksjob open`` in a child
process for each browser window and passes the terminal to and from the page. The case holds
health information, so:

* It listens on 127.0.0.1 only, on a free port unless ``--port`` is given.
* Every HTTP request and the WebSocket need the random key printed in the address
  (``http://127.0.0.1:PORT/?token=…``, new each time); without it the answer is 403 and nothing
  else. The ``Host`` must be this server's own loopback address (no DNS rebinding).
* The WebSocket also refuses any ``Origin`` but the address the page was served from, so a page
  open in another tab cannot drive the wizard.
* The page is our own (``web/page.html``) with the font shipped in ``web/fonts``; its
  Content-Security-Policy lets it load nothing from any other host.
* One window drives a case at a time: each window runs its own wizard, and the case's lock applies
  exactly as in the terminal (a second window is told the case is open, and may look read-only).
  A window that is reloaded waits until the wizard it left has saved and let go of the case.
* Ctrl+C (SIGINT) or SIGTERM stops it in order: what the pages sent a moment before still
  reaches their wizards, then each wizard is told to quit (it handles those keys, saves and
  removes its lock, see ``serve_driver.py``), and is terminated or killed only if it does not;
  each page is told the server stopped (WebSocket close code 4000), so it does not offer to start
  the wizard again; then the server closes. Should the
  server itself be killed, each wizard still saves and quits on its own (SIGTERM from the kernel,
  and ``serve_driver.py``, which takes a broken pipe to the server as the signal to quit).
* In the browser the wizard shows keys the browser lets through (PgDn, PgUp, F3, F10 instead of
  Ctrl+N, Ctrl+B, Ctrl+L, Ctrl+Q) and no header icon (``serve_driver.py``).

This module imports aiohttp and textual-serve (not Textual) and is imported only by the
``serve`` command; every other command opens no socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hmac
import html
import logging
import os
import secrets
import shlex
import signal
import socket
import string
import sys
from collections.abc import Callable
from pathlib import Path

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from .. import content

__all__ = ["HOST", "ServeError", "WizardServer", "app_command", "open_socket", "serve"]

HOST = "127.0.0.1"
WEB = Path(__file__).resolve().parent  # page.html and fonts/ sit beside this module
#: textual-serve's own terminal (xterm.js) and its style sheet, served from its package.
TEXTUAL_STATIC = Path(sys.modules[Server.__module__].__file__).resolve().parent / "static"
#: Seconds a wizard gets to save and quit when asked, and again after SIGTERM, before SIGKILL.
QUIT_TIMEOUT = 8.0
#: At most this many browser windows (each a running wizard) at once.
MAX_WINDOWS = 4
#: The WebSocket close code that tells the page the server itself stops (Ctrl+C), so that it
#: does not offer to start the wizard again (web/page.html).
CLOSE_STOPPED = 4000

#: Seconds the server still passes on what the pages sent before Ctrl+C, before it asks the
#: wizards to quit (the last letters typed reach the wizard and are saved).
INPUT_GRACE = 0.25

log = logging.getLogger("fleksjob.serve")


def t(key: str, lang: str, **fmt) -> str:
    """A text of ``content/serve.toml``."""
    return content.text("serve", key, lang, **fmt)


class ServeError(Exception):
    """The server cannot start (port in use, bad port): a message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def app_command(case_path: str | os.PathLike[str] | None, lang: str | None) -> list[str]:
    """The wizard a browser window runs: ``python -m fleksjob_tui [--lang L] [open CASE]``."""
    argv = [sys.executable, "-m", "fleksjob_tui"]
    if lang:
        argv += ["--lang", lang]
    if case_path is not None:
        argv += ["open", str(Path(case_path).expanduser().absolute())]
    return argv


def open_socket(port: int | None) -> socket.socket:
    """A listening TCP socket on 127.0.0.1 only (``port`` ``None``/0: a free one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, port or 0))
        sock.listen(16)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


def _int(text: str | None, default: int, low: int, high: int) -> int:
    try:
        value = int(text) if text is not None else default
    except ValueError:
        return default
    return min(max(value, low), high)


def _end_with_server(server_pid: int) -> None:
    """In the wizard's process before it starts (Linux): should the server die without stopping
    it (killed), the kernel sends it SIGTERM, on which it saves and removes its lock."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes  # only in the wizard's child process, on Linux (PR_SET_PDEATHSIG)

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != server_pid:  # the server died before that: do not start at all
        os.kill(os.getpid(), signal.SIGTERM)


class _Wizard(AppService):
    """One browser window's wizard: a child process in its own session, so that Ctrl+C in the
    terminal reaches only the server, which then stops the wizard in order (:meth:`end`)."""

    def __init__(self, argv: list[str], **kwargs) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = argv

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        # Textual's web driver, made to save and quit should the server die (serve_driver.py).
        environment["TEXTUAL_DRIVER"] = "fleksjob_tui.web.driver:ServeDriver"
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24):
        environment = self._build_environment(width=width, height=height)
        # Its standard streams are pipes to the server, not a terminal: the wizard, never the
        # plain conversation (plain.auto_plain), is what the browser shows.
        environment["FLEKSJOB_PLAIN"] = "0"
        pipe = asyncio.subprocess.PIPE
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=pipe, stdout=pipe, stderr=pipe, env=environment,
            start_new_session=True, preexec_fn=functools.partial(_end_with_server, os.getpid()),
        )
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def end(self, timeout: float = QUIT_TIMEOUT) -> None:
        """Ask the wizard to quit (it saves and removes its lock); terminate, then kill, only
        if it does not. Safe to call more than once."""
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            await self.send_meta({"type": "quit"})
            for stop in (None, process.terminate, process.kill):
                if stop is not None:
                    with contextlib.suppress(ProcessLookupError):
                        stop()
                try:
                    await asyncio.wait_for(process.wait(), timeout)
                    break
                except TimeoutError:
                    continue
        task, self._task = self._task, None
        if task is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(task, timeout)


class WizardServer(Server):
    """textual-serve's server, closed to everything but this computer's browser with the key."""

    def __init__(self, sock: socket.socket, argv: list[str], lang: str = "da") -> None:
        self.sock = sock
        port = sock.getsockname()[1]
        super().__init__(shlex.join(argv), host=HOST, port=port, title=t("page.title", lang),
                         public_url=f"http://{HOST}:{port}", statics_path=WEB,
                         templates_path=WEB)
        self.argv = argv
        self.lang = lang
        self.token = secrets.token_urlsafe(32)
        self.origin = self.public_url
        self.url = f"{self.origin}/?token={self.token}"
        #: The names this server answers to (the Host header): loopback only.
        self.hosts = {f"{HOST}:{port}", f"localhost:{port}"}
        self.windows: set[_Wizard] = set()
        self.sockets: set[web.WebSocketResponse] = set()
        self.ending: set[asyncio.Task] = set()
        self.stopping = False  # Ctrl+C: no new window starts a wizard
        self.page = string.Template((WEB / "page.html").read_text(encoding="utf-8"))

    # ── the guard ────────────────────────────────────────────────────────────────────────────
    def allowed(self, request: web.Request) -> bool:
        """The request carries the key (``?token=`` or ``/ws/KEY``) and names this server."""
        given = request.query.get("token") or request.match_info.get("token") or ""
        key_ok = hmac.compare_digest(given.encode(), self.token.encode())
        return key_ok and _host(request) in self.hosts

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        if not self.allowed(request):
            if request.path == "/" and _host(request) in self.hosts:
                # This server's page with an old key (a tab from an earlier run): say so.
                return _forbidden_page(self.lang)
            return _forbidden()
        response = await handler(request)
        if not response.prepared:  # a WebSocket has sent its headers already
            response.headers["Cache-Control"] = "no-store"
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["X-Frame-Options"] = "DENY"
            response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        return response

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws/{token}", self.handle_websocket, name="websocket"),
            web.get("/status", self.handle_status, name="status"),
            web.get("/static/textual.js", _file(TEXTUAL_STATIC / "js" / "textual.js")),
            web.get("/static/xterm.css", _file(TEXTUAL_STATIC / "css" / "xterm.css")),
            web.static("/static/fonts", WEB / "fonts", show_index=False, follow_symlinks=False),
        ])
        return app

    # ── the page ─────────────────────────────────────────────────────────────────────────────
    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        nonce = secrets.token_urlsafe(16)
        host = _host(request)
        origin = f"http://{host}"
        values = {
            "lang": self.lang,
            "title": t("page.title", self.lang),
            "starting": t("page.starting", self.lang),
            "closed": t("page.closed", self.lang),
            "closed_hint": t("page.closed_hint", self.lang),
            "restart": t("page.restart", self.lang),
            "stopped": t("page.stopped", self.lang),
            "stopped_hint": t("page.stopped_hint", self.lang),
            "status_url": f"{origin}/status?token={self.token}",
            "close_stopped": str(CLOSE_STOPPED),
            "noscript": t("page.noscript", self.lang),
            "static": f"{origin}/static",
            "token": self.token,
            "ws_url": f"ws://{host}/ws/{self.token}",
            # 22 px fitted to the screen by the page, unless ?fontsize= says the size.
            "font_size": str(_int(request.query.get("fontsize"), 22, 8, 64)),
            "font_auto": "0" if request.query.get("fontsize") else "1",
            "nonce": nonce,
        }
        body = self.page.substitute({k: html.escape(v, quote=True) for k, v in values.items()})
        csp = "; ".join([
            "default-src 'none'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",  # xterm.js writes its own <style>
            "font-src 'self'",
            "img-src 'self' data:",
            f"connect-src 'self' ws://{host}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ])
        return web.Response(text=body, content_type="text/html", charset="utf-8",
                            headers={"Content-Security-Policy": csp})

    async def handle_status(self, request: web.Request) -> web.Response:
        """For a page whose wizard has closed: may it start one again? ("stopping" once Ctrl+C
        was pressed; no answer at all once the server is gone.)"""
        return web.Response(text="stopping" if self.stopping else "running")

    # ── the terminal ─────────────────────────────────────────────────────────────────────────
    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        if request.headers.get("Origin") != f"http://{_host(request)}":
            return _forbidden()  # a page from anywhere else (another tab) may not drive it
        if self.stopping or len(self.windows) >= MAX_WINDOWS:
            return web.Response(status=503, text="503 Service Unavailable")
        if self.ending:
            # A window reloaded: the wizard it left saves and lets go of the case first.
            await asyncio.wait(set(self.ending), timeout=QUIT_TIMEOUT)
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        width = _int(request.query.get("width"), 80, 10, 1000)
        height = _int(request.query.get("height"), 24, 5, 1000)
        wizard = _Wizard(self.argv, write_bytes=websocket.send_bytes,
                         write_str=websocket.send_str,
                         close=functools.partial(self.close_socket, websocket),
                         download_manager=self.download_manager)
        self.windows.add(wizard)
        self.sockets.add(websocket)
        try:
            await wizard.start(width, height)
            await self._process_messages(websocket, wizard)
        except Exception as error:  # a broken message or a closed pipe: end this window only
            log.debug("window ended: %r", error)
        finally:
            ending = asyncio.ensure_future(wizard.end())
            self.ending.add(ending)
            ending.add_done_callback(self.ending.discard)
            with contextlib.suppress(Exception):
                await asyncio.shield(ending)
            self.windows.discard(wizard)
            self.sockets.discard(websocket)
            with contextlib.suppress(Exception):
                await self.close_socket(websocket)
        return websocket

    async def close_socket(self, websocket: web.WebSocketResponse) -> None:
        """Close a page's connection, telling it when the server itself stops."""
        if self.stopping:
            await websocket.close(code=CLOSE_STOPPED, message=b"fleksjob serve stopped")
        else:
            await websocket.close()

    async def end_all(self) -> None:
        """Stop every wizard in order (each saves and removes its lock), then close the pages'
        connections."""
        self.stopping = True
        if self.windows:
            await asyncio.sleep(INPUT_GRACE)
        await asyncio.gather(*(w.end() for w in list(self.windows)), return_exceptions=True)
        if self.ending:
            await asyncio.wait(set(self.ending), timeout=QUIT_TIMEOUT)
        for websocket in list(self.sockets):
            with contextlib.suppress(Exception):
                await self.close_socket(websocket)

    async def run(self, on_ready: Callable[[], None] | None = None,
                  stop: asyncio.Event | None = None) -> None:
        """Serve until SIGINT/SIGTERM (or ``stop`` is set), then stop everything in order."""
        app = await self._make_app()
        runner = web.AppRunner(app, access_log=None, handle_signals=False,
                               shutdown_timeout=QUIT_TIMEOUT + 2)
        await runner.setup()
        site = web.SockSite(runner, self.sock)
        await site.start()
        stop = stop or asyncio.Event()
        loop = asyncio.get_running_loop()
        handled = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, stop.set)
                handled.append(sig)
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread
                pass
        try:
            if on_ready is not None:
                on_ready()
            await stop.wait()
            if on_ready is not None:
                print(t("cli.stopping", self.lang), file=sys.stderr, flush=True)
            await self.end_all()
        finally:
            for sig in handled:
                loop.remove_signal_handler(sig)
            await runner.cleanup()


def _host(request: web.Request) -> str:
    """The Host header as sent (``request.host`` would ask the network for this computer's name
    when it is missing)."""
    return request.headers.get("Host", "")


def _forbidden() -> web.Response:
    return web.Response(status=403, text="403 Forbidden")


def _forbidden_page(lang: str) -> web.Response:
    """The page without (the right) key, as a tab left open from an earlier ``fleksjob serve``
    sees it: in words, at the wizard's size, with nothing from this server's key or case."""
    title, text, hint = (html.escape(t(f"page.{key}", lang))
                         for key in ("title", "old_tab", "old_tab_hint"))
    body = (f'<!DOCTYPE html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
            f"<title>{title}</title></head><body style=\"background:#0c181f;color:#fff;"
            f'font:22px monospace;padding:2em;max-width:40em"><h1 style="font-size:1.2em">'
            f"{text}</h1><p>{hint}</p></body></html>")
    return web.Response(status=403, text=body, content_type="text/html", charset="utf-8",
                        headers={"Content-Security-Policy": "default-src 'none'; "
                                 "style-src 'unsafe-inline'", "Cache-Control": "no-store"})


def _file(path: Path):
    async def handler(request: web.Request) -> web.FileResponse:
        return web.FileResponse(path)
    return handler


def _can_open_browser() -> bool:
    """Only a window browser: without a display, Python would start a text browser in the
    terminal that runs the server."""
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def serve(case_path: str | os.PathLike[str] | None = None, *, lang: str | None = None,
          page_lang: str = "da", port: int | None = None, open_browser: bool = True) -> int:
    """Run ``fleksjob serve`` until Ctrl+C. ``lang`` is passed to the wizard (``--lang``);
    ``page_lang`` is the language of the page and of what is printed here."""
    if port is not None and not 1 <= port <= 65535:
        raise ServeError(t("cli.bad_port", page_lang, port=port))
    try:
        sock = open_socket(port)
    except OSError as err:
        import errno  # only when the port cannot be opened

        if err.errno == errno.EADDRINUSE:
            raise ServeError(t("cli.port_in_use", page_lang, port=port)) from None
        raise ServeError(t("cli.cannot_listen", page_lang, port=port or 0,
                           error=err.strerror or err)) from None
    server = WizardServer(sock, app_command(case_path, lang), page_lang)

    def ready() -> None:
        # The address on a line of its own, so that it can be copied (it is 73 characters long).
        print(t("cli.listening", page_lang), flush=True)
        print(server.url, flush=True)
        print(t("cli.only_here", page_lang), file=sys.stderr, flush=True)
        if not open_browser:
            return
        opened = False
        if _can_open_browser():
            import webbrowser  # only when a browser is to be opened (it reads the environment)

            try:
                opened = webbrowser.open(server.url, new=1)
            except Exception:  # noqa: BLE001 - no browser is no reason to stop
                opened = False
        if not opened:
            print(t("cli.open_yourself", page_lang), file=sys.stderr, flush=True)

    try:
        asyncio.run(server.run(on_ready=ready))
    finally:
        sock.close()
    print(t("cli.stopped", page_lang), file=sys.stderr, flush=True)
    return 0
