"""The commands end to end, against a database of the seeds, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS, read_csv, run

HANGZHOU_PLAN = "003_319bd9830f448044"
DISTRICT_REPLY = "000_3669a09881a7b6b9"


def test_targets_2024_holds_the_plans_rnd_intensity(seeds_db: Path) -> None:
    result = run(seeds_db, "targets", "--year", "2024", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout)
    assert {r["year"] for r in rows} == {"2024"}
    intensity = [r for r in rows if r["unit"] == "%" and "地区生产总值" in r["indicator"]]
    assert [(r["value"], r["comparator"], r["doc"]) for r in intensity] == [("3.95", "eq", HANGZHOU_PLAN)]
    rnd = [r for r in rows if r["indicator"] == "全社会研究与试验发展经费支出"]
    assert [(r["value"], r["unit"], r["value_base"]) for r in rnd] == [("800", "亿元", "80000000000")]


def test_targets_are_sorted_by_year_then_document_order(seeds_db: Path) -> None:
    rows = read_csv(run(seeds_db, "targets", "--format", "csv").stdout)
    keys = [(int(r["year"]), r["doc"], int(r["start"])) for r in rows]
    assert keys == sorted(keys)
    assert {r["year"] for r in rows} == {"2022", "2023", "2024", "2025"}


@pytest.mark.parametrize("option,value,check", [
    ("--region", "宁波", lambda r: r["doc"] == "004_9a95156947d6f080" or r["doc"] == "001_509357e0b9b1b6c5"),
    ("--doc", "002_9804b8b14b1b85b8", lambda r: r["doc"] == "002_9804b8b14b1b85b8"),
    ("--grep", "博士", lambda r: "博士" in r["indicator"] or "博士" in r["quote"]),
])
def test_target_filters(seeds_db: Path, option: str, value: str, check: object) -> None:
    rows = read_csv(run(seeds_db, "targets", option, value, "--format", "csv").stdout)
    assert rows, f"{option} {value} found nothing"
    assert all(check(r) for r in rows)  # type: ignore[operator]


def test_every_target_quote_is_its_span_of_the_stored_text(seeds_db: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(seeds_db)
    bad = conn.execute(
        "select count(*) from targets t join documents d on d.id = t.doc_id"
        " where substr(d.text, t.start + 1, t.end - t.start) != t.quote"
        " or instr(t.quote, substr(d.text, t.value_start + 1, t.value_end - t.value_start)) = 0"
    ).fetchone()[0]
    assert bad == 0


def test_districts_sorted_by_rnd_puts_binjiang_first_with_593(seeds_db: Path) -> None:
    rows = read_csv(run(seeds_db, "districts", "--sort", "rnd", "--format", "csv", "--with-total").stdout)
    assert rows[0]["district"] == "滨江区" and rows[0]["市研发中心"] == "593"
    body = rows[:-1]
    assert [int(r["市研发中心"]) for r in body] == sorted((int(r["市研发中心"]) for r in body), reverse=True)
    total = rows[-1]
    assert total["district"] == "合计" and total["is_total"] == "1" and {r["is_total"] for r in body} == {"0"}
    assert [total[c] for c in ("市研发中心", "省研发中心", "省企业研究院", "省重点企业研究院")] == ["3050", "1941", "599", "132"]
    assert all(int(r["total"]) == sum(int(r[c]) for c in ("市研发中心", "省研发中心", "省企业研究院", "省重点企业研究院")) for r in body)


def test_districts_other_sorts(seeds_db: Path) -> None:
    by_name = [r["district"] for r in read_csv(run(seeds_db, "districts", "--sort", "name", "--asc", "--format", "csv").stdout)]
    assert by_name == sorted(by_name) and "合计" not in by_name
    key_inst = read_csv(run(seeds_db, "districts", "--sort", "key-inst", "--asc", "--format", "csv").stdout)
    assert key_inst[0]["district"] == "淳安县" and key_inst[0]["省重点企业研究院"] == "0"
    total = read_csv(run(seeds_db, "districts", "--sort", "total", "--format", "csv").stdout)
    assert total[0]["district"] == "滨江区" and total[0]["total"] == "1160"


def test_districts_table_shows_the_documents_total_as_footer(seeds_db: Path) -> None:
    result = run(seeds_db, "districts", "--sort", "rnd", "--format", "table")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    first_row = next(i for i, line in enumerate(lines) if "滨江区" in line)
    footer = next(i for i, line in enumerate(lines) if line.strip().startswith("合计"))
    assert first_row < footer
    assert all(n in lines[footer] for n in ("3050", "1941", "599", "132"))
    assert "warning" not in result.output  # the seed's rows add up to its 合计


def test_owners_by_agency_lists_every_task_lead_first(seeds_db: Path) -> None:
    rows = read_csv(run(seeds_db, "owners", "--agency", "市经信局", "--format", "csv").stdout)
    assert rows and all(r["agency"] == "市经信局" for r in rows)
    positions = [int(r["position"]) for r in rows]
    assert positions == sorted(positions, key=lambda p: p != 1)
    assert {r["task"] for r in rows if r["position"] == "1"} == {"5", "7", "8", "10"}
    assert "3" in {r["task"] for r in rows}


def test_owners_of_task_7_with_the_all_districts_note(seeds_db: Path) -> None:
    result = run(seeds_db, "owners", "--task", "7", "--format", "table")
    assert result.exit_code == 0, result.output
    assert "实施科技成果转移转化" in result.stdout
    assert "以下均需各区、县〔市〕落实" in result.stdout
    rows = read_csv(run(seeds_db, "owners", "--task", "7", "--format", "csv").stdout)
    assert [(r["clause"], r["position"], r["agency"]) for r in rows] == [
        ("1", "1", "市科技局"), ("2", "1", "市经信局"), ("2", "2", "市科技局"), ("2", "3", "市财政局"), ("2", "4", "市市场监管局"),
    ]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "markdown", "table"])
def test_every_listing_command_takes_every_format(seeds_db: Path, fmt: str) -> None:
    for command in ("targets", "districts", "owners", "docs"):
        result = run(seeds_db, command, "--format", fmt)
        assert result.exit_code == 0, (command, result.output)
        out = result.stdout
        if fmt == "json":
            assert isinstance(json.loads(out), list) and json.loads(out)
        elif fmt == "jsonl":
            assert all(json.loads(line) for line in out.splitlines())
        elif fmt in ("csv", "tsv"):
            sep = "," if fmt == "csv" else "\t"
            header = out.splitlines()[0].split(sep)
            assert len(out.splitlines()) > 1 and len(header) >= 4
        elif fmt == "markdown":
            assert out.splitlines()[1].startswith("| ---") or out.splitlines()[1].startswith("|---") or "---" in out.splitlines()[1]


def test_csv_json_and_jsonl_hold_the_same_rows(seeds_db: Path) -> None:
    as_csv = read_csv(run(seeds_db, "targets", "--format", "csv").stdout)
    as_json = json.loads(run(seeds_db, "targets", "--format", "json").stdout)
    as_jsonl = [json.loads(x) for x in run(seeds_db, "targets", "--format", "jsonl").stdout.splitlines()]
    assert as_json == as_jsonl
    assert len(as_csv) == len(as_json)
    assert [r["indicator"] for r in as_csv] == [r["indicator"] for r in as_json]
    assert all(isinstance(r["value"], (int, float)) for r in as_json)


def test_piped_output_without_a_format_is_csv(seeds_db: Path) -> None:
    # CliRunner's stdout is not a terminal, as with `zjpolicy targets > file.csv`
    rows = read_csv(run(seeds_db, "targets", "--year", "2024").stdout)
    assert rows and set(rows[0]) >= {"year", "indicator", "value", "unit", "comparator", "region", "doc", "quote"}


def test_table_output_wraps_chinese_rather_than_cutting_it(seeds_db: Path) -> None:
    result = run(seeds_db, "targets", "--year", "2024", "--format", "table", COLUMNS="80")
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    assert "3.95" in result.stdout


def test_docs_lists_metadata(seeds_db: Path) -> None:
    rows = {r["id"]: r for r in json.loads(run(seeds_db, "docs", "--format", "json").stdout)}
    plan = rows[HANGZHOU_PLAN]
    assert plan["doc_number"] == "杭科领办〔2024〕1号"
    assert plan["date"] == "2024-03-12" and plan["year"] == 2024 and plan["kind"] == "plan"
    assert "2024年工作计划" in plan["title"]
    assert rows[DISTRICT_REPLY]["script"] == "traditional" and rows[DISTRICT_REPLY]["kind"] == "reply"
    assert rows["004_9a95156947d6f080"]["doc_number"] == "甬政办发〔2022〕51号"
    assert rows["002_9804b8b14b1b85b8"]["region"] == "萧山区"


def test_export_writes_the_three_tidy_csvs(seeds_db: Path, tmp_path: Path) -> None:
    result = run(seeds_db, "export", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    targets = read_csv((tmp_path / "out" / "targets.csv").read_text(encoding="utf-8"))
    owners = read_csv((tmp_path / "out" / "owners.csv").read_text(encoding="utf-8"))
    districts = read_csv((tmp_path / "out" / "districts.csv").read_text(encoding="utf-8"))
    assert set(targets[0]) >= {"doc", "year", "indicator", "value", "unit", "comparator", "key", "quote"}
    assert set(owners[0]) >= {"doc", "task", "task_title", "clause", "role", "position", "agency"}
    assert set(districts[0]) >= {"doc", "district", "institution", "count"}
    assert len(owners) == 99 and len(districts) == 56
    binjiang = [r for r in districts if r["district"] == "滨江区"]
    assert {(r["institution"], r["count"]) for r in binjiang} == {
        ("市研发中心", "593"), ("省研发中心", "403"), ("省企业研究院", "116"), ("省重点企业研究院", "48"),
    }


def test_traditional_document_is_converted_and_keeps_its_original(seeds_db: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(seeds_db)
    text, original = conn.execute("select text, original from documents where id = ?", (DISTRICT_REPLY,)).fetchone()
    assert "濱江區" in original and "濱江區" not in text and "滨江区" in text
    assert len(text) > 0.95 * len(original)


def test_the_library_is_made_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZJPOLICY_DATA_DIR", str(tmp_path / "data"))
    first = run(None, "targets", "--year", "2024", "--format", "csv")
    assert first.exit_code == 0, first.output
    assert first.stderr == f"Making your library from the bundled seeds: {tmp_path / 'data' / 'library.db'}\n"
    second = run(None, "targets", "--year", "2024", "--format", "csv")
    assert second.stderr == "" and second.stdout == first.stdout


def test_zjpolicy_db_environment_variable_selects_the_database(seeds_db: Path) -> None:
    result = run(None, "docs", "--format", "csv", ZJPOLICY_DB=str(seeds_db))
    assert result.exit_code == 0 and result.stderr == ""
    assert len(read_csv(result.stdout)) == 5


def test_load_replaces_the_database_with_exactly_the_documents_given(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert run(db, "load", str(SEEDS)).exit_code == 0
    result = run(db, "load", str(SEEDS / "003_319bd9830f448044.txt"), "--replace")
    assert result.exit_code == 0, result.output
    rows = read_csv(run(db, "docs", "--format", "csv").stdout)
    assert [r["id"] for r in rows] == [HANGZHOU_PLAN]


@pytest.mark.parametrize("args,message", [
    (["targets", "--year", "abc"], "Error: --year abc: give a four-digit year such as 2024"),
    (["districts", "--sort", "foo"], "Error: --sort foo: choose one of rnd, prov-rnd, inst, key-inst, total, name"),
    (["targets", "--format", "xls"], "Error: --format xls: choose one of table, csv, tsv, json, jsonl, markdown"),
])
def test_bad_option_values_give_one_line_errors(seeds_db: Path, args: list[str], message: str) -> None:
    result = run(seeds_db, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_query_of_a_missing_database_is_an_error_not_a_new_file(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = run(db, "targets")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: no database at {db}; build one with: zjpolicy --db {db} load FILES (先用 load 导入文件建库)"
    )
    assert not db.exists()


def test_failed_load_leaves_the_previous_database_usable(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert run(db, "load", str(SEEDS)).exit_code == 0
    before = db.read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run(db, "load", str(empty))
    assert result.exit_code == 2 and "empty file" in result.stderr
    assert db.read_bytes() == before
    assert len(read_csv(run(db, "docs", "--format", "csv").stdout)) == 5


# ---------------------------------------------------------------- start-up: only the command run is built


def _modules_after(args: list[str]) -> list[str]:
    """The command modules, render's submodules and a few heavy modules a fresh `zjpolicy ARGS` has imported."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from zjpolicy.cli import main\n"
        f"sys.argv = ['zjpolicy', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "watched = [m for m in sys.modules if m.startswith(('zjpolicy.cli.', 'zjpolicy.render.'))"
        " or m in ('csv', 'json', 'rich', 'zjpolicy.queries', 'zjpolicy.tracking', 'zjpolicy.regions', 'zjpolicy.places',"
        " 'zjpolicy.measures')]\n"
        "sys.stderr.write('\\nMODULES: ' + ' '.join(sorted(watched)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60)
    line = result.stderr.splitlines()[-1]
    assert line.startswith("MODULES:"), result.stderr
    return line.split()[1:]


def test_help_lists_every_command_without_importing_one() -> None:
    from zjpolicy.cli import COMMANDS

    out = run(None, "--help").stdout
    listed = [line.split()[0] for line in out.split("Commands:")[1].splitlines() if line[:3].strip()]
    assert listed == list(COMMANDS)
    for name, (_, english, chinese) in COMMANDS.items():  # beside each name, its purpose in Chinese, then English
        assert f"{name} {chinese} {english}" in " ".join(out.split()), name
    assert _modules_after(["--help"]) == []


def test_a_command_imports_its_module_and_what_it_needs_only(seeds_db: Path) -> None:
    csv = _modules_after(["--db", str(seeds_db), "targets", "--year", "2024", "--format", "csv"])
    assert csv == ["csv", "zjpolicy.cli.options", "zjpolicy.cli.targets", "zjpolicy.queries", "zjpolicy.render.language",
                   "zjpolicy.render.sheet"]
    shown = _modules_after(["--db", str(seeds_db), "show", HANGZHOU_PLAN, "--format", "json"])
    assert shown == ["json", "zjpolicy.cli.options", "zjpolicy.cli.show", "zjpolicy.queries", "zjpolicy.render.language",
                     "zjpolicy.render.sheet"]
    facts = _modules_after(["--db", str(seeds_db), "facts", HANGZHOU_PLAN, "--format", "table"])
    assert facts == ["rich", "zjpolicy.cli.check", "zjpolicy.cli.options", "zjpolicy.queries", "zjpolicy.render.language",
                     "zjpolicy.render.sheet", "zjpolicy.render.terminal", "zjpolicy.render.wrap"]


def test_the_views_across_documents_import_the_divisions_only_when_they_need_places(seeds_db: Path) -> None:
    """`targets` reads places only for --region; compare and progress always (a row's region is a place)."""
    common = ["zjpolicy.cli.options", "zjpolicy.queries", "zjpolicy.render.language", "zjpolicy.render.sheet"]
    region = _modules_after(["--db", str(seeds_db), "targets", "--region", "杭州市", "--format", "csv"])
    assert region == sorted(["csv", *common, "zjpolicy.cli.targets", "zjpolicy.places", "zjpolicy.regions"])
    measured = _modules_after(["--db", str(seeds_db), "targets", "--measure", "rd_intensity", "--format", "csv"])
    assert measured == sorted(["csv", *common, "zjpolicy.cli.targets", "zjpolicy.measures", "zjpolicy.tracking"])
    views = ["zjpolicy.measures", "zjpolicy.places", "zjpolicy.regions", "zjpolicy.tracking"]
    compare = _modules_after(["--db", str(seeds_db), "compare", "rd_intensity", "--format", "csv"])
    assert compare == sorted(["csv", *common, "zjpolicy.cli.compare", *views])
    progress = _modules_after(["--db", str(seeds_db), "progress", "--format", "csv"])
    assert progress == sorted(["csv", *common, "zjpolicy.cli.progress", *views])
    listed = _modules_after(["--db", str(seeds_db), "measures", "--format", "json"])
    assert listed == sorted(["json", *common, "zjpolicy.cli.measures", "zjpolicy.measures", "zjpolicy.tracking"])


def test_each_commands_help_begins_with_its_line_of_the_table() -> None:
    from zjpolicy.cli import COMMANDS

    for name, (_, english, chinese) in COMMANDS.items():
        result = run(None, name, "--help")
        assert result.exit_code == 0, result.output
        help_text = " ".join(result.stdout.split("Options:")[0].split())
        assert f"Usage: zjpolicy {name} " in help_text, name
        assert f"{chinese} {' '.join(english.split())}" in help_text, name


def test_a_mistyped_command_is_suggested_without_building_any() -> None:
    result = run(None, "targts")
    assert result.exit_code == 2 and "Did you mean 'targets'?" in result.output


def test_no_string_annotations_in_the_cli() -> None:
    """typer evaluates every annotation of a command: strings would cost start-up time."""
    folder = Path(__file__).resolve().parents[1] / "src" / "zjpolicy" / "cli"
    assert sorted(p.name for p in folder.glob("*.py") if "from __future__ import annotations" in p.read_text()) == []
