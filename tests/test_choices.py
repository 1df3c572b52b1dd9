"""Conventions people expect: choices shown and completed as choices, document ids completed,
`districts` naming the table it shows among several and listing them, one error for an unknown id."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import load_text, read_csv, run

TWO_TABLES = """台州市各县(市、区)研发机构统计表
| 县(市、区) | 省企业研究院 | 省重点企业研究院 |
| 椒江区 | 30 | 5 |
| 黄岩区 | 25 | 4 |
| 温岭市 | 40 | 7 |
| 合计 | 95 | 16 |

二、高新技术企业统计表
| 县(市、区) | 高新技术企业 | 科技型中小企业 |
| 椒江区 | 300 | 500 |
| 黄岩区 | 250 | 400 |
| 合计 | 550 | 900 |
"""


@pytest.mark.parametrize("command,shown", [
    ("targets", "--format [table|csv|tsv|json|jsonl|markdown]"),
    ("targets", "--lang [zh|en]"),
    ("districts", "--sort [rnd|prov-rnd|inst|key-inst|total|name|COLUMN]"),
    ("show", "--format [text|json]"),
])
def test_help_shows_the_choices(command: str, shown: str) -> None:
    assert shown in " ".join(run(None, command, "--help").stdout.split())


def _complete(words: str, **env: str) -> list[str]:
    """What bash completion offers for the command line `words` (the last word being typed)."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    result = subprocess.run(
        [sys.executable, "-m", "zjpolicy"], capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "_ZJPOLICY_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword), **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_choices_and_document_ids_complete(seeds_db: Path) -> None:
    assert _complete("zjpolicy targets --format ") == ["table", "csv", "tsv", "json", "jsonl", "markdown"]
    assert _complete("zjpolicy targets --format j") == ["json", "jsonl"]
    assert _complete("zjpolicy docs --lang ") == ["zh", "en"]
    assert _complete("zjpolicy districts --sort k") == ["key-inst"]
    ids = ["000_3669a09881a7b6b9", "001_509357e0b9b1b6c5", "002_9804b8b14b1b85b8", "003_319bd9830f448044",
           "004_9a95156947d6f080"]
    assert _complete(f"zjpolicy --db {seeds_db} show ") == ids
    assert _complete(f"zjpolicy --db {seeds_db} facts 00") == ids
    assert _complete(f"zjpolicy --db {seeds_db} targets --doc 003") == ["003_319bd9830f448044"]
    assert _complete("zjpolicy show 00", ZJPOLICY_DB=str(seeds_db)) == ids
    assert _complete(f"zjpolicy --db {seeds_db.parent / 'none.db'} show ") == []  # no database: nothing, no error
    assert not (seeds_db.parent / "none.db").exists()


def test_districts_says_which_table_it_shows_and_lists_them(tmp_path: Path) -> None:
    db = load_text(tmp_path, "two", TWO_TABLES)
    tables = read_csv(run(db, "districts", "--tables", "--format", "csv").stdout)
    assert [(t["doc"], t["table_no"], t["title"], t["districts"]) for t in tables] == [
        ("two", "1", "台州市各县(市、区)研发机构统计表", "3"), ("two", "2", "二、高新技术企业统计表", "2"),
    ]
    assert tables[1]["columns"] == "高新技术企业、科技型中小企业"
    shown = run(db, "districts", "--format", "table")
    assert shown.stdout.startswith("台州市各县(市、区)研发机构统计表 (two) — 第 1 个表，共 2 个；zjpolicy districts --tables 列出全部")
    piped = run(db, "districts", "--format", "csv")
    assert piped.stderr == "note: two table 1 of 2 (zjpolicy districts --tables lists them)\n"
    second = read_csv(run(db, "districts", "--table", "2", "--format", "csv").stdout)
    assert [r["district"] for r in second] == ["椒江区", "黄岩区"]  # no 市研发中心 in it: sorted by total
    one = load_text(tmp_path, "one", TWO_TABLES.split("\n\n")[0])
    assert "个表" not in run(one, "districts", "--format", "table").stdout  # one table: nothing to say


def test_an_unknown_document_is_the_same_error_everywhere(seeds_db: Path) -> None:
    errors = {
        " ".join(args): run(seeds_db, *args)
        for args in (["show", "nosuch"], ["targets", "--doc", "nosuch"], ["owners", "--doc", "nosuch"],
                     ["districts", "--doc", "nosuch"], ["search", "研发", "--doc", "nosuch"], ["facts", "nosuch"])
    }
    assert {(r.exit_code, r.stderr) for r in errors.values()} == {
        (2, "Error: no document 'nosuch' in the database; list the ids with: zjpolicy docs (文件编号见 zjpolicy docs)\n")
    }
