"""Common measures: the rules that decide between two measures, and a user's own measures file."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Case, cases

from zjpolicy import measures
from zjpolicy.errors import ZjpolicyError
from zjpolicy.measures import MeasureSet, load_measures

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test reads the real user config folder, and the active set is restored afterwards."""
    monkeypatch.setenv("ZJPOLICY_CONFIG_DIR", str(tmp_path / "config"))
    saved = (list(measures._ACTIVE), list(measures._EXTRA))
    measures._ACTIVE.clear()
    measures._EXTRA[:] = [None]
    yield
    measures._ACTIVE[:], measures._EXTRA[:] = saved


@pytest.fixture(scope="module")
def builtin() -> MeasureSet:
    return load_measures(config_file=Path("/nonexistent/measures.toml"))


def measure(ms: MeasureSet, indicator: str, unit: str, context: str = "", before: str = "", heading: str = "") -> str:
    return measures.reader(ms).classify(indicator, unit=unit, context=context, before=before, heading=heading)


@pytest.mark.parametrize("case", cases("measures", name="indicator"))
def test_measure_rules(builtin: MeasureSet, case: Case) -> None:
    """The cases of tests/cases/measures.toml, one table per rule, each with why it is expected so."""
    got = measure(builtin, case["indicator"], case["unit"], case["context"], case.get("before", ""))
    assert got == case["measure"]


def test_a_heading_that_names_a_zone_makes_its_targets_the_zones(builtin: MeasureSet) -> None:
    args = ("高新技术企业", "家", "力争高新技术企业达120家")
    assert measure(builtin, *args) == "hitech_firms"
    assert measure(builtin, *args, heading="1.推进岳阳临港国家高新区创建") == ""
    assert measure(builtin, *args, heading="一、工作目标") == "hitech_firms"


def _canonical(ms: MeasureSet, m: measures.Measure) -> tuple[str, str]:
    """A plain wording of a measure, and its unit, built from its data."""
    if m.names:
        return m.names[0], m.unit
    word = ms.subjects[m.subject].wordings()[0]
    if m.kind == "share":
        return f"{word}占{ms.subjects[m.of].wordings()[0]}比重达到", m.unit
    if m.kind == "growth":
        return f"{word}增长", m.unit
    if m.kind == "flow":
        return f"新增{word}", m.unit
    if m.kind == "stock":
        return f"{word}总数达到", m.unit
    return f"全社会{word}达到", "亿" + m.unit


def test_every_builtin_measure_is_reachable(builtin: MeasureSet) -> None:
    assert len(builtin.measures) == 28
    for m in builtin:
        wording, unit = _canonical(builtin, m)
        assert measure(builtin, wording, unit, f"{wording}12{unit}") == m.id, (m.id, wording)


def test_measure_records_list_the_data(builtin: MeasureSet) -> None:
    rd = builtin.measures["rd_intensity"]
    assert (rd.zh, rd.en, rd.kind, rd.unit, rd.of) == (
        "研发经费投入强度", "R&D intensity (R&D spending / GDP)", "share", "%", "gdp")
    assert {m.kind for m in builtin} == {"share", "amount", "growth", "stock", "flow", "ratio"}
    assert [m.id for m in measures.all_measures()][:3] == ["rd_intensity", "rd_spending", "rd_spending_growth"]


# ---------------------------------------------------------------- a user's own measures

PATENT_GRANTS = """
[measure.patent_grants]
zh = "发明专利授权量"
en = "Invention patents granted"
kind = "flow"
unit = "件"
names = ["发明专利授权量"]

[subject.training]
words = ["科技特派员"]

[measure.st_envoys]
zh = "科技特派员"
en = "S&T envoys sent"
kind = "flow"
unit = "人"
subject = "training"
"""


def test_a_users_file_adds_measures(tmp_path: Path, builtin: MeasureSet) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(PATENT_GRANTS, encoding="utf-8")
    ms = load_measures(path, config_file=tmp_path / "none.toml")
    assert measure(ms, "发明专利授权量", "件", "全年发明专利授权量达到5000件") == "patent_grants"
    assert measure(ms, "科技特派员", "人", "新增科技特派员80人") == "st_envoys"
    assert measure(builtin, "发明专利授权量", "件", "全年发明专利授权量达到5000件") == ""
    # the built-in measures are still there, and the set has changed
    assert len(ms.measures) == 30 and measure(ms, "研发投入强度", "%", "研发投入强度达到3%") == "rd_intensity"
    assert ms.fingerprint() != builtin.fingerprint()
    assert ms.measures["patent_grants"].origin == str(path)


def test_a_users_file_may_list_measures_with_their_ids(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[[measure]]\nid = "grants"\nzh = "发明专利授权量"\nkind = "flow"\nunit = "件"\n'
                    'names = ["发明专利授权量"]\n', encoding="utf-8")
    ms = load_measures(path, config_file=tmp_path / "none.toml")
    assert measure(ms, "发明专利授权量", "件", "发明专利授权量达到5000件") == "grants"


def test_the_config_folder_file_is_read(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "measures.toml").write_text(PATENT_GRANTS, encoding="utf-8")
    assert measures.user_file() == config / "measures.toml"
    assert measures.classify("发明专利授权量", unit="件", context="发明专利授权量达到5000件") == "patent_grants"


