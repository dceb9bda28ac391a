"""Benchmarks for fleksjob-tui — not part of the test suite.

    .venv/bin/python benchmarks/run.py            # all, exit 1 if a target is missed
    .venv/bin/python benchmarks/run.py --quick    # fewer repeats
    .venv/bin/python benchmarks/run.py --only a   # one of a, b, c, d, e
    .venv/bin/python benchmarks/run.py --only a --instructions 3   # (a) with callgrind counts

Every target is a ratio to the floor of this stack (Textual, Rich, pydantic) measured in the
same run on the same machine, interleaved (app, floor, app, floor …), as medians; or, for (d), a
fixed figure. pydantic stays on every path: the case is validated before it is shown or checked,
so the floors validate it too.

(a) start → first painted wizard screen of a case (``python -m fleksjob_tui open CASE`` in a
    pseudo-terminal of 80x24): the time until the frame that shows the first step's text
    arrives on the terminal. Floor: a minimal Textual app (Header, Static, Footer) that first
    reads and validates the same case with fleksjob's loader (``storage.load_case``), started
    the same way. Targets: ≤ 1.25 × the floor and ≤ 1.8 × the bare minimal app (the same app
    without reading the case). Every program exits by itself after its first paint
    (``FLEKSJOB_BENCH_EXIT_AFTER_PAINT=1``).
(b) ``fleksjob check CASE --json``. Floor: ``python -c`` reading and validating the case with
    ``storage.load_case``, nothing else. Target: ≤ 1.1 × the floor.
(c) the start screen (``python -m fleksjob_tui`` in an 80x24 pseudo-terminal) with 1,000 cases
    in the case folder, until the frame that shows the newest case arrives. Floor: the start
    screen with an empty case folder (until it shows that there are no cases). Target: ≤ 1.5 ×.
(d) ``assess()`` on 10,000 generated cases: ≥ 5,000 cases a second; ``save_case`` and
    ``load_case`` of a large case (500 measures, 500 meetings): < 100 ms each (medians).
(e) the caseload (benchmarks/caseload.py): ``fleksjob list`` with 1,000 cases against the same
    command on an empty folder (≤ 1.5 ×), and ``check`` of 100 files in one process against
    ``check`` of one file (≤ 3 ×).

The machine's load (``/proc/loadavg``) is printed before and after: on a shared machine the
absolute figures move with it; the ratios, measured interleaved, move much less. Each timed
ratio is followed by the same ratio in CPU time (user + system of the whole run, up to the exit
after the first paint), which a loaded machine hardly moves: read it when the load is high.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import os
import platform
import pty
import random
import resource
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BASELINE_APP = r'''
import os
from textual.app import App
from textual.widgets import Footer, Header, Static

class Baseline(App):
    def compose(self):
        yield Header()
        yield Static("Baseline: a minimal Textual app")
        yield Footer()

    def on_mount(self):
        if os.environ.get("FLEKSJOB_BENCH_EXIT_AFTER_PAINT"):
            self.call_after_refresh(self.exit)

Baseline().run()
'''

#: What this stack allows for the wizard's first screen: a plain Textual app showing the same
#: screen (the same widgets that are displayed, in the same tree: header, a list of nine
#: two-line steps, a scrolling step with title, introduction, four one-line text fields, three
#: choice lines, a findings line, two buttons, and a footer with six keys), with stock widgets
#: and none of fleksjob's logic, after reading and validating the case like the floor. Not a
#: target: printed beside (a) to show how much of fleksjob's time any program showing this
#: screen on this stack pays.
SCREEN_APP = r'''
import os
from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

class Screenful(App):
    CSS = """
    OptionList { width: 24; height: 1fr; border: none; }
    VerticalScroll { padding: 0 1; }
    Vertical { height: auto; margin: 0 0 1 0; }
    Input { border: none; height: 1; padding: 0 1; margin: 0 1; }
    #nav { height: auto; align-horizontal: right; }
    """
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding(k, f"key({i})", d) for i, (k, d) in enumerate((
        ("ctrl+n", "Næste"), ("ctrl+b", "Tilbage"), ("ctrl+l", "Trin"), ("ctrl+q", "Afslut"),
        ("f1", "Hjælp"), ("f2", "Gem som")))]

    def action_key(self, i):
        pass

    def compose(self):
        yield Header()
        with Horizontal():
            yield OptionList(*[Option(Text(f"{'>' if i == 1 else ' '}{i} Trin nummer {i}\n"
                                           "   ! mangler noget")) for i in range(1, 10)])
            with Container():
                with VerticalScroll():
                    yield Static("1 · Screenful", classes="title")
                    yield Static("Hvem sagen handler om. Fødselsdatoen viser, om kravet om 12 "
                                 "måneder gælder.")
                    for i, value in enumerate(("Benchmark", "Person 0", "21-08-1983", "")):
                        with Vertical():
                            yield Label(f"Spørgsmål {i + 1}")
                            yield Input(value=value)
                            if i == 2:
                                yield Static("Folkepensionsalder 70 år: 21-08-2053.\nMere end "
                                             "seks år til folkepension: kravet om 12 måneder "
                                             "gælder (til 21-08-2047).")
                    for i in range(3):
                        with Vertical():
                            yield Label(f"Ja/nej-spørgsmål {i + 1}?")
                            yield Static("(•) Ja   ( ) Nej   ( ) Ved ikke")
                    yield Static("! 1 ting mangler på dette trin.")
                    with Horizontal(id="nav"):
                        yield Button("‹ Tilbage")
                        yield Button("Næste ›", variant="primary")
        yield Footer(compact=True)

    def on_mount(self):
        self.query_one(Input).focus()
        if os.environ.get("FLEKSJOB_BENCH_EXIT_AFTER_PAINT"):
            self.set_interval(0.002, self._painted)

    def _painted(self):
        keys = self.query("Footer FooterKey")
        if keys and keys.first().region.width:  # laid out: the next frame shows them
            self.call_after_refresh(self.exit)

Screenful().run()
'''

results: list[tuple[str, bool]] = []

#: CPU time (user + system) of the last program run by run_in_pty or timed_run, in seconds.
#: Much steadier than the wall clock on a loaded machine: printed beside the timed ratios.
last_cpu = 0.0


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} CPU ({cpu}), Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def report(name: str, value: str, target: str, ok: bool, baseline: str = "") -> None:
    results.append((name, ok))
    mark = "ok  " if ok else "MISS"
    line = f"[{mark}] {name}: {value} (target {target})"
    if baseline:
        line += f"; baseline {baseline}"
    print(line, flush=True)


# -- (a) start to first paint ----------------------------------------------------------------


def run_in_pty(argv: list[str], env: dict[str, str], marker: bytes | tuple[bytes, ...],
               timeout: float = 30.0) -> tuple[float, float, bytes]:
    """Run ``argv`` with a pseudo-terminal of 80x24 as its terminal.

    Returns (seconds until ``marker`` first appeared in what the program wrote to the terminal,
    seconds until the program exited, everything it wrote). The first figure is the time to the
    first paint that shows ``marker``: Textual writes a whole frame at once, so the frame that
    contains the marker has been written by then. Several markers: the time when the last of
    them has appeared (e.g. a step's text and the keys in its footer, which Textual may paint
    a frame later).
    """
    markers = marker if isinstance(marker, tuple) else (marker,)
    global last_cpu
    cpu0 = children_cpu()
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    out = bytearray()
    painted: float | None = None
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                            cwd=ROOT, start_new_session=True, close_fds=True)
    os.close(slave)
    deadline = t0 + timeout

    def read() -> bool:
        nonlocal painted
        r, _, _ = select.select([master], [], [], 0.005)
        if not r:
            return False
        try:
            chunk = os.read(master, 65536)
        except OSError:
            chunk = b""
        if not chunk:
            return False
        out.extend(chunk)
        if painted is None and all(m in out for m in markers):
            painted = time.perf_counter() - t0
        return True

    try:
        while True:
            read()
            if proc.poll() is not None:
                exited = time.perf_counter() - t0
                break
            if time.perf_counter() > deadline:
                proc.kill()
                raise RuntimeError(f"{argv} did not exit within {timeout} s")
        while read():  # what is left
            pass
    finally:
        os.close(master)
    if painted is None:
        raise RuntimeError(f"{argv[:4]} never painted {markers!r}: "
                           + bytes(out[-500:]).decode(errors="replace"))
    last_cpu = children_cpu() - cpu0
    return painted, exited, bytes(out)


def interleaved_pty(runs: dict[str, tuple[list[str], bytes, dict[str, str]]],
                    repeats: int) -> tuple[dict[str, float], dict[str, float]]:
    """Run each program once to warm the file cache, then ``repeats`` rounds of all of them in
    turn. Returns the medians of (first paint, exit) per name, in seconds."""
    for argv, marker, env in runs.values():
        run_in_pty(argv, env, marker)
    paint: dict[str, list[float]] = {k: [] for k in runs}
    done: dict[str, list[float]] = {k: [] for k in runs}
    cpu: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(repeats):
        for name, (argv, marker, env) in runs.items():
            p, e, _ = run_in_pty(argv, env, marker)
            paint[name].append(p)
            done[name].append(e)
            cpu[name].append(last_cpu)
    cpu_medians.update({k: statistics.median(v) for k, v in cpu.items()})
    return ({k: statistics.median(v) for k, v in paint.items()},
            {k: statistics.median(v) for k, v in done.items()})


#: Medians of the CPU time (start → paint → exit) of the last interleaved_pty, by name.
cpu_medians: dict[str, float] = {}


def cpu_info(a: str, b: str, label_a: str, label_b: str) -> None:
    ca, cb = cpu_medians[a], cpu_medians[b]
    print(f"       (info) CPU time (user + system, whole run): {label_a} {ca * 1000:.0f} ms, "
          f"{label_b} {cb * 1000:.0f} ms (ratio {ca / cb:.2f})", flush=True)


#: The program's cache (parsed content and stylesheets) for this run: the first start of each
#: measurement (the warm-up round) fills it, as a user's first start does; the timed rounds are
#: the starts after that.
BENCH_CACHE = Path(tempfile.mkdtemp(prefix="fleksjob-bench-cache-"))


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env["FLEKSJOB_CACHE"] = str(BENCH_CACHE)
    env.pop("FLEKSJOB_DEBUG", None)
    return env


def pty_env(home: Path) -> dict[str, str]:
    env = bench_env()
    env.update(TERM="xterm-256color", COLUMNS="80", LINES="24",
               FLEKSJOB_BENCH_EXIT_AFTER_PAINT="1", FLEKSJOB_HOME=str(home))
    return env


def callgrind_pty(argv: list[str], env: dict[str, str],
                  marker: bytes | tuple[bytes, ...]) -> int:
    """The instructions ``argv`` executes from its start until it exits after its first paint
    (valgrind's callgrind, deterministic to about ±0.05 %; some 50 times slower than a run)."""
    with tempfile.TemporaryDirectory() as d:
        log = Path(d) / "callgrind.log"
        run_in_pty(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                    f"--log-file={log}", *argv], env, marker, timeout=600)
        for line in log.read_text().splitlines():
            if "Collected :" in line:
                return int(line.rsplit(":", 1)[1])
    raise RuntimeError(f"callgrind gave no count for {argv[:4]}")


