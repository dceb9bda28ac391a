"""(e) The caseload (issue 25), for benchmarks/run.py — not part of the test suite.

``fleksjob list`` with 1,000 cases in the folder against the same command on an empty folder
(target ≤ 1.5 ×: the folder's index keeps each case's next step, so the cases are not read
again), and ``fleksjob check`` of 100 files in one process against ``check`` of one file
(target ≤ 3 ×: the start of the program is paid once). Both as medians of interleaved runs in
the same run, like (b). Run with ``benchmarks/run.py --only e``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path


def _interleaved(bench, runs: dict[str, list[str]], repeats: int) -> dict[str, float]:
    env = bench.bench_env()
    for argv in runs.values():  # warm-up: the program cache, and the folder's index
        bench.timed_run(argv, env)
    times: dict[str, list[float]] = {k: [] for k in runs}
    cpu: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(repeats * 2):  # short programs: twice the rounds, as (b)
        for name, argv in runs.items():
            times[name].append(bench.timed_run(argv, env))
            cpu[name].append(bench.last_cpu)
    bench.cpu_medians.update({k: statistics.median(v) for k, v in cpu.items()})
    return {k: statistics.median(v) for k, v in times.items()}


def bench_caseload(bench, repeats: int, n_list: int = 1000, n_check: int = 100) -> None:
    """``bench`` is benchmarks/run.py's module (its report, timing and generated cases)."""
    from fleksjob_tui.case import storage

    fleksjob = [sys.executable, "-m", "fleksjob_tui"]
    with tempfile.TemporaryDirectory() as d:
        empty, full, many = Path(d) / "empty", Path(d) / "full", Path(d) / "many"
        for folder in (empty, full, many):
            folder.mkdir()
        bench.fill_case_folder(full, n_list)
        files = []
        for i, case in enumerate(bench.generated_cases(n_check, seed=5)):
            files.append(many / f"sag-{i:03d}.toml")
            storage.save_case(case, files[-1], backup=False)

        med = _interleaved(bench, {"list": [*fleksjob, "list", str(full)],
                                   "list_empty": [*fleksjob, "list", str(empty)]}, repeats)
        ratio = med["list"] / med["list_empty"]
        bench.report(f"(e) fleksjob list with {n_list:,} cases",
                     f"{med['list'] * 1000:.0f} ms, {ratio:.2f} × empty", "≤ 1.50 × empty",
                     ratio <= 1.50, f"list of an empty folder {med['list_empty'] * 1000:.0f} ms")
        bench.cpu_info("list", "list_empty", f"{n_list:,} cases", "none")

        med = _interleaved(bench, {
            "check_many": [*fleksjob, "check", *map(str, files), "--json"],
            "check_one": [*fleksjob, "check", str(files[0]), "--json"]}, repeats)
        ratio = med["check_many"] / med["check_one"]
        bench.report(f"(e) fleksjob check of {n_check} files in one process",
                     f"{med['check_many'] * 1000:.0f} ms, {ratio:.2f} × one file",
                     "≤ 3.00 × one file", ratio <= 3.0,
                     f"check of one file {med['check_one'] * 1000:.0f} ms")
        bench.cpu_info("check_many", "check_one", f"{n_check} files", "one")
