"""Benchmarks for issues 7 and 15: query start-up, load throughput, reload, query scaling, the default
database, and the load against its lower bounds.

    python bench/run.py            # the full run: a 10,000-document corpus, several minutes
    python bench/run.py --quick    # a tiny corpus and few repeats, for the smoke test

Every figure is the median of whole-process runs (a fresh `python` each time)
taken in this one run, the commands being compared run in turn so that a
change in the machine's load touches them alike. Results go to stdout as
Markdown and to WORKDIR/report.md; the five headline figures are the lines
starting `FIGURE n`.

The child processes run with PYTHONPYCACHEPREFIX=bench/out/pycache (and without
PYTHONDONTWRITEBYTECODE): bytecode is compiled once, in the warm-up run, as
for an installed package, and the checkout gets no __pycache__ folders. Start-up
is timed without cached bytecode too (PYTHONDONTWRITEBYTECODE=1 and an empty
PYTHONPYCACHEPREFIX: every module compiled from source, typer's as well), as
for a checkout whose bytecode Python may not write.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import json
import os
import platform
import resource
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Self

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from make_corpus import make_corpus

PLAN = "003_319bd9830f448044"  # a seed: the corpus holds the seeds as they are
REPLY = "000_3669a09881a7b6b9"
SQL_2024 = (
    "select t.year, t.indicator, t.value, t.unit, t.comparator, t.region, t.doc_id as doc,"
    " t.value_base, t.base_unit, t.start, t.end, t.quote"
    " from targets t join documents d on d.id = t.doc_id where t.year = 2024"
    " order by t.year, t.doc_id, t.start, t.seq"
)
# Bytecode of the timed commands, shared by all runs (bench/out is ignored by git).
PYCACHE = BENCH / "out" / "pycache"
GOALS = {"typer": 1.10, "typer_no_bytecode": 1.20, "sqlite_utils": 1.25, "load_s": 60.0, "load_mb": 500.0, "reload_s": 1.0,
         "scaling": 1.5, "first_build_s": 1.0, "bounds": 1.30, "load_1000_s": 6.0}
# Documents whose load is compared with its lower bounds (bench/bounds.py records every regex call, so
# not the whole 10,000: the ratio is per document).
BOUNDS_DOCS = 1000


# ---------------------------------------------------------------- running things


def tool(name: str) -> list[str]:
    """A console script of this environment (beside sys.executable), else `python -m`."""
    exe = Path(sys.executable).parent / name
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-m", name.replace("-", "_")]


class Runner:
    def __init__(self, work: Path) -> None:
        self.work = work
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "ZJPOLICY_DB")}
        env.update(PYTHONPYCACHEPREFIX=str(PYCACHE), NO_COLOR="1", COLUMNS="160",
                   ZJPOLICY_CACHE_DIR=str(work / "cache"))
        self.env = env

    def run(self, argv: Sequence[str], *, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[bytes]:
        r = subprocess.run(list(argv), check=False, env={**self.env, **(env or {})}, capture_output=True)
        if check and r.returncode != 0:
            raise SystemExit(f"failed ({r.returncode}): {shlex.join(argv)}\n{r.stderr.decode(errors='replace')[-2000:]}")
        return r

    def time(self, argv: Sequence[str], *, env: dict[str, str] | None = None) -> float:
        t = time.perf_counter()
        r = subprocess.run(list(argv), check=False, env={**self.env, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - t
        if r.returncode != 0:
            raise SystemExit(f"failed ({r.returncode}): {shlex.join(argv)}\n{r.stderr.decode(errors='replace')[-2000:]}")
        return elapsed

    def medians(self, commands: dict[str, Callable[[], float]], repeats: int) -> dict[str, float]:
        """Run each command once to warm up, then `repeats` rounds taking them in turn."""
        for f in commands.values():
            f()
        times: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(repeats):
            for k, f in commands.items():
                times[k].append(f())
        return {k: statistics.median(v) for k, v in times.items()}


class PeakMemory:
    """Peak total memory of a process and all its descendants, sampled from /proc.

    pss: the sum of proportional set sizes (a page shared by n processes counts 1/n to
    each), the memory the tree really holds; rss: the sum of resident sizes (shared pages
    counted once per process, an upper bound). Both in MB; 0 where /proc is missing.
    """

    def __init__(self, pid: int, every: float = 0.05) -> None:
        self.pid, self.every = pid, every
        self.pss = self.rss = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat") as f:
                        ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(d))
        out, todo = [], [self.pid]
        while todo:
            p = todo.pop()
            out.append(p)
            todo += children.get(p, [])
        return out

    def _loop(self) -> None:
        if not os.path.isdir("/proc"):
            return
        while not self._stop.is_set():
            pss = rss = 0
            for p in self._tree():
                try:
                    with open(f"/proc/{p}/smaps_rollup") as f:
                        for line in f:
                            if line.startswith("Pss:"):
                                pss += int(line.split()[1])
                            elif line.startswith("Rss:"):
                                rss += int(line.split()[1])
                except OSError:
                    continue
            self.pss = max(self.pss, pss / 1024)
            self.rss = max(self.rss, rss / 1024)
            self._stop.wait(self.every)


def busy_cpu() -> float:
    """CPU seconds the whole machine has spent busy since boot (/proc/stat), or nan."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return float("nan")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def timed_load(runner: Runner, argv: list[str]) -> dict[str, float]:
    """One load: wall time, CPU of the process and its workers, peak memory, and the CPU
    that other processes of the machine took meanwhile (cores, on average)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = busy_cpu()
    t = time.perf_counter()
    p = subprocess.Popen(argv, env=runner.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with PeakMemory(p.pid) as mem:
        _, err = p.communicate()
    wall = time.perf_counter() - t
    busy = busy_cpu() - busy
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise SystemExit(f"load failed ({p.returncode}): {shlex.join(argv)}\n{err.decode(errors='replace')[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "cores": cpu / wall, "others": max(0.0, busy - cpu) / wall, "pss_mb": mem.pss,
            "rss_mb": mem.rss, "maxrss_mb": after.ru_maxrss / 1024}


# ---------------------------------------------------------------- the benchmarks


def machine() -> dict[str, str]:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            model = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    cores = _nproc()
    try:
        mem = f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB"
    except (ValueError, OSError, AttributeError):
        mem = "?"
    return {"nproc": str(cores), "cpu": model, "memory": mem, "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "os": platform.platform(), "load average": _loadavg()}


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def startup(r: Runner, small_db: Path, repeats: int) -> dict[str, Any]:
    zj = tool("zjpolicy")
    commands = {
        "zjpolicy": zj + ["--db", str(small_db), "targets", "--year", "2024", "--format", "csv"],
        "typer": [sys.executable, str(BENCH / "minimal_app.py"), "--db", str(small_db), "targets", "--year", "2024", "--format", "csv"],
        "sqlite_utils": tool("sqlite-utils") + ["query", str(small_db), SQL_2024, "--csv"],
        "zjpolicy_default": zj + ["targets", "--year", "2024", "--format", "csv"],
    }
    rows = {k: len(r.run(v).stdout.decode().strip().splitlines()) for k, v in commands.items()}
    if len(set(rows.values())) != 1:
        raise SystemExit(f"the start-up commands print different numbers of lines: {rows}")
    empty = r.work / "no-pycache"
    shutil.rmtree(empty, ignore_errors=True)
    empty.mkdir()
    no_bytecode = {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": str(empty)}

    def timer(argv: list[str], env: dict[str, str] | None = None) -> Callable[[], float]:
        return lambda: r.time(argv, env=env)

    timed = {k: timer(v) for k, v in commands.items()}
    for k in ("zjpolicy", "typer"):
        timed[f"{k}_no_bytecode"] = timer(commands[k], no_bytecode)
    med = r.medians(timed, repeats)
    if any(empty.iterdir()):
        raise SystemExit(f"bytecode was written to {empty}: the no-bytecode timings are not what they say")
    return {"commands": commands, "median": med, "lines": rows["zjpolicy"],
            "vs_typer": med["zjpolicy"] / med["typer"], "vs_sqlite_utils": med["zjpolicy"] / med["sqlite_utils"],
            "vs_typer_no_bytecode": med["zjpolicy_no_bytecode"] / med["typer_no_bytecode"]}


def load_throughput(r: Runner, corpus: Path, db: Path, repeats: int) -> dict[str, Any]:
    argv = tool("zjpolicy") + ["--db", str(db), "load", str(corpus), "--quiet"]
    runs = []
    for _ in range(repeats):
        db.unlink(missing_ok=True)
        runs.append(timed_load(r, argv))
    med = {k: statistics.median(x[k] for x in runs) for k in runs[0]}
    med["pss_mb"] = max(x["pss_mb"] for x in runs)  # memory: the worst run, not the median
    med["rss_mb"] = max(x["rss_mb"] for x in runs)
    med["maxrss_mb"] = max(x["maxrss_mb"] for x in runs)
    return {"argv": argv, "runs": runs, "median": med, "fastest": min(x["wall"] for x in runs), "nproc": _nproc()}


def lower_bounds(r: Runner, corpus: Path, db: Path, repeats: int) -> dict[str, Any]:
    """A load of corpus (CPU seconds, median of fresh loads) beside the sum of its lower bounds
    (bench/bounds.py, measured here in the same run), both per 1,000 documents."""
    load = load_throughput(r, corpus, db, repeats)
    out = json.loads(r.run([sys.executable, str(BENCH / "bounds.py"), str(corpus), str(db)]).stdout)
    per = 1000 / out["documents"]
    parts = {k: out[k] * per for k in ("read", "opencc", "regex", "insert")}
    cpu = load["median"]["cpu"] * per
    return {"load": load, "parts": parts, "bound": sum(parts.values()), "cpu_per_1000": cpu,
            "wall_per_1000": load["median"]["wall"] * per, "ratio": cpu / sum(parts.values()),
            "documents": out["documents"], "regex_calls": out["regex_calls"],
            "tool_parts": {k: v * per for k, v in out["tool_parts"].items()}}


def _nproc() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _rowids(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return dict(conn.execute("select id, rowid from documents"))
    finally:
        conn.close()


def reload(r: Runner, corpus: Path, db: Path, repeats: int) -> dict[str, Any]:
    argv = tool("zjpolicy") + ["--db", str(db), "load", str(corpus), "--quiet"]
    unchanged = statistics.median(r.medians({"reload": lambda: r.time(argv)}, repeats).values())
    files = sorted(corpus.glob("syn*.txt")) or sorted(corpus.glob("*.txt"))
    changed_times, reextracted = [], []
    for i in range(repeats):
        f = files[(i * 7919) % len(files)]
        original = f.read_bytes()
        before = _rowids(db)
        f.write_bytes(original + f"\n力争新增高新技术企业{100 + i}家。\n".encode())
        try:
            changed_times.append(r.time(argv))
        finally:
            f.write_bytes(original)
        after = _rowids(db)
        reextracted.append(sorted(k for k in after if before.get(k) != after[k]))
        if reextracted[-1] != [f.stem]:
            raise SystemExit(f"changing {f.name} re-extracted {reextracted[-1][:5]} ({len(reextracted[-1])} documents)")
        r.time(argv)  # the file as it was, back into the database (not timed)
    return {"argv": argv, "unchanged": unchanged, "changed_one": statistics.median(changed_times),
            "reextracted": max(len(x) for x in reextracted), "repeats": repeats}


SCALING_QUERIES: list[tuple[str, list[str]]] = [
    ("targets --doc PLAN --year 2024", ["targets", "--doc", PLAN, "--year", "2024", "--format", "csv"]),
    ("owners --doc PLAN --task 7", ["owners", "--doc", PLAN, "--task", "7", "--format", "csv"]),
    ("owners --doc PLAN", ["owners", "--doc", PLAN, "--format", "csv"]),
    ("districts --doc REPLY", ["districts", "--doc", REPLY, "--format", "csv"]),
    ("targets --doc PLAN --region 杭州", ["targets", "--doc", PLAN, "--region", "杭州", "--format", "csv"]),
]
# Shown for information: their result grows with the corpus, so their time does too.
GROWING_QUERIES: list[tuple[str, list[str]]] = [
    ("targets --year 2024", ["targets", "--year", "2024", "--format", "csv"]),
    ("owners --agency 市经信局", ["owners", "--agency", "市经信局", "--format", "csv"]),
]


def scaling(r: Runner, small: Path, big: Path, repeats: int, quick: bool) -> dict[str, Any]:
    zj = tool("zjpolicy")
    out: dict[str, Any] = {"queries": [], "growing": []}
    for group, queries in (("queries", SCALING_QUERIES[:3] if quick else SCALING_QUERIES), ("growing", [] if quick else GROWING_QUERIES)):
        for label, args in queries:
            a, b = zj + ["--db", str(small)] + args, zj + ["--db", str(big)] + args
            sa, sb = r.run(a).stdout, r.run(b).stdout
            if group == "queries" and sa != sb:
                raise SystemExit(f"{label}: different output at {small.name} and {big.name}")
            med = r.medians({"small": functools.partial(r.time, a), "big": functools.partial(r.time, b)}, repeats)
            out[group].append({"label": label, "small": med["small"], "big": med["big"], "ratio": med["big"] / med["small"],
                               "rows": (len(sa.splitlines()) - 1, len(sb.splitlines()) - 1),
                               "sql_ms": (_sql_ms(small, args), _sql_ms(big, args))})
    out["worst"] = max(q["ratio"] for q in out["queries"])
    return out


def _sql_ms(db: Path, args: list[str]) -> float:
    """In-process time of the query functions alone (median of 15 runs), without start-up or output."""
    try:
        from zjpolicy import queries
    except ImportError:
        return float("nan")
    opts = dict(zip(args[1::2], args[2::2]))
    conn = queries.connect(db)
    call: Callable[[], Any]
    if args[0] == "targets":
        call = lambda: queries.targets(conn, year=int(opts["--year"]) if "--year" in opts else None, region=opts.get("--region"),
                                       doc=opts.get("--doc"))
    elif args[0] == "owners":
        call = lambda: queries.owners(conn, task=opts.get("--task"), agency=opts.get("--agency"), doc=opts.get("--doc"))
    else:
        call = lambda: queries.districts(conn, doc=opts.get("--doc"))
    times = []
    for _ in range(15):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    conn.close()
    return statistics.median(times) * 1000


def first_build(r: Runner, repeats: int) -> dict[str, Any]:
    argv = tool("zjpolicy") + ["targets", "--year", "2024", "--format", "csv"]
    base = r.work / "first-build"

    def fresh() -> float:
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        return r.time(argv, env={"ZJPOLICY_CACHE_DIR": str(base)})

    def warm() -> float:
        return r.time(argv, env={"ZJPOLICY_CACHE_DIR": str(base)})

    med = r.medians({"first": fresh, "warm": warm}, repeats)
    return {"argv": argv, "first": med["first"], "warm": med["warm"]}


# ---------------------------------------------------------------- report


def ok(value: float, goal: float) -> str:
    return "meets" if value <= goal else "MISSES"


def report(args: argparse.Namespace, info: dict[str, str], corpus: dict[str, Any], s: dict[str, Any],
           ld: dict[str, Any], rl: dict[str, Any], sc: dict[str, Any], fb: dict[str, Any], lb: dict[str, Any],
           total: float) -> str:
    ms = lambda x: f"{x * 1000:.0f} ms"
    m = ld["median"]
    lines = [
        "## Figures",
        "",
        (f"FIGURE 1 query start-up: {ms(s['median']['zjpolicy'])}; {s['vs_typer']:.2f}x the minimal typer app "
         f"(goal <= {GOALS['typer']:.2f}x: {ok(s['vs_typer'], GOALS['typer'])}); without cached bytecode "
         f"{ms(s['median']['zjpolicy_no_bytecode'])}, {s['vs_typer_no_bytecode']:.2f}x the same app (goal <= "
         f"{GOALS['typer_no_bytecode']:.2f}x: {ok(s['vs_typer_no_bytecode'], GOALS['typer_no_bytecode'])}); "
         f"{s['vs_sqlite_utils']:.2f}x sqlite-utils "
         f"(goal <= {GOALS['sqlite_utils']:.2f}x: {ok(s['vs_sqlite_utils'], GOALS['sqlite_utils'])}; the minimal typer app "
         f"itself is {s['median']['typer'] / s['median']['sqlite_utils']:.2f}x sqlite-utils)"),
        (f"FIGURE 2 load: {corpus['files']} documents ({corpus['mb']:.0f} MB) in {m['wall']:.1f} s "
        f"(goal <= {GOALS['load_s']:.0f} s: {ok(m['wall'], GOALS['load_s'])}; fastest run {ld['fastest']:.1f} s; "
        f"{m['cpu']:.0f} CPU-s / {ld['nproc']} cores = {m['cpu'] / ld['nproc']:.1f} s on an idle machine; "
        f"{m['cpu'] * 1000 / corpus['files']:.1f} CPU-s and {m['wall'] * 1000 / corpus['files']:.1f} s per 1,000 documents), "
        f"{m['cores']:.2f} cores busy with {m['others']:.2f} taken by other processes, peak memory "
        f"{m['pss_mb']:.0f} MB (goal <= {GOALS['load_mb']:.0f} MB: {ok(m['pss_mb'], GOALS['load_mb'])})"),
        (f"FIGURE 3 reload: nothing changed {rl['unchanged']:.2f} s (goal <= {GOALS['reload_s']:.0f} s: "
        f"{ok(rl['unchanged'], GOALS['reload_s'])}); one document changed {rl['changed_one']:.2f} s, "
        f"{rl['reextracted']} document re-extracted (goal: 1: {'meets' if rl['reextracted'] == 1 else 'MISSES'})"),
        (f"FIGURE 4 query scaling: worst {sc['worst']:.2f}x from 5 to {corpus['files']} documents "
        f"(goal <= {GOALS['scaling']:.1f}x: {ok(sc['worst'], GOALS['scaling'])})"),
        (f"FIGURE 5 default database first build: {fb['first']:.2f} s for the first query "
        f"(goal <= {GOALS['first_build_s']:.0f} s: {ok(fb['first'], GOALS['first_build_s'])})"),
        (f"FIGURE 6 load against its lower bounds: {lb['cpu_per_1000']:.2f} CPU-s per 1,000 documents, "
         f"{lb['ratio']:.2f}x the sum of its lower bounds, {lb['bound']:.2f} CPU-s (goal <= {GOALS['bounds']:.2f}x: "
         f"{ok(lb['ratio'], GOALS['bounds'])}); {lb['documents']} documents in {lb['load']['median']['wall']:.1f} s wall"
         + ("" if args.quick else f" (goal <= {GOALS['load_1000_s']:.0f} s: {ok(lb['load']['median']['wall'], GOALS['load_1000_s'])})")),
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in info.items()],
        f"- date: {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- command: `{shlex.join(['python', 'bench/run.py', *sys.argv[1:]])}` ({total:.0f} s in all)",
        "",
        f"## 1. Query start-up (median of {args.repeats} runs, 5-document database, {s['lines']} lines of output)",
        "",
        "| command | median | zjpolicy is |",
        "| --- | ---: | ---: |",
    ]
    labels = {"zjpolicy": "zjpolicy --db DB targets --year 2024 --format csv", "typer": "python bench/minimal_app.py --db DB targets --year 2024 --format csv",
              "sqlite_utils": "sqlite-utils query DB \"select … where t.year = 2024 …\" --csv",
              "zjpolicy_default": "zjpolicy targets --year 2024 --format csv (default database: seeds fingerprint)",
              "zjpolicy_no_bytecode": "zjpolicy --db DB targets --year 2024 --format csv, without cached bytecode",
              "typer_no_bytecode": "python bench/minimal_app.py --db DB targets --year 2024 --format csv, without cached bytecode"}
    for k, label in labels.items():
        peer = "zjpolicy_no_bytecode" if k.endswith("_no_bytecode") else "zjpolicy"
        ratio = "" if k.startswith("zjpolicy") else f"{s['median'][peer] / s['median'][k]:.2f}x"
        lines.append(f"| `{label}` | {ms(s['median'][k])} | {ratio} |")
    lines += [
        "",
        f"## 2. Load throughput ({len(ld['runs'])} fresh loads of {corpus['files']} documents, {corpus['mb']:.1f} MB)",
        "",
        f"`{shlex.join(['zjpolicy', '--db', 'DB', 'load', 'CORPUS', '--quiet'])}`",
        "",
        "| run | wall | CPU (load and workers) | cores busy | other processes (cores) | peak PSS (tree) | peak RSS (tree) | largest process RSS |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for i, x in enumerate(ld["runs"], 1):
        lines.append(f"| {i} | {x['wall']:.1f} s | {x['cpu']:.1f} s | {x['cores']:.2f} | {x['others']:.2f} | {x['pss_mb']:.0f} MB | "
                     f"{x['rss_mb']:.0f} MB | {x['maxrss_mb']:.0f} MB |")
    lines += [
        (f"| median | {m['wall']:.1f} s | {m['cpu']:.1f} s | {m['cores']:.2f} | {m['others']:.2f} | {m['pss_mb']:.0f} MB (max) | "
        f"{m['rss_mb']:.0f} MB (max) | {m['maxrss_mb']:.0f} MB (max) |"),
        "",
        f"Throughput: {corpus['files'] / m['wall']:.0f} documents/s, {corpus['mb'] / m['wall']:.1f} MB/s. Database: {corpus['db_mb']:.0f} MB.",
        "",
        f"## 3. Reload (median of {rl['repeats']} runs)",
        "",
        "| case | median |",
        "| --- | ---: |",
        f"| nothing changed | {rl['unchanged']:.2f} s |",
        f"| one document changed (a different one each run) | {rl['changed_one']:.2f} s |",
        "",
        f"Documents re-extracted when one changed: {rl['reextracted']} (checked by rowid: every other document keeps its row).",
        "",
        f"## 4. Query scaling (median of {args.repeats} runs; 5 documents vs {corpus['files']})",
        "",
        "| query | rows | 5 docs | " + f"{corpus['files']} docs | ratio | SQL alone, 5 → {corpus['files']} |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for q in sc["queries"] + sc["growing"]:
        star = "" if q in sc["queries"] else " (info: result grows with the corpus)"
        rows = f"{q['rows'][0]}" if q["rows"][0] == q["rows"][1] else f"{q['rows'][0]} → {q['rows'][1]}"
        lines.append(f"| `{q['label']}`{star} | {rows} | {ms(q['small'])} | {ms(q['big'])} | {q['ratio']:.2f}x | "
                     f"{q['sql_ms'][0]:.2f} → {q['sql_ms'][1]:.2f} ms |")
    lines += [
        "",
        f"PLAN = {PLAN}, REPLY = {REPLY} (seeds, held as they are in the corpus: same rows at both sizes).",
        "",
        f"## 5. Default database (median of {args.repeats} runs)",
        "",
        "| case | median |",
        "| --- | ---: |",
        f"| first query, empty cache (builds the default database from the seeds) | {fb['first']:.2f} s |",
        f"| the same query again (database present) | {fb['warm']:.2f} s |",
        "",
        f"## 6. Load against its lower bounds ({lb['documents']} documents; bench/bounds.py, per 1,000 documents)",
        "",
        "| part | CPU-s per 1,000 documents |",
        "| --- | ---: |",
        *[f"| {k} | {v:.2f} |" for k, v in lb["parts"].items()],
        f"| **sum of the lower bounds** | **{lb['bound']:.2f}** |",
        f"| the load (loading process and workers; median of {len(lb['load']['runs'])}) | {lb['cpu_per_1000']:.2f} |",
        f"| ratio | {lb['ratio']:.2f}x |",
        "",
        (f"The regex bound replays the {lb['regex_calls']:,} regular-expression calls the extractor made on these "
        "documents, without the code around them."),
        "",
        *_tool_parts(lb),
    ]
    return "\n".join(lines)


def _tool_parts(lb: dict[str, Any]) -> list[str]:
    """Where the load's CPU goes: its own steps in one process, and what is left (start-up, workers)."""
    parts = lb["tool_parts"]
    rest = lb["cpu_per_1000"] - sum(parts.values())
    return [
        ("Where the load's CPU goes (the same documents through the load's own steps in one process, no workers; "
         "the rest is start-up, the worker processes and passing rows between them):"),
        "",
        "| step | CPU-s per 1,000 documents |",
        "| --- | ---: |",
        *[f"| {k} | {v:.2f} |" for k, v in parts.items()],
        f"| the rest of the load | {rest:.2f} |",
        "",
    ]


