"""Common measures: the rules that decide between two measures, and a user's own measures file."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

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


# Each case: indicator, unit, the clause it stands in, the clauses before it, the answer.
SHARE_OR_AMOUNT = [
    ("全社会研究与试验发展经费支出", "亿元", "力争全社会研究与试验发展经费支出达800亿元", "", "rd_spending"),
    ("全社会研究与试验发展经费支出占地区生产总值比重", "%",
     "力争全社会研究与试验发展经费支出达800亿元、占地区生产总值比重达3.95%", "", "rd_intensity"),
    ("研发投入强度", "%", "研发投入强度达到3.95%", "", "rd_intensity"),
    ("全社会R&D经费投入占GDP比重", "%", "力争实现全社会R&D经费投入占GDP比重达3.3%", "", "rd_intensity"),
    # a share of another denominator is another statistic
    ("高新技术产业增加值占规上工业增加值比重", "%", "高新技术产业增加值占规上工业增加值比重达70%以上", "",
     "hitech_industry_share"),
    ("高新技术产业增加值占地区生产总值比重", "%", "高新技术产业增加值占地区生产总值比重达到20%以上", "", ""),
    # 占比 without a denominator does not say a share of what
    ("高新技术产业增加值占比", "%", "高新技术产业增加值占比达到52.7%", "", ""),
    ("数字经济核心产业增加值", "亿元", "数字经济核心产业增加值达到6000亿元", "", "digital_core_value"),
    ("数字经济核心产业增加值占GDP比重", "%", "数字经济核心产业增加值占GDP比重达到5%", "", "digital_core_share"),
]

AMOUNT_OR_GROWTH = [
    ("全社会研发经费投入增长", "%", "力争全社会研发经费投入增长12%以上", "", "rd_spending_growth"),
    ("全社会研发经费投入", "亿元", "全社会研发经费投入800亿元", "", "rd_spending"),
    ("技术合同成交额", "亿元", "力争全市技术合同成交额突破600亿元", "", "tech_contract_value"),
    # no measure is the growth of technology contracts
    ("技术合同成交额增长", "%", "技术合同成交额增长10%以上", "", ""),
    # levels of measures that exist only as growth rates
    ("地区生产总值", "亿元", "地区生产总值24653亿元", "", ""),
    ("地区生产总值增长", "%", "地区生产总值增长5.5%左右", "", "gdp_growth"),
    ("一般公共预算收入同口径增长", "%", "一般公共预算收入同口径增长4%左右", "", "budget_revenue_growth"),
    ("财政总收入增长", "%", "财政总收入增长7.1%", "", ""),
    ("研发投入强度", "个百分点", "研发投入强度提高0.1个百分点", "", ""),
]

STOCK_OR_FLOW = [
    ("高新技术企业", "家", "新增高新技术企业2000家", "", "hitech_firms_new"),
    ("高新技术企业", "家", "高新技术企业突破1000家", "", "hitech_firms"),
    ("有效高新技术企业总数", "万家", "有效高新技术企业总数突破1.7万家", "", "hitech_firms"),
    ("国家高新技术企业", "家", "净增国家高新技术企业1500家以上", "", "hitech_firms_new"),
    ("高新技术企业数量", "家", "高新技术企业数量增加一倍,达到2000家", "", "hitech_firms"),
    # 入库 is a flow, even with a level verb
    ("科技型中小企业入库", "家", "科技型中小企业入库达3000家以上", "", "tech_smes_new"),
    ("省级科技型中小企业", "家", "新认定省级科技型中小企业250家", "", "tech_smes_new"),
    ("科技型中小企业数", "家", "力争科技型中小企业数达3700家", "", "tech_smes"),
    # 完成 (a flow) with 有效 (a stock): the wording says neither
    ("有效发明专利", "件", "年内,完成有效发明专利120件", "", ""),
    ("有效发明专利拥有量", "万件", "累计有效发明专利拥有量15.5万件", "", "invention_patents"),
    ("有效发明专利授权量", "万件", "全市有效发明专利授权量超2.45万件", "", ""),
    ("5G基站", "个", "新建5G基站2000个", "", "g5_stations_new"),
    ("5G基站", "万个", "累计建成5G基站3万个", "", "g5_stations"),
    # a count of another kind of firm
    ("科技型企业", "家", "科技型企业超过690家", "", ""),
    # the firms' revenue is not their count
    ("高新技术企业营业收入", "亿元", "高新技术企业营业收入翻一番,达到1600亿元", "", ""),
]

PART_OF_THE_ECONOMY = [
    ("规上工业企业研发经费", "亿元", "全市规上工业企业研发经费达到500亿元", "", ""),
    ("高新区研发投入强度", "%", "高新区研发投入强度达到5%", "", ""),
    ("企业研发投入", "亿元", "引导企业研发投入达到20亿元", "", ""),
    ("生产总值增长", "%", "山区5县生产总值增长7.6%", "", ""),
    ("海洋生产总值增长", "%", "海洋生产总值增长8%", "", ""),
    ("数字经济增长", "%", "数字经济增长10%", "", ""),
    ("高技术产业投资增长", "%", "高技术产业投资增长113.5%", "", ""),
    ("工业投资增长", "%", "工业投资增长20%", "", ""),
    # the whole region's measure may name the region itself
    ("浙江省生产总值增长", "%", "浙江省生产总值增长5.5%左右", "", "gdp_growth"),
    ("全市固定资产投资增长", "%", "全市固定资产投资增长7%", "", "investment_growth"),
    # 规上 belongs to the measure's own name
    ("规上工业增加值增长", "%", "力争规上工业增加值同比增长5%以上", "", "industry_growth"),
    ("规上企业研发活动覆盖率", "%", "规上企业研发活动覆盖率达到60%", "", "rd_coverage"),
    # 城乡 with 分别: each figure is one group's
    ("城乡居民人均可支配收入", "%", "城乡居民人均可支配收入分别增长6%、6.5%", "", ""),
    ("城镇居民人均可支配收入增长", "%", "城镇居民人均可支配收入增长5%", "", ""),
    ("全体居民人均可支配收入增长", "%", "全体居民人均可支配收入增长6%", "", "income_growth"),
]

JOINED = [
    ("技术交易额、新产品产值", "亿元", "实现技术交易额、新产品产值超8500亿元", "", ""),
    ("技术交易额", "亿元", "实现技术交易额、新产品产值超8500亿元", "", ""),
    ("规上企业新认定国高企和国高企新上规", "家", "规上企业新认定国高企和国高企新上规500家", "", ""),
    # 均 gives each item its own number
    ("研发活动覆盖率", "%", "力争规上企业研发机构设置率和研发活动覆盖率均达60%", "", "rd_coverage"),
]

CARRIED_SUBJECT = [
    ("增加值增长", "%", "增加值增长3.6%", "规模以上工业总产值达到4.43万亿元", "industry_growth"),
    ("增加值占地区生产总值比重", "%", "力争增加值占地区生产总值比重达到17%以上",
     "培育壮大软件、电子商务、数据运用、互联网+等数字经济核心产业", "digital_core_share"),
    ("增长", "%", "全市生产总值20059亿元、增长5.6%", "", "gdp_growth"),
    ("总量", "万家", "新认定国高企3195家、总量超1.5万家", "", "hitech_firms"),
    # a head carried onto a subject with no such measure
    ("增长", "%", "国家高新技术企业突破1.3万家、增长13%", "", ""),
    # nothing to carry
    ("增加值增长", "%", "增加值增长3.6%", "", ""),
]

SHARED_VERB = [
    ("省科技型中小企业", "家", "省科技型中小企业500家以上", "新认定国高企300家以上", "tech_smes_new"),
    ("科技型中小企业", "家", "新增科技领军(小巨人)企业10家、高新技术企业600家、科技型中小企业1800家", "",
     "tech_smes_new"),
    ("高新技术企业", "家", "新增科技领军(小巨人)企业10家、高新技术企业600家、科技型中小企业1800家", "",
     "hitech_firms_new"),
    ("高新技术企业", "家", "新培育科技型中小企业50家以上、高新技术企业30家以上", "", "hitech_firms_new"),
    # the verb of the list is none of the flow words: unsure
    ("技术转移中心", "家", "引育高能级科创平台5家、技术转移中心15家", "", ""),
    ("高新技术企业", "家", "高新技术企业30家", "引育高能级科创平台5家", ""),
    # an item with a verb of its own leads nothing
    ("科技型中小企业", "家", "科技型中小企业260家", "力争高新技术企业达120家", ""),
    # no verb at all
    ("科技型中小企业", "家", "科技型中小企业260家", "", ""),
]

OTHER = [
    # pinyin glosses and full-width forms are read through
    ("高新技术企业", "家", "紧盯每年新认定高新技术(shù)企业(yè)5000家", "", "hitech_firms_new"),
    ("全社会研发(R&D)经费投入占地区生产总值(GDP)比重", "％",
     "全社会研发(R&D)经费投入占地区生产总值(GDP)比重增加一倍，达到1.2％", "", "rd_intensity"),
    ("城镇调查失业率", "%", "城镇调查失业率控制在5%以内", "", "unemployment_rate"),
    ("每万人高价值发明专利拥有量", "件", "力争每万人高价值发明专利拥有量达到38.5件", "", "hv_patents_per_10k"),
    ("每万人发明专利拥有量", "件", "每万人发明专利拥有量达到80件", "", "patents_per_10k"),
    ("研发费用", "亿元", "研发费用突破6亿元", "", ""),
    ("", "%", "", "", ""),
    ("高新技术企业", "", "高新技术企业突破1000家", "", ""),
]


@pytest.mark.parametrize(
    ("indicator", "unit", "context", "before", "expected"),
    SHARE_OR_AMOUNT + AMOUNT_OR_GROWTH + STOCK_OR_FLOW + PART_OF_THE_ECONOMY + JOINED + CARRIED_SUBJECT
    + SHARED_VERB + OTHER,
)
def test_measure_rules(builtin: MeasureSet, indicator: str, unit: str, context: str, before: str,
                       expected: str) -> None:
    assert measure(builtin, indicator, unit, context, before) == expected


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