def callgrind_interleaved(runs: dict[str, tuple[list[str], bytes, dict[str, str]]],
                          rounds: int) -> dict[str, int]:
    """Medians of ``rounds`` interleaved callgrind counts per name (the program cache warm)."""
    counts: dict[str, list[int]] = {k: [] for k in runs}
    for _ in range(rounds):
        for name, (argv, marker, env) in runs.items():
            counts[name].append(callgrind_pty(argv, env, marker))
    print(f"       (info) instructions (callgrind, {rounds} interleaved rounds): "
          + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)
    return {k: int(statistics.median(v)) for k, v in counts.items()}


#: Rounds of callgrind counts for (a) (``--instructions N``; 0: none).
INSTRUCTION_ROUNDS = 0


def bench_startup(repeats: int, case_path: Path) -> None:
    from fleksjob_tui import content

    env = pty_env(case_path.parent)
    # The wizard opens at the person step: the first painted wizard screen is the frame that
    # shows the step's introduction (in the step's pane, not just the header) and the keys in
    # the footer (Textual fills the footer in after its first layout, maybe a frame later).
    app_marker = (content.ui("step.person.intro", "da")[:30].encode(),
                  b"Ctrl+N")  # the footer's "Ctrl+N Næste" (a "Næste ›" button is in the pane)
    base_marker = b"Baseline: a minimal"
    app = [sys.executable, "-m", "fleksjob_tui", "open", str(case_path)]
    base = [sys.executable, "-c", BASELINE_APP]
    # The floor: the minimal app that first reads and validates the case with fleksjob's
    # loader (its pydantic model) — what any wizard on this stack pays before its first screen.
    floor = [sys.executable, "-c",
             f"from fleksjob_tui.case import storage; storage.load_case({str(case_path)!r})\n"
             + BASELINE_APP]
    screen = [sys.executable, "-c",
              f"from fleksjob_tui.case import storage; storage.load_case({str(case_path)!r})\n"
              + SCREEN_APP]
    screen_marker = (b"1 \xc2\xb7 Screenful", b"^n")
    # The very first start (an empty program cache: texts and stylesheets parsed, then kept).
    cold = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as empty:
            cold.append(run_in_pty(app, dict(env, FLEKSJOB_CACHE=empty), app_marker)[0])
    runs = {"app": (app, app_marker, env), "floor": (floor, base_marker, env),
            "base": (base, base_marker, env), "screen": (screen, screen_marker, env)}
    med, ex = interleaved_pty(runs, repeats)
    r_floor = med["app"] / med["floor"]
    r_base = med["app"] / med["base"]
    report("(a) start → first painted wizard screen", f"{med['app'] * 1000:.0f} ms, "
           f"{r_floor:.2f} × floor", "≤ 1.25 × floor", r_floor <= 1.25,
           f"floor (minimal app after reading + validating the case) {med['floor'] * 1000:.0f} ms")
    report("(a) the same against the bare minimal app", f"{r_base:.2f} × bare",
           "≤ 1.80 × bare", r_base <= 1.80,
           f"bare minimal Textual app (Header, Static, Footer) {med['base'] * 1000:.0f} ms")
    cpu_info("app", "floor", "fleksjob", "floor")
    cpu_info("app", "base", "fleksjob", "bare app")
    print(f"       (info) what the stack allows for this screen: a plain Textual app showing the "
          f"same widgets after reading the case, {med['screen'] * 1000:.0f} ms = "
          f"{med['screen'] / med['floor']:.2f} × floor, {med['screen'] / med['base']:.2f} × bare "
          f"(CPU {cpu_medians['screen'] / cpu_medians['floor']:.2f} × floor); fleksjob is "
          f"{med['app'] / med['screen']:.2f} × that screen", flush=True)
    if INSTRUCTION_ROUNDS:
        ir = callgrind_interleaved(runs, INSTRUCTION_ROUNDS)
        print(f"       (info) instructions to the first paint and exit: fleksjob "
              f"{ir['app'] / 1e9:.3f} bn = {ir['app'] / ir['floor']:.2f} × floor "
              f"({ir['floor'] / 1e9:.3f} bn), {ir['app'] / ir['base']:.2f} × bare "
              f"({ir['base'] / 1e9:.3f} bn); the same screen in plain Textual "
              f"{ir['screen'] / 1e9:.3f} bn = {ir['screen'] / ir['floor']:.2f} × floor",
              flush=True)
    print(f"       (info) the first start of all (empty program cache): "
          f"{statistics.median(cold) * 1000:.0f} ms (median of 3, before the rounds above)",
          flush=True)
    print(f"       (info) the floor is {med['floor'] / med['base']:.2f} × the bare app; "
          f"start → paint → exit: fleksjob {ex['app'] * 1000:.0f} ms, floor "
          f"{ex['floor'] * 1000:.0f} ms, bare {ex['base'] * 1000:.0f} ms", flush=True)


