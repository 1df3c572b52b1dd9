"""Places: lookup by any name, nesting, ambiguity, places in text, and a document's own place."""

from __future__ import annotations

import time
import tomllib
from itertools import pairwise

import pytest
from conftest import Case, cases, load_tool

from zjpolicy.paths import data_dir
from zjpolicy.places import Place, atlas, contains, find_places, lookup, own_place, parent_of


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


@pytest.mark.parametrize("case", cases("places", "names", name="name"))
def test_names_levels_and_english(case: Case) -> None:
    found = lookup(case["name"])
    got = (found.name, found.level, found.en) if found else ("", "", "")
    assert got == (case["full"], case["level"], case["en"])


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


@pytest.mark.parametrize("case", cases("places", "own_place", name="place"))
def test_own_place(case: Case) -> None:
    found = own_place(case["title"], case["issuer"], case["text"])
    assert (found.name if found else "") == case["place"]


@pytest.mark.parametrize("case", cases("places", "short_names", name="name"))
def test_the_generator_makes_short_names(case: Case) -> None:
    assert load_tool("make_divisions").short_name(case["name"], case["kind"]) == case["short"]


def test_the_data_file_parses_fast() -> None:
    raw = (data_dir() / "divisions.toml").read_bytes()
    start = time.perf_counter()
    tomllib.loads(raw.decode("utf-8"))
    assert time.perf_counter() - start < 0.2