def corpus_of(work: Path, docs: int) -> tuple[Path, int, int]:
    """The synthetic corpus of `docs` documents in work (made once, kept while make_corpus.py is unchanged)."""
    corpus_dir = work / f"corpus-{docs}"
    stamp, key = corpus_dir / ".stamp", f"{docs} 42 {hashlib.sha256((BENCH / 'make_corpus.py').read_bytes()).hexdigest()[:12]}"
    if not stamp.exists() or stamp.read_text() != key:
        files, size = make_corpus(corpus_dir, docs, 42)
        stamp.write_text(key)
        return corpus_dir, files, size
    texts = list(corpus_dir.glob("*.txt"))
    return corpus_dir, len(texts), sum(f.stat().st_size for f in texts)


def misses(s: dict[str, Any], ld: dict[str, Any], rl: dict[str, Any], sc: dict[str, Any], fb: dict[str, Any],
           lb: dict[str, Any], quick: bool) -> list[str]:
    """The goals a figure misses (for --check). A quick run checks what a small corpus can show:
    start-up and the load's ratio to its lower bounds, not the large corpus's wall time or memory."""
    figures = [("start-up / minimal typer app", s["vs_typer"], "typer"),
               ("start-up without bytecode / the same app", s["vs_typer_no_bytecode"], "typer_no_bytecode"),
               ("load CPU / its lower bounds", lb["ratio"], "bounds")]
    if not quick:
        figures += [("load wall (s)", ld["median"]["wall"], "load_s"), ("load memory (MB)", ld["median"]["pss_mb"], "load_mb"),
                    ("1,000 documents wall (s)", lb["load"]["median"]["wall"], "load_1000_s"),
                    ("start-up / sqlite-utils", s["vs_sqlite_utils"], "sqlite_utils"),
                    ("reload (s)", rl["unchanged"], "reload_s"), ("query scaling", sc["worst"], "scaling"),
                    ("first build (s)", fb["first"], "first_build_s")]
    return [f"{name} {value:.2f} > {GOALS[goal]:.2f}" for name, value, goal in figures if value > GOALS[goal]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="tiny corpus, few repeats (the smoke test)")
    ap.add_argument("--docs", type=int, help="documents in the corpus (default 10000; 200 with --quick)")
    ap.add_argument("--repeats", type=int, help="runs per timing (default 15; 2 with --quick)")
    ap.add_argument("--load-repeats", type=int, help="fresh loads (default 3; 1 with --quick)")
    ap.add_argument("--workdir", type=Path, default=BENCH / "out", help="corpus, databases and report (default bench/out)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a figure misses its goal (a quick run checks start-up "
                    "and the load's ratio to its lower bounds)")
    args = ap.parse_args(argv)
    args.docs = args.docs or (200 if args.quick else 10_000)  # 200: the parallel path, and a steady ratio to the bounds
    args.repeats = args.repeats or ((7 if args.check else 2) if args.quick else 15)
    args.load_repeats = args.load_repeats or (1 if args.quick else 3)
    started = time.perf_counter()
    work = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    r = Runner(work)
    info = machine()

    def step(text: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {text}", file=sys.stderr, flush=True)

    step(f"corpus of {args.docs} documents")
    corpus_dir, files, size = corpus_of(work, args.docs)
    corpus: dict[str, Any] = {"files": files, "mb": size / 1e6}

    small_db, big_db = work / "seeds.db", work / f"corpus-{args.docs}.db"
    small_db.unlink(missing_ok=True)
    r.run(tool("zjpolicy") + ["--db", str(small_db), "load", str(ROOT / "seeds"), "--quiet"])
    shutil.rmtree(work / "cache", ignore_errors=True)
    r.run(tool("zjpolicy") + ["targets", "--format", "csv"])  # the default database, for the start-up row

    step("1. query start-up")
    s = startup(r, small_db, args.repeats)
    step(f"2. load throughput ({args.load_repeats} fresh loads)")
    ld = load_throughput(r, corpus_dir, big_db, args.load_repeats)
    corpus["db_mb"] = big_db.stat().st_size / 1e6
    step("3. reload")
    rl = reload(r, corpus_dir, big_db, max(2, args.repeats // 3))
    step("4. query scaling")
    sc = scaling(r, small_db, big_db, args.repeats, args.quick)
    step("5. default database first build")
    fb = first_build(r, args.repeats)
    step("6. load against its lower bounds")
    bounds_dir = corpus_dir if args.quick else corpus_of(work, BOUNDS_DOCS)[0]
    lb = lower_bounds(r, bounds_dir, work / "bounds.db", 1 if args.quick else 3)
    info["load average"] = f"{info['load average']} (start), {_loadavg()} (end)"
    text = report(args, info, corpus, s, ld, rl, sc, fb, lb, time.perf_counter() - started)
    (work / "report.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    missed = misses(s, ld, rl, sc, fb, lb, args.quick) if args.check else []
    for m in missed:
        print(f"bench: goal missed: {m}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