# -- (b) check --json ------------------------------------------------------------------------


def timed_run(argv: list[str], env: dict[str, str]) -> float:
    global last_cpu
    cpu0 = children_cpu()
    t0 = time.perf_counter()
    r = subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t0
    last_cpu = children_cpu() - cpu0
    if r.returncode not in (0, 1):
        raise RuntimeError(f"{argv} failed: {r.stderr.decode(errors='replace')}")
    return elapsed


def bench_check(repeats: int, case_path: Path) -> None:
    env = bench_env()
    check = [sys.executable, "-m", "fleksjob_tui", "check", str(case_path), "--json"]
    floor = [sys.executable, "-c",
             f"from fleksjob_tui.case import storage; storage.load_case({str(case_path)!r})"]
    bare = [sys.executable, "-c", "import rich.console, pydantic"]
    runs = {"check": check, "floor": floor, "bare": bare}
    for argv in runs.values():
        timed_run(argv, env)
    times: dict[str, list[float]] = {k: [] for k in runs}
    cpu: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(repeats * 2):  # short programs: twice the rounds
        for name, argv in runs.items():
            times[name].append(timed_run(argv, env))
            cpu[name].append(last_cpu)
    med = {k: statistics.median(v) for k, v in times.items()}
    cpu_medians.update({k: statistics.median(v) for k, v in cpu.items()})
    ratio = med["check"] / med["floor"]
    report("(b) fleksjob check CASE --json", f"{med['check'] * 1000:.0f} ms, "
           f"{ratio:.2f} × floor", "≤ 1.10 × floor", ratio <= 1.10,
           f"floor (python reading + validating the case, nothing else) "
           f"{med['floor'] * 1000:.0f} ms")
    cpu_info("check", "floor", "check", "floor")
    print(f"       (info) `import rich.console, pydantic` (loads no model): "
          f"{med['bare'] * 1000:.0f} ms; the floor is {med['floor'] / med['bare']:.2f} × that",
          flush=True)


