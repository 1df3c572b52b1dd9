"""Consistency checks for tests/realdocs3/gold (the checks dev2's README lists).

Run with the project venv (it needs opencc):
    /work/main/.venv/bin/python tests/realdocs3/tools/check_gold.py
Exit status 0 when every check passes.
"""
import collections
import csv
import pathlib
import re
import sys

import opencc

ROOT = pathlib.Path(__file__).resolve().parent.parent
T2S = opencc.OpenCC("t2s")
# a pinyin reading aid right after a character: 技術(shù), 項(xiàng)
GLOSS = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]+\)")
errors = []
CN = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def cn_digits(text):
    """Rewrite Chinese numerals written before a magnitude (五千亿 -> 5000亿).

    Only digit+十/百/千 runs are rewritten, so words such as 五百亿级 (a
    qualifier) become 500亿级 and the value check can find the number.
    """
    def conv(m):
        total, cur = 0, 0
        for ch in m.group(0):
            if ch in CN:
                cur = CN[ch]
            else:
                total += (cur or 1) * CN_UNIT[ch]
                cur = 0
        return str(total + cur)
    return re.sub(r"(?:[零一二两三四五六七八九][十百千])+[零一二两三四五六七八九]?", conv, text)



def err(msg):
    errors.append(msg)


def load(name):
    with open(ROOT / "gold" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.txt")}
simp = {k: T2S.convert(v) for k, v in texts.items()}
norm = {k: re.sub(r"\s+", "", GLOSS.sub("", v)) for k, v in simp.items()}

headers = {
    "targets.csv": ["doc", "year", "indicator", "value", "unit", "comparator", "key", "quote"],
    "owners.csv": ["doc", "task", "task_title", "clause", "role", "position", "agency"],
    "districts.csv": ["doc", "district", "institution", "count"],
}
for name, cols in headers.items():
    with open(ROOT / "gold" / name, encoding="utf-8", newline="") as f:
        if next(csv.reader(f)) != cols:
            err(f"{name}: header is not {cols}")

targets, owners, districts = load("targets.csv"), load("owners.csv"), load("districts.csv")

# every cell simplified, every doc known
for name, rows in (("targets", targets), ("owners", owners), ("districts", districts)):
    for r in rows:
        if r["doc"] not in texts:
            err(f"{name}: unknown doc {r['doc']}")
        for k, v in r.items():
            if T2S.convert(v) != v:
                err(f"{name}: not simplified: {k}={v}")

# 1-2. targets
for r in targets:
    d = r["doc"]
    tag = f"targets {d} {r['indicator']} {r['value']}"
    if r["quote"] not in texts[d] and r["quote"] not in simp[d]:
        err(f"{tag}: quote not in text: {r['quote']}")
    bare = cn_digits(GLOSS.sub("", r["quote"]))
    if r["value"] + r["unit"] not in bare and not (r["value"] in bare and r["unit"] in bare):
        err(f"{tag}: value/unit not in quote")
    if r["key"] not in r["indicator"]:
        err(f"{tag}: key {r['key']} not in indicator")
    if not re.fullmatch(r"\d+(\.\d+)?", r["value"]):
        err(f"{tag}: value not digits")
    if r["comparator"] not in ("=", ">=", "<="):
        err(f"{tag}: bad comparator")
    if not re.fullmatch(r"(\d{4})?", r["year"]):
        err(f"{tag}: bad year")

# 3. owners
pos = collections.defaultdict(list)
clauses = collections.defaultdict(set)
for r in owners:
    d = r["doc"]
    for k in ("agency", "role"):
        if re.sub(r"\s+", "", r[k]) not in norm[d]:
            err(f"owners {d} task {r['task']}: {k} {r[k]} not in text")
    # item numbers restart under each section (t01), so the title tells
    # two tasks with the same number apart
    pos[(d, r["task"], r["task_title"], r["clause"])].append(int(r["position"]))
    clauses[(d, r["task"], r["task_title"])].add(int(r["clause"]))
for k, v in pos.items():
    if v != list(range(1, len(v) + 1)):
        err(f"owners {k}: positions {v}")
for k, v in clauses.items():
    if sorted(v) != list(range(1, len(v) + 1)):
        err(f"owners {k}: clauses {sorted(v)}")

# 4. districts
seen = set()
cols = collections.defaultdict(dict)
for r in districts:
    d = r["doc"]
    nospace = re.sub(r"\s+", "", simp[d])
    if r["district"] != "合计" and r["district"] not in nospace:
        err(f"districts {d}: {r['district']} not in text")
    if not r["count"].isdigit() or r["count"] not in texts[d]:
        err(f"districts {d} {r['district']} {r['institution']}: count {r['count']}")
    key = (d, r["district"], r["institution"])
    if key in seen:
        err(f"districts: duplicate {key}")
    seen.add(key)
    cols[(d, r["institution"])][r["district"]] = int(r["count"])

# 5. column sums where a total row (合计) is present.
left_out = {}
sums_checked = 0
for (d, inst), cells in cols.items():
    if "合计" in cells:
        parts = sum(v for k, v in cells.items() if k != "合计") + left_out.get((d, inst), 0)
        sums_checked += 1
        if parts != cells["合计"]:
            err(f"districts {d} {inst}: places sum {parts} != 合计 {cells['合计']}")

print(f"{len(texts)} docs; {len(targets)} targets, {len(owners)} owners, "
      f"{len(districts)} district cells; {sums_checked} column sums checked")
for e in errors:
    print("FAIL", e)
print("all checks pass" if not errors else f"{len(errors)} failures")
sys.exit(1 if errors else 0)
