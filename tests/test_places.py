"""Places: lookup by any name, nesting, ambiguity, places in text, and a document's own place."""

from __future__ import annotations

import importlib.util
import time
import tomllib
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import pytest

from zjpolicy.paths import data_dir
from zjpolicy.places import Place, atlas, contains, find_places, lookup, own_place, parent_of

ROOT = Path(__file__).resolve().parents[1]


def place(name: str) -> Place:
    found = lookup(name)
    assert found is not None, name
    return found


def place_in(name: str, within: str) -> Place:
    found = lookup(name, within=place(within))
    assert found is not None, name
    return found


@pytest.mark.parametrize("name", ["杭州市", "杭州", "Hangzhou", "hangzhou", "Hangzhou City", " 杭州市 "])
def test_every_form_of_a_citys_name_is_the_same_place(name: str) -> None:
    assert place(name) == Place("杭州市", "杭州", "prefecture", "浙江省", "浙江省", "Hangzhou", "3301")


@pytest.mark.parametrize("name", ["萧山区", "萧山", "Xiaoshan District", "xiaoshan"])
def test_a_district_is_found_by_its_names(name: str) -> None:
    assert place(name) == Place("萧山区", "萧山", "county", "杭州市", "浙江省", "Xiaoshan District", "330109")


@pytest.mark.parametrize(
    ("name", "full", "level", "en"),
    [
        ("浙江", "浙江省", "province", "Zhejiang"),
        ("Zhejiang Province", "浙江省", "province", "Zhejiang"),
        ("北京", "北京市", "province", "Beijing"),
        ("内蒙古", "内蒙古自治区", "province", "Inner Mongolia"),
        ("Inner Mongolia", "内蒙古自治区", "province", "Inner Mongolia"),
        ("广西", "广西壮族自治区", "province", "Guangxi"),
        ("香港", "香港特别行政区", "province", "Hong Kong"),
        ("陕西", "陕西省", "province", "Shaanxi"),
        ("延边", "延边朝鲜族自治州", "prefecture", "Yanbian Autonomous Prefecture"),
        ("阿克苏", "阿克苏地区", "prefecture", "Aksu Prefecture"),
        ("Harbin", "哈尔滨市", "prefecture", "Harbin"),
        ("Xi'an", "西安市", "prefecture", "Xi'an"),
        ("xian", "西安市", "prefecture", "Xi'an"),
        ("Lüliang", "吕梁市", "prefecture", "Lüliang"),
        ("Luliang", "吕梁市", "prefecture", "Lüliang"),
        ("六盘水", "六盘水市", "prefecture", "Liupanshui"),
        ("景宁", "景宁畲族自治县", "county", "Jingning Autonomous County"),
        ("沛县", "沛县", "county", "Pei County"),
        ("神农架", "神农架林区", "county", "Shennongjia Forestry District"),
        ("滨海新区", "滨海新区", "county", "Binhai New Area"),
        ("朝阳区", None, None, None),
    ],
)
def test_names_levels_and_english(name: str, full: str | None, level: str | None, en: str | None) -> None:
    found = lookup(name)
    got = (found.name, found.level, found.en) if found else (None, None, None)
    assert got == (full, level, en)


def test_a_short_name_shared_by_a_city_and_its_county_is_the_city() -> None:
    assert place("长沙").name == "长沙市"
    assert place("长沙县").parent == "长沙市"
    assert place("吉林").name == "吉林省"  # the province, not 吉林市
    assert place("吉林市").level == "prefecture"


def test_a_name_several_places_share_needs_a_parent() -> None:
    assert lookup("鼓楼区") is None
    assert lookup("鼓楼") is None
    nanjing = lookup("鼓楼区", within=place("南京市"))
    assert nanjing is not None and (nanjing.parent, nanjing.code) == ("南京市", "320106")
    assert lookup("鼓楼区", within=place("江苏省")) is None  # 南京 and 徐州 both have one
    assert place_in("鼓楼区", "福州").parent == "福州市"
    assert place_in("朝阳区", "北京").parent == "北京市"
    assert lookup("萧山区", within=place("宁波市")) is None
    assert lookup("不存在的地方") is None and lookup("") is None and lookup("Atlantis") is None


def test_nesting() -> None:
    zhejiang, hangzhou, xiaoshan, ningbo = place("浙江省"), place("杭州市"), place("萧山区"), place("宁波市")
    assert contains(zhejiang, hangzhou) and contains(hangzhou, xiaoshan) and contains(zhejiang, xiaoshan)
    assert contains(hangzhou, hangzhou)
    assert not contains(xiaoshan, hangzhou) and not contains(ningbo, xiaoshan) and not contains(hangzhou, zhejiang)
    assert not contains(place("江苏省"), xiaoshan)
    # a county the province governs itself, and a municipality's district
    assert contains(place("湖北省"), place("仙桃市")) and parent_of(place("仙桃市")) == place("湖北省")
    assert contains(place("北京市"), place("海淀区"))
    assert parent_of(xiaoshan) == hangzhou and parent_of(hangzhou) == zhejiang and parent_of(zhejiang) is None