def test_use_measures_file_changes_the_active_set_and_its_fingerprint(tmp_path: Path) -> None:
    before = measures.measure_set_fingerprint()
    assert measures.measure_set_fingerprint() == before  # stable
    path = tmp_path / "mine.toml"
    path.write_text(PATENT_GRANTS, encoding="utf-8")
    measures.use_measures_file(path)
    assert measures.measure_set_fingerprint() != before
    assert "patent_grants" in {m.id for m in measures.all_measures()}


def test_a_user_measure_may_replace_a_builtin_one_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[measure.rd_intensity]\nzh = "研发强度"\nkind = "share"\nunit = "%"\nnames = ["研发强度指标"]\n',
                    encoding="utf-8")
    ms = load_measures(path, config_file=tmp_path / "none.toml")
    assert ms.notes == (f"{path}: measure 'rd_intensity' replaces the built-in one",)
    assert measure(ms, "研发强度指标", "%", "研发强度指标达到3%") == "rd_intensity"


def test_a_users_words_extend_the_builtin_lists(tmp_path: Path, builtin: MeasureSet) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[words]\nlead = ["狠抓"]\n', encoding="utf-8")
    ms = load_measures(path, config_file=tmp_path / "none.toml")
    assert measure(builtin, "高新技术企业", "家", "狠抓高新技术企业达到500家") == ""
    assert measure(ms, "高新技术企业", "家", "狠抓高新技术企业达到500家") == "hitech_firms"


BAD_FILES = [
    ('[measure.x]\nzh = "某"\nkind = "level"\nunit = "%"\nnames = ["某某"]\n',
     "measure 'x': unknown kind 'level' (one of share, amount, growth, stock, flow, ratio)"),
    ('[measure.x]\nkind = "share"\nunit = "%"\nnames = ["某某"]\n', "measure 'x': missing zh"),
    ('[measure.x]\nzh = "某"\nkind = "share"\nnames = ["某某"]\n', "measure 'x': missing unit"),
    ('[measure.x]\nzh = "某"\nkind = "share"\nunit = "%"\n', "measure 'x': needs names or a subject"),
    ('[measure.x]\nzh = "某"\nkind = "share"\nunit = "%"\nnmes = ["某某"]\n',
     "measure 'x': unknown key 'nmes' (known: better, en, kind, names, of, subject, unit, whole, zh)"),
    ('[measure.x]\nzh = "某"\nkind = "share"\nunit = "%"\nsubject = "nothing"\n',
     "measure 'x' names subject 'nothing', which is not defined"),
    ('[measure."x-y"]\nzh = "某"\nkind = "share"\nunit = "%"\nnames = ["某某"]\n',
     "measure id 'x-y' must be letters, digits and _"),
    ('[measure.x]\nzh = "某"\nkind = "share"\nunit = "%"\nnames = "研发投入强度"\n',
     "mine.toml: the wording '研发投入强度' of measure 'x' already names measure 'rd_intensity'"),
    ('[measure.x]\nzh = "某"\nkind = "growth"\nunit = "%"\nsubject = "gdp"\n',
     "measure 'x' reads the same as 'gdp_growth' (subject gdp, kind growth)"),
    ('[words]\nleads = ["狠抓"]\n', "unknown word list [words] 'leads'"),
    ('[measures.x]\nzh = "某"\n', "unknown section [measures] (known: measure, subject, words)"),
    ("[measure.x\n", "not valid TOML"),
    ('[[measure]]\nzh = "某"\nkind = "share"\nunit = "%"\nnames = ["某某"]\n', "measure number 1 has no id"),
    ('[[measure]]\nid = "x"\nzh = "某"\nkind = "share"\nunit = "%"\nnames = ["某某"]\n' * 2,
     "measure 'x' is defined twice"),
]


@pytest.mark.parametrize(("text", "problem"), BAD_FILES)
def test_a_bad_users_file_is_a_one_line_error_naming_it(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ZjpolicyError) as err:
        load_measures(path, config_file=tmp_path / "none.toml")
    message = str(err.value)
    assert "\n" not in message and problem in message and message.startswith(str(path))


def test_a_missing_or_undecodable_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ZjpolicyError, match=r"^\S*missing\.toml: no such measures file$"):
        load_measures(tmp_path / "missing.toml", config_file=tmp_path / "none.toml")
    (tmp_path / "gbk.toml").write_bytes('[measure.x]\nzh = "研发"\n'.encode("gbk"))
    with pytest.raises(ZjpolicyError, match=r"gbk\.toml: not UTF-8 text$"):
        load_measures(tmp_path / "gbk.toml", config_file=tmp_path / "none.toml")


def test_a_bad_file_leaves_the_active_set_alone(tmp_path: Path) -> None:
    before = measures.measure_set_fingerprint()
    path = tmp_path / "bad.toml"
    path.write_text('[measure.x]\nkind = "level"\n', encoding="utf-8")
    with pytest.raises(ZjpolicyError):
        measures.use_measures_file(path)
    assert measures.measure_set_fingerprint() == before


def test_every_word_list_of_the_data_is_read() -> None:
    with (ROOT / "data" / "measures.toml").open("rb") as f:
        keys = tomllib.load(f)["words"]
    source = (ROOT / "src" / "zjpolicy" / "measure_reading.py").read_text(encoding="utf-8")
    assert [k for k in keys if f'"{k}"' not in source] == []


def test_importing_the_module_is_light() -> None:
    code = ("import sys, zjpolicy.measures; "
            "print(sorted(m for m in ('tomllib', 'sqlite_utils', 'rich', 'typer') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_rules_are_compiled_once_per_set(builtin: MeasureSet) -> None:
    assert measures.reader(builtin) is measures.reader(builtin)
