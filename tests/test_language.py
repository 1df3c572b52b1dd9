"""Chinese first: tables read in the locale's language (headers and the tool's own fixed values),
CSV and JSON keep stable column names and values unless --lang is given, help and errors a user
can act on speak Chinese too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import read_csv, run

from zjpolicy.render import default_lang

PLAN = "003_319bd9830f448044"
REPLY = "000_3669a09881a7b6b9"


@pytest.mark.parametrize("environ,lang", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_TW.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "C"}, "en"),
    ({}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh"),  # LC_ALL wins, as POSIX says
    ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": ""}, "en"),  # an empty variable is not set
    ({"LANG": "en_US.UTF-8", "ZJPOLICY_LANG": "zh"}, "zh"),  # the tool's own setting first
    ({"LANG": "zh_CN.UTF-8", "ZJPOLICY_LANG": "EN"}, "en"),
    ({"LANG": "zh_CN.UTF-8", "ZJPOLICY_LANG": "fr"}, "zh"),  # not a language of the tool: the locale's
])
def test_the_default_language_follows_the_locale(environ: dict[str, str], lang: str) -> None:
    assert default_lang(environ, platform="linux") == lang


def _header(out: str, first: str) -> list[str]:
    return next(line for line in out.splitlines() if line.strip().startswith(first)).split()


def test_table_headers_and_fixed_values_follow_the_locale(seeds_db: Path) -> None:
    args = ["docs", "--format", "table", "--columns", "id,kind,script,targets", "--no-pager"]
    zh = run(seeds_db, *args, LANG="zh_CN.UTF-8").stdout
    assert zh.startswith("文件：5 个") and _header(zh, "编号") == ["编号", "类别", "字体", "目标"]
    assert "答复" in zh and "计划" in zh and "繁体" in zh and "简体" in zh and "reply" not in zh
    en = run(seeds_db, *args, LANG="en_US.UTF-8").stdout
    assert en.startswith("Documents: 5") and _header(en, "id") == ["id", "kind", "script", "targets"]
    assert "reply" in en and "traditional" in en and "答复" not in en
    assert run(seeds_db, *args, LANG="en_US.UTF-8", ZJPOLICY_LANG="zh").stdout == zh
    assert run(seeds_db, *args, "--lang", "zh", LANG="en_US.UTF-8").stdout == zh  # --lang wins
    check = run(seeds_db, "check", "--format", "table", LANG="zh_CN.UTF-8").stdout
    assert "区县合计" in check and "通过" in check
    search = run(seeds_db, "search", "以上", "--limit", "0", "--format", "table", COLUMNS="200").stdout
    assert "目标" in search and "正文" in search
    none = {lang: run(seeds_db, "targets", "--year", "2031", "--format", "table", LANG=lang).stdout.splitlines()[-1]
            for lang in ("zh_CN.UTF-8", "en_US.UTF-8")}
    assert none == {"zh_CN.UTF-8": "（无结果）", "en_US.UTF-8": "(no rows)"}


def test_markdown_is_for_readers_too(seeds_db: Path) -> None:
    md = run(seeds_db, "targets", "--year", "2024", "--format", "markdown", "--columns", "year,value,comparator").stdout
    assert md.splitlines()[0] == "| 年份 | 数值 | 比较 |" and "| 2024 | 800 | 达到 |" in md


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_machine_formats_keep_their_names_whatever_the_locale(seeds_db: Path, fmt: str) -> None:
    outputs = {lang: run(seeds_db, "targets", "--year", "2024", "--format", fmt, LANG=lang).stdout
               for lang in ("zh_CN.UTF-8", "en_US.UTF-8", "C")}
    assert len(set(outputs.values())) == 1
    rows = read_csv(outputs["C"]) if fmt == "csv" else json.loads(outputs["C"])
    assert list(rows[0])[:6] == ["year", "indicator", "value", "unit", "comparator", "region"]
    assert rows[0]["region"].startswith("杭州") and rows[0]["comparator"] == "eq"  # values as stored, comparators as codes


def test_an_explicit_lang_translates_csv_and_json(seeds_db: Path, tmp_path: Path) -> None:
    zh = read_csv(run(seeds_db, "docs", "--format", "csv", "--lang", "zh", LANG="en_US.UTF-8").stdout)
    assert list(zh[0])[:5] == ["编号", "标题", "文号", "发文机关", "日期"]
    assert {r["编号"]: r["类别"] for r in zh}[REPLY] == "答复"
    en = read_csv(run(seeds_db, "docs", "--format", "csv", "--lang", "en", LANG="zh_CN.UTF-8").stdout)
    assert list(en[0])[:3] == ["id", "title", "doc_number"] and {r["id"]: r["region"] for r in en}[REPLY].startswith("Hangzhou")
    assert run(seeds_db, "export", str(tmp_path / "zh"), "--lang", "zh").exit_code == 0
    exported = read_csv((tmp_path / "zh" / "targets.csv").read_text(encoding="utf-8"))
    assert list(exported[0])[:6] == ["文件", "年份", "指标", "数值", "单位", "比较"] and exported[0]["比较"] == "达到"
    assert run(seeds_db, "export", str(tmp_path / "plain"), LANG="zh_CN.UTF-8").exit_code == 0
    plain = (tmp_path / "plain" / "targets.csv").read_text(encoding="utf-8").splitlines()[0]
    assert plain.startswith("doc,year,indicator,value,unit,comparator,key,quote")  # the gold files' columns


def test_columns_may_be_named_by_their_chinese_headers(seeds_db: Path) -> None:
    rows = read_csv(run(seeds_db, "targets", "--lang", "zh", "--columns", "年份,指标,value", "--format", "csv").stdout)
    assert list(rows[0]) == ["年份", "指标", "数值"]


def test_errors_a_user_can_act_on_name_the_fix_in_both_languages(seeds_db: Path) -> None:
    for args in (["show", "nosuch"], ["targets", "--doc", "nosuch"], ["facts", "nosuch"], ["check", "nosuch"]):
        result = run(seeds_db, *args)
        assert result.exit_code == 2
        assert result.stderr == (
            "Error: no document 'nosuch' in the database; list the ids with: zjpolicy docs (文件编号见 zjpolicy docs)\n"
        ), args