def test_the_data_covers_china() -> None:
    places = list(atlas().by_code.values())
    provinces = [p for p in places if p.level == "province"]
    prefectures = [p for p in places if p.level == "prefecture"]
    counties = [p for p in places if p.level == "county"]
    assert len(provinces) == 34 and len(prefectures) == 333 and len(counties) > 2800
    names = {p.name for p in provinces}
    assert all(p.parent in names and p.province == p.parent for p in prefectures)
    assert all(getattr(parent_of(c), "level", "") in ("province", "prefecture") for c in counties)
    assert all(p.en and p.en.isprintable() for p in places)
    assert len({p.code for p in places}) == len(places)


def test_zhejiangs_cities_and_districts_agree_with_places_toml() -> None:
    with (data_dir() / "places.toml").open("rb") as f:
        cities = tomllib.load(f)["cities"]
    for city, districts in cities.items():
        prefecture = place(city)
        assert prefecture.province == "浙江省"
        for district in districts:
            if district.endswith("风景名胜区"):  # a scenic area, not a division
                continue
            assert lookup(district, within=prefecture) is not None, district


def test_find_places_in_order_and_nested() -> None:
    text = "浙江省杭州市萧山区人民政府印发通知,南京市鼓楼区和宁波也参加。"
    found = find_places(text)
    assert [(text[s:e], p.name) for s, e, p in found] == [
        ("浙江省", "浙江省"), ("杭州市", "杭州市"), ("萧山区", "萧山区"), ("南京市", "南京市"), ("鼓楼区", "鼓楼区"),
        ("宁波", "宁波市")]
    assert found[4][2].parent == "南京市"
    assert all(a[1] <= b[0] for a, b in pairwise(found))


@pytest.mark.parametrize(
    "text",
    [
        "落实惠民政策,建设示范县,推动特大城市发展。",  # 惠民县, 范县 and 大城县 are in these words
        "各位来宾,老城区和城区改造",  # 来宾市, 城区
        "合作共赢,解放思想,前进道路",  # 合作市, 解放区, 前进区
    ],
)
def test_find_places_leaves_words_alone(text: str) -> None:
    assert find_places(text) == []


def test_a_county_counts_after_its_city_or_before_its_own_marker() -> None:
    assert [p.name for _, _, p in find_places("瑞安市开展试点")] == []
    assert [p.name for _, _, p in find_places("温州市瑞安市开展试点")] == ["温州市", "瑞安市"]
    assert [p.name for _, _, p in find_places("温州召开会议,瑞安介绍经验")] == ["温州市", "瑞安市"]
    assert [p.name for _, _, p in find_places("瑞安市人民政府")] == ["瑞安市"]


def test_find_places_is_fast() -> None:
    text = ("杭州市萧山区推进科技创新,全市高新技术企业新增2000家,宁波、温州和南京市鼓楼区参加交流。" * 500)[:20_000]
    find_places(text)
    start = time.perf_counter()
    found = find_places(text)
    assert time.perf_counter() - start < 0.5 and len(found) > 1000


REPORT = (
    "各位代表:现在,我代表市人民政府向大会报告工作。一、2023年工作回顾。全市地区生产总值增长5.6%。"
    "成都高新区、天府新区加快建设。成都大运会成功举办。我们在省委省政府领导下,全市上下团结奋斗。"
    "四川省内外合作加强,成都平原经济区协同发展,成都都市圈建设提速,资阳市与成都同城化。"
)


@pytest.mark.parametrize(
    ("title", "issuer", "text", "expected"),
    [
        ("杭州市科学技术局关于印发年度工作要点的通知", "", "", "杭州市"),
        ("关于印发《萧山区科技创新三年行动计划》的通知", "", "", "萧山区"),
        ("", "杭州市萧山区人民政府", "宁波市宁波市宁波市", "萧山区"),
        ("宁波市人民政府办公厅关于加快技术创新中心体系建设的实施意见", "", "", "宁波市"),
        # the opening of a work report stored without its title
        ("", "", "(2024年1月29日在温州市第十四届人民代表大会第四次会议上)各位代表:杭州、宁波……", "温州市"),
        # the place the text names most, far more than any other
        ("", "", REPORT, "成都市"),
        # a title naming two places and a text that leans nowhere: unsure
        ("关于杭州市与宁波市合作的报告", "", "杭州市宁波市", None),
        ("", "", "各位代表:全市经济稳中向好。", None),
        ("", "", "", None),
    ],
)
def test_own_place(title: str, issuer: str, text: str, expected: str | None) -> None:
    found = own_place(title, issuer, text)
    assert (found.name if found else None) == expected


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "kind", "short"),
    [("杭州市", "地级市", "杭州"), ("延边朝鲜族自治州", "自治州", "延边"), ("六盘水市", "地级市", "六盘水"),
     ("积石山保安族东乡族撒拉族自治县", "自治县", "积石山"), ("东乡族自治县", "自治县", "东乡"),
     ("鄂伦春自治旗", "自治旗", "鄂伦春"), ("内蒙古自治区", "自治区", "内蒙古"), ("沛县", "县", ""),
     ("神农架林区", "林区", "神农架"), ("万柏林区", "市辖区", "万柏林"), ("梅里斯达斡尔族区", "市辖区", "梅里斯")],
)
def test_the_generator_makes_short_names(name: str, kind: str, short: str) -> None:
    assert _tool("make_divisions").short_name(name, kind) == short


def test_the_data_file_parses_fast() -> None:
    raw = (data_dir() / "divisions.toml").read_bytes()
    start = time.perf_counter()
    tomllib.loads(raw.decode("utf-8"))
    assert time.perf_counter() - start < 0.2