# -- (c) the start screen with 1,000 cases ---------------------------------------------------

NEWEST_TITLE = "Nyeste sag i benchmarket"


def fill_case_folder(folder: Path, n: int) -> None:
    """``n`` generated cases in ``folder``; the one saved last (the newest) has NEWEST_TITLE."""
    from fleksjob_tui.case import storage

    for i, case in enumerate(generated_cases(n, seed=3)):
        if i == n - 1:
            case.case.title = NEWEST_TITLE
            name = "0-nyeste.toml"  # first by name too, should two stamps be the same second
        else:
            name = f"sag-{i:04d}.toml"
        storage.save_case(case, folder / name, backup=False)


def bench_start_screen(repeats: int, n: int = 1000) -> None:
    from fleksjob_tui import content

    with tempfile.TemporaryDirectory() as d:
        empty, full = Path(d) / "empty", Path(d) / "full"
        empty.mkdir()
        full.mkdir()
        fill_case_folder(full, n)
        app = [sys.executable, "-m", "fleksjob_tui"]
        none_marker = content.ui("start.no_cases", "da", folder="")[:20].encode()
        runs = {"full": (app, NEWEST_TITLE.encode(), pty_env(full)),
                "empty": (app, none_marker, pty_env(empty))}
        med, ex = interleaved_pty(runs, repeats)
        ratio = med["full"] / med["empty"]
        report(f"(c) start screen with {n:,} cases", f"{med['full'] * 1000:.0f} ms, "
               f"{ratio:.2f} × empty", "≤ 1.50 × empty", ratio <= 1.50,
               f"start screen with no cases {med['empty'] * 1000:.0f} ms")
        cpu_info("full", "empty", f"{n:,} cases", "none")
        print(f"       (info) start → paint → exit: {n:,} cases {ex['full'] * 1000:.0f} ms, "
              f"none {ex['empty'] * 1000:.0f} ms", flush=True)


