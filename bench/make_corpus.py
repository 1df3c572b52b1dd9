"""A synthetic corpus for the load benchmarks, built from the structures of the seeds.

    python bench/make_corpus.py OUT_DIR [--count 10000] [--seed 42]

The corpus holds the five seeds as they are (so that a query about a seed gives
the same rows against the seeds alone and against the whole corpus) and
COUNT - 5 variants of them. Each variant takes one seed as its template and
changes it: years shifted (consistently within a document), a 文号 number of
its own (so no variant is a duplicate a load would skip), counts and
percentages scaled, districts and cities swapped for others of Zhejiang,
agencies swapped for others, some long paragraphs dropped and others repeated
with their own numbers. All randomness comes from random.Random(seed), so a
given (count, seed) always writes the same bytes. About 10 kB a document:
10,000 documents are about 100 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
PLACES = ROOT / "data" / "places.toml"

AGENCIES = [
    "市科技局", "市经信局", "市发改委", "市教育局", "市委人才办", "市财政局", "市人力社保局", "市投资促进局",
    "市市场监管局", "市农业农村局", "市国资委", "市商务局", "市卫生健康委", "市委金融办", "市税务局",
    "市国防动员办", "市数据资源局", "市统计局", "市建委", "市交通运输局", "市生态环境局", "市文化广电旅游局",
    "市民政局", "市司法局", "市自然资源规划局", "市住保房管局", "市城管局", "市林水局",
]

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DOC_NUMBER = re.compile(r"〔(\d{4})〕\d+号")
# A number that is a list marker (1. 2、), part of a date or time, or an id: kept as it is.
_KEEP_AFTER = re.compile(r"(?:\.(?!\d)|、|月|日|时|:\d|-\d|/\d)")
_KEEP_BEFORE = re.compile(r"(?:-|/|:|\w*号)$")


class Variants:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.made = 0  # variants made so far: each gets a 文号 number of its own
        self.templates = [(f.stem, f.read_text(encoding="utf-8")) for f in sorted(SEEDS.glob("*.txt"))]
        with PLACES.open("rb") as f:
            cities: dict[str, list[str]] = tomllib.load(f)["cities"]
        self.cities = list(cities)
        self.districts = [d for ds in cities.values() for d in ds if len(d) <= 5]
        try:  # the traditional-script seed names its districts in traditional characters
            import opencc

            s2t = opencc.OpenCC("s2t").convert
        except ImportError:  # pragma: no cover - opencc is a dependency of zjpolicy
            s2t = None
        self.trad = {d: s2t(d) for d in self.districts + self.cities + AGENCIES} if s2t else {}
        # Names each template holds, longest first, so one regex pass swaps them all.
        self.names: dict[str, list[str]] = {}
        for stem, text in self.templates:
            found = [n for n in self.districts + self.cities + AGENCIES if n in text]
            found += [self.trad[n] for n in self.trad if self.trad[n] != n and self.trad[n] in text]
            self.names[stem] = sorted(set(found), key=lambda n: (-len(n), n))  # not set order: that varies by run
        self.traditional = {stem: any(c in text for c in "區當於關") for stem, text in self.templates}

    def make(self) -> str:
        rng = self.rng
        stem, text = rng.choice(self.templates)
        back = {v: k for k, v in self.trad.items()}
        mapping: dict[str, str] = {}
        pool_d = rng.sample(self.districts, len(self.districts))
        pool_c = rng.sample(self.cities, len(self.cities))
        pool_a = rng.sample(AGENCIES, len(AGENCIES))
        for name in self.names[stem]:
            simple = back.get(name, name)
            pool = pool_d if simple in self.districts else pool_c if simple in self.cities else pool_a
            new = pool.pop() if pool else simple
            mapping[name] = self.trad.get(new, new) if self.traditional[stem] else new
        if mapping:
            text = re.sub("|".join(map(re.escape, mapping)), lambda m: mapping[m.group(0)], text)
        dy = rng.randint(-5, 5)
        scale = rng.uniform(0.5, 2.0)
        text = _NUMBER.sub(lambda m: self._number(m, text, dy, scale), text)
        # a 文号 of its own: a load skips a document with the same 文号 and title as one it holds
        self.made += 1
        text = _DOC_NUMBER.sub(lambda m: f"〔{m.group(1)}〕{1000 + self.made}号", text, count=1)
        return self._paragraphs(text, dy)

    def _number(self, m: re.Match[str], text: str, dy: int, scale: float) -> str:
        s = m.group(0)
        after = text[m.end() : m.end() + 2]
        before = text[max(0, m.start() - 6) : m.start()]
        if len(s) == 4 and s.isdigit() and 1990 <= int(s) <= 2039:
            return str(int(s) + dy)
        if _KEEP_AFTER.match(after) or _KEEP_BEFORE.search(before) or (len(s) > 6 and "." not in s):
            return s
        if "." in s:
            places = len(s.split(".")[1])
            return f"{float(s) * scale * self.rng.uniform(0.8, 1.25):.{places}f}"
        n = int(s)
        if n < 10:
            return s if self.rng.random() < 0.7 else str(max(1, min(9, n + self.rng.randint(-2, 2))))
        return str(max(10, round(n * scale * self.rng.uniform(0.8, 1.25))))

    def _paragraphs(self, text: str, dy: int) -> str:
        """Drop some long paragraphs and repeat others, each repeat with numbers of its own."""
        rng = self.rng
        out = []
        for line in text.split("\n"):
            if len(line) > 120 and rng.random() < 0.2:
                continue
            out.append(line)
            if len(line) > 120 and rng.random() < 0.08:
                def varied(m: re.Match[str], line: str = line) -> str:
                    return self._number(m, line, 0, rng.uniform(0.7, 1.4))

                again = _NUMBER.sub(varied, line)
                out.append(again)
        return "\n".join(out)


def make_corpus(out: Path, count: int, seed: int = 42) -> tuple[int, int]:
    """Write the corpus into out (emptied of .txt first); returns (files, bytes)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    total = 0
    files = 0
    seeds = sorted(SEEDS.glob("*.txt"))[:count]
    for f in seeds:
        data = f.read_bytes()
        (out / f.name).write_bytes(data)
        total += len(data)
        files += 1
    gen = Variants(random.Random(seed))
    for i in range(count - len(seeds)):
        data = gen.make().encode("utf-8")
        name = f"syn{i:05d}_{hashlib.sha256(data).hexdigest()[:12]}.txt"
        (out / name).write_bytes(data)
        total += len(data)
        files += 1
    return files, total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args(argv)
    files, total = make_corpus(a.out, a.count, a.seed)
    print(f"{files} documents, {total / 1e6:.1f} MB in {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
