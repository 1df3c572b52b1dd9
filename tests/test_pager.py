"""On a terminal, long output goes through a pager (as `git log` does); --no-pager writes it straight
out, short output is never paged, and a table piped to another program says on the terminal that
it became CSV. Run in a pseudo-terminal of a fixed size."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import read_terminal

pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX only")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("pseudo-terminals are POSIX only", allow_module_level=True)

PAGER = "import sys; open(sys.argv[1], 'wb').write(sys.stdin.buffer.read())\n"


def _on_terminal(
    args: list[str], env: dict[str, str], *, rows: int = 24, columns: int = 100, stdout_pipe: bool = False
) -> tuple[int, str, str]:
    """`python -m zjpolicy ARGS` with a pseudo-terminal of rows × columns as its terminal (stdout a pipe
    with stdout_pipe); what the terminal showed, and what stdout carried when it was a pipe."""
    import struct

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}  # the terminal's size rules
    child = subprocess.Popen(
        [sys.executable, "-m", "zjpolicy", *args], stdin=slave, stdout=subprocess.PIPE if stdout_pipe else slave,
        stderr=slave, env={**environ, **env}, close_fds=True,
    )
    os.close(slave)
    shown = read_terminal(master, timeout=30)
    piped = child.stdout.read() if child.stdout else b""
    code = child.wait(timeout=30)
    os.close(master)
    return code, shown.decode("utf-8", "replace").replace("\r\n", "\n"), piped.decode("utf-8")


@pytest.fixture
def pager(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A pager that writes what it is given to a file, and the environment that names it."""
    script, paged = tmp_path / "pager.py", tmp_path / "paged.txt"
    script.write_text(PAGER, encoding="utf-8")
    return {"ZJPOLICY_PAGER": f"{sys.executable} {script} {paged}", "NO_COLOR": "1", "LANG": "zh_CN.UTF-8"}, paged


def test_a_long_table_goes_through_the_pager(seeds_db: Path, pager: tuple[dict[str, str], Path]) -> None:
    env, paged = pager
    code, shown, _ = _on_terminal(["--db", str(seeds_db), "targets", "--year", "2024"], env)
    assert code == 0, shown
    assert "800" not in shown  # the terminal got nothing: the pager had it all
    text = paged.read_text(encoding="utf-8")
    assert text.startswith("目标：47 条") and "━━━" in text and "15.5万件" in text  # the table, not CSV
    from rich.cells import cell_len

    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)  # bold headers, the one style NO_COLOR leaves
    assert max(cell_len(line) for line in plain.splitlines()) <= 100  # as wide as the terminal


def test_no_pager_writes_straight_to_the_terminal(seeds_db: Path, pager: tuple[dict[str, str], Path]) -> None:
    env, paged = pager
    code, shown, _ = _on_terminal(["--db", str(seeds_db), "targets", "--year", "2024", "--no-pager"], env)
    assert code == 0, shown
    assert shown.startswith("目标：47 条") and "15.5万件" in shown
    assert not paged.exists()


def test_output_that_fits_the_screen_is_not_paged(seeds_db: Path, pager: tuple[dict[str, str], Path]) -> None:
    env, paged = pager
    code, shown, _ = _on_terminal(["--db", str(seeds_db), "docs"], env, rows=50, columns=200)
    assert code == 0, shown
    assert shown.startswith("文件：5 个") and not paged.exists()


def test_paging_is_off_with_an_empty_or_cat_pager(seeds_db: Path, pager: tuple[dict[str, str], Path]) -> None:
    env, paged = pager
    for value in ("", "cat"):
        code, shown, _ = _on_terminal(["--db", str(seeds_db), "targets"], {**env, "ZJPOLICY_PAGER": value})
        assert code == 0 and "目标：70 条" in shown and not paged.exists()


def test_a_missing_pager_is_no_error(seeds_db: Path, pager: tuple[dict[str, str], Path]) -> None:
    env, _ = pager
    code, shown, _ = _on_terminal(["--db", str(seeds_db), "targets"], {**env, "ZJPOLICY_PAGER": "no-such-pager-x"})
    assert code == 0 and "目标：70 条" in shown


def test_a_pipe_gets_csv_and_the_terminal_hears_why(seeds_db: Path, pager: tuple[dict[str, str], Path]) -> None:
    env, paged = pager
    code, shown, piped = _on_terminal(["--db", str(seeds_db), "targets", "--year", "2024"], env, stdout_pipe=True)
    assert code == 0, shown
    assert piped.startswith("year,indicator,value,unit,comparator") and not paged.exists()
    assert "stdout is a pipe, so this is CSV; --format table for the table" in shown
    code, shown, piped = _on_terminal(["--db", str(seeds_db), "targets", "--format", "csv"], env, stdout_pipe=True)
    assert code == 0 and shown == ""  # asked for CSV: nothing to say


def test_show_pages_a_long_text(seeds_db: Path, pager: tuple[dict[str, str], Path]) -> None:
    env, paged = pager
    code, shown, _ = _on_terminal(["--db", str(seeds_db), "show", "003_319bd9830f448044"], env)
    assert code == 0 and "id:" in paged.read_text(encoding="utf-8") and "杭科领办〔2024〕1号" not in shown
    paged.unlink()
    code, shown, _ = _on_terminal(["--db", str(seeds_db), "show", "003_319bd9830f448044", "--no-pager"], env)
    assert code == 0 and "杭科领办〔2024〕1号" in shown and not paged.exists()
