"""bench/run.py runs end to end on a tiny corpus and prints its six figures (no timing is asserted),
and --check names exactly the goals a figure misses."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import run as bench

NAMES = ["query start-up", "load", "reload", "query scaling", "default database first build", "load against its lower bounds"]


def test_bench_quick_prints_all_six_figures(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--workdir", str(tmp_path)],
        check=False, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = [line for line in result.stdout.splitlines() if line.startswith("FIGURE ")]
    assert [f.split()[1] for f in figures] == ["1", "2", "3", "4", "5", "6"], result.stdout
    for name, line in zip(NAMES, figures):
        assert name in line, line
        assert "goal" in line, line
    assert "1 document re-extracted" in figures[2], figures[2]
    assert "CPU-s and" in figures[1] and "per 1,000 documents" in figures[1], figures[1]
    # the bounds are measured in the run: every part is there, and the load cannot beat their sum by much
    parts = dict(re.findall(r"^\| (read|opencc|regex|insert) \| ([\d.]+) \|$", result.stdout, re.MULTILINE))
    assert set(parts) == {"read", "opencc", "regex", "insert"} and all(float(v) > 0 for v in parts.values()), parts
    ratio = float(re.search(r"([\d.]+)x the sum of its lower bounds", figures[5]).group(1))  # type: ignore[union-attr]
    assert ratio > 0.8, figures[5]
    # where the load's CPU goes: each of its steps measured, and what is left of the load (start-up, workers)
    steps = dict(re.findall(r"^\| (read and normalise|extract|rows|write|the rest of the load) \| (-?[\d.]+) \|$",
                            result.stdout, re.MULTILINE))
    assert set(steps) == {"read and normalise", "extract", "rows", "write", "the rest of the load"}, steps
    assert float(steps["extract"]) > float(parts["regex"]) * 0.5, steps  # extracting includes its own regex calls
    assert (tmp_path / "report.md").read_text(encoding="utf-8").count("FIGURE ") == 6


def _figures(**worse: float) -> dict[str, Any]:
    """Figures that meet every goal, but those given."""
    s = {"vs_typer": 1.0, "vs_typer_no_bytecode": 1.0, "vs_sqlite_utils": 0.5}
    load = {"wall": 30.0, "pss_mb": 100.0}
    load_1000 = {"wall": 3.0}
    lb: dict[str, Any] = {"ratio": 1.1, "load": {"median": load_1000}}
    for key, value in worse.items():
        for figures in (s, load, lb, load_1000):
            if key in figures:
                figures[key] = value
    ld = {"median": load}
    return {"s": s, "ld": ld, "rl": {"unchanged": 0.2}, "sc": {"worst": 1.1}, "fb": {"first": 0.3}, "lb": lb}


def test_check_names_the_goals_missed_and_a_quick_run_checks_what_it_can_show() -> None:
    assert bench.misses(**_figures(), quick=False) == []
    assert bench.misses(**_figures(vs_typer=1.2, ratio=1.5), quick=True) == [
        "start-up / minimal typer app 1.20 > 1.10", "load CPU / its lower bounds 1.50 > 1.30"]
    # the large corpus's wall time is a full run's figure, not a quick one's
    assert bench.misses(**_figures(pss_mb=900.0), quick=True) == []
    assert bench.misses(**_figures(pss_mb=900.0), quick=False) == ["load memory (MB) 900.00 > 500.00"]
