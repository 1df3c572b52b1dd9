"""bench/run.py runs end to end on a tiny corpus and prints its five figures (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_quick_prints_all_five_figures(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--workdir", str(tmp_path)],
        check=False, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = [line for line in result.stdout.splitlines() if line.startswith("FIGURE ")]
    assert [f.split()[1] for f in figures] == ["1", "2", "3", "4", "5"], result.stdout
    for name, line in zip(["query start-up", "load", "reload", "query scaling", "default database first build"], figures):
        assert name in line, line
        assert "goal" in line, line
    assert "1 document re-extracted" in figures[2], figures[2]
    assert (tmp_path / "report.md").read_text(encoding="utf-8").count("FIGURE ") == 5