# -- (d) assess ------------------------------------------------------------------------------


def generated_cases(n: int, seed: int = 1):
    from fleksjob_tui.case.model import (
        ANSWERS,
        MEASURE_IDS,
        MEASURE_RESULTS,
        MEASURE_STATUSES,
        PARTICIPANTS,
        ROLES,
        Case,
    )

    rng = random.Random(seed)

    def ans():
        return rng.choice((*ANSWERS, None))

    def date(lo=1950, hi=2027):
        return dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))

    cases = []
    for i in range(n):
        self_employed = rng.random() < 0.2
        start = date(2015, 2026)
        data = {
            "schema_version": 1,
            "case": {"title": f"Sag {i}", "role": rng.choice(ROLES)},
            "person": {"name": f"Person {i}", "birth_date": date(1955, 2000),
                       "self_employed": self_employed,
                       "receives_disability_pension": ans(),
                       "disability_pension_claim_pending": ans()},
            "employment": {"has_social_chapter": ans(), "special_terms_start": start},
            "agreement": {"written": ans(), "signed_on": start, "attempt_documented": ans(),
                          "difficult_functions": ["Løft"] * rng.randint(0, 2)},
            "eligibility": {k: ans() for k in (
                "capacity_reduced", "capacity_assessed", "relocation_retraining_examined",
                "acute_injury", "retention_pointless", "progressive_disease")},
            "self_employment": {"main_occupation": ans(),
                                "months_30h_last_24": rng.randint(0, 24)},
            "contacts": {k: ans() for k in ("hr", "home_municipality", "jobcenter", "union")},
            "measures": [
                {"id": rng.choice(MEASURE_IDS), "status": rng.choice(MEASURE_STATUSES),
                 "result": rng.choice(MEASURE_RESULTS), "documented": ans()}
                for _ in range(rng.randint(0, 6))
            ],
            "meetings": [
                {"date": date(2020, 2026),
                 "participants": rng.sample(PARTICIPANTS, rng.randint(1, 3))}
                for _ in range(rng.randint(0, 3))
            ],
            "economy": {"hourly_wage": rng.uniform(150, 300),
                        "paid_hours_per_week": rng.uniform(5, 30), "year": 2026},
        }
        cases.append(Case.model_validate(data))
    return cases


def bench_assess(n: int) -> None:
    from fleksjob_tui.rules import assess

    cases = generated_cases(n)
    as_of = dt.date(2026, 11, 22)
    t0 = time.perf_counter()
    for c in cases:
        assess(c, as_of)
    elapsed = time.perf_counter() - t0
    rate = n / elapsed
    report(f"(d) assess() on {n:,} generated cases", f"{rate:,.0f} cases/s", "≥ 5,000 cases/s",
           rate >= 5000)


# -- (d) save and load a large case ----------------------------------------------------------


def large_case():
    from fleksjob_tui.case.model import Case

    rng = random.Random(2)
    data = Case.new(title="Stor sag", role="union_rep").to_toml_dict()
    data["measures"] = [
        {"id": "other", "title": f"Tiltag nr. {i} – æøå", "status": "tried",
         "from": dt.date(2024, 1, 1), "to": dt.date(2024, 6, 1), "result": "partly",
         "documented": "yes", "note": "Aftalt med lederen. " * rng.randint(1, 6)}
        for i in range(500)
    ]
    data["meetings"] = [
        {"date": dt.date(2024, 1 + i % 12, 1 + i % 28), "participants": ["manager", "employee"],
         "summary": f"Møde {i}: " + "Vi talte om opgaverne. " * 3, "agreed": "Ny plan."}
        for i in range(500)
    ]
    return Case.model_validate(data)


def bench_save_load(repeats: int) -> None:
    from fleksjob_tui.case import storage

    case = large_case()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "stor.toml"
        storage.save_case(case, path)
        saves, loads = [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            storage.save_case(case, path)  # with the backup of the previous version
            saves.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            loaded = storage.load_case(path)
            loads.append(time.perf_counter() - t0)
        assert len(loaded.measures) == 500 and len(loaded.meetings) == 500
        size = path.stat().st_size
    s, lo = statistics.median(saves), statistics.median(loads)
    report(f"(d) save a large case (500 measures, 500 meetings, {size // 1024} kB)",
           f"{s * 1000:.1f} ms", "< 100 ms", s < 0.1)
    report("(d) load the same case", f"{lo * 1000:.1f} ms", "< 100 ms", lo < 0.1)


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--only", choices=("a", "b", "c", "d", "e"), action="append")
    parser.add_argument("--instructions", type=int, default=0, metavar="N",
                        help="(a) also counts instructions with valgrind's callgrind, N "
                             "interleaved rounds (about a minute a program and round)")
    args = parser.parse_args(argv)
    global INSTRUCTION_ROUNDS
    INSTRUCTION_ROUNDS = args.instructions
    repeats = 5 if args.quick else 11
    print(f"Machine: {machine()}", flush=True)
    print(f"Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; load average (1, 5, 15 min) "
          f"before: {load()}", flush=True)
    # Installed packages come with compiled bytecode; give fleksjob the same (a shell with
    # PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module of ours on every start).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    import compileall

    compileall.compile_dir(ROOT / "fleksjob_tui", quiet=1)
    only = set(args.only or "abcde")
    with tempfile.TemporaryDirectory() as d:
        from fleksjob_tui.case import storage

        case = generated_cases(1)[0]
        case.case.title = "Benchmark"
        case.case.last_step = "person"
        case_path = Path(d) / "benchmark.toml"
        storage.save_case(case, case_path)
        if "a" in only:
            bench_startup(repeats, case_path)
        if "b" in only:
            bench_check(repeats, case_path)
    if "c" in only:
        bench_start_screen(repeats)
    if "d" in only:
        bench_assess(10_000)
        bench_save_load(repeats)
    if "e" in only:  # the caseload: `list` and `check` of many files (benchmarks/caseload.py)
        from caseload import bench_caseload

        bench_caseload(sys.modules[__name__], repeats)
    print(f"Load average after: {load()}", flush=True)
    import shutil

    shutil.rmtree(BENCH_CACHE, ignore_errors=True)
    missed = [name for name, ok in results if not ok]
    if missed:
        print(f"{len(missed)} target(s) missed.", flush=True)
        return 1
    print("All targets met.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
