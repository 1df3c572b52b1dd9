"""Reading documents: bytes to text, normalisation, and document metadata.

Two views of every document have the same length, character for character,
so that one pair of offsets points into both:

- ``display``: the text in simplified script with pinyin glosses removed,
  punctuation and digits as written (facts quote agencies and headings from it);
- ``text``: ``display`` with full-width ASCII folded to half-width, the stored
  normalised text that every fact's offsets point into.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from zjpolicy.errors import ZjpolicyError
from zjpolicy.rules import places, rules

BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP archive",
    b"%PDF": "a PDF",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "a SQLite database",
}

_PINYIN = re.compile(
    r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*[)）]"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Document:
    """One loaded document: its texts and metadata."""

    id: str
    path: str
    original: str
    display: str
    text: str
    encoding: str
    sha256: str
    script: str = "simplified"
    title: str = ""
    doc_number: str = ""
    issuer: str = ""
    date: str = ""
    year: int | None = None
    period: str = ""
    city: str = ""
    district: str = ""
    kind: str = "other"
    source_format: str = "txt"
    notes: list[tuple[str, str, int, int]] = field(default_factory=list)

    @property
    def region(self) -> str:
        return self.district or self.city


# ---------------------------------------------------------------- decoding


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes to text; UTF-8 (with or without BOM), UTF-16 (detected) or GB18030."""
    if not data.strip():
        raise ZjpolicyError(f"{name}: empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name), "utf-16"
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ZjpolicyError(f"{name}: binary file ({what}), not a text document")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, name), utf16
    if b"\x00" in data:
        raise ZjpolicyError(f"{name}: binary file (contains NUL bytes), not a text document")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as e:
        why = f"{name}: not UTF-8, GB18030 or UTF-16 text (invalid UTF-8 at byte {e.start})"
        try:
            text = data.decode("gb18030")
            encoding = "gb18030"
        except UnicodeDecodeError:
            raise ZjpolicyError(why) from None
        if not _plausible_chinese(text):
            raise ZjpolicyError(why) from None
    if _control_share(text) > 0.05:
        raise ZjpolicyError(f"{name}: binary file (control characters), not a text document")
    return text, encoding


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ZjpolicyError(f"{name}: invalid {encoding.upper()} text") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 shows as NULs in every other byte for ASCII; CJK as a high share of valid pairs."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    n = len(even)
    if odd.count(0) > 0.3 * n and even.count(0) < 0.05 * n:
        return "utf-16-le"
    if even.count(0) > 0.3 * n and odd.count(0) < 0.05 * n:
        return "utf-16-be"
    if b"\x00" in data:
        # Chinese text with a little ASCII: NULs too few for the rule above. The right byte
        # order reads as text (CJK, punctuation, ASCII) almost throughout; the wrong one does not.
        best: tuple[float, str] | None = None
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if "\x00" in text:
                continue
            share = len(_TEXTLIKE.findall(text)) / len(text)
            if share > 0.9 and (best is None or share > best[0]):
                best = (share, enc)
        return best[1] if best else None
    if b"\x00" not in data:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if len(_CJK.findall(text)) > 0.6 * len(text):
                try:
                    data.decode("utf-8")
                    return None
                except UnicodeDecodeError:
                    pass
                try:
                    alt = data.decode("gb18030")
                    if _plausible_chinese(alt) and len(_CJK.findall(alt)) > 0.5 * len(alt):
                        return None
                except UnicodeDecodeError:
                    pass
                return enc
    return None


# Common characters of administrative Chinese: a GB18030 decoding of bytes
# that are not GB text shows few of them.
_COMMON = set("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞")


def _plausible_chinese(text: str) -> bool:
    cjk = _CJK.findall(text)
    if len(cjk) < 0.2 * max(1, len(text.strip())):
        return False
    common = sum(1 for c in cjk if c in _COMMON)
    return common >= 0.25 * len(cjk)


_TEXTLIKE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\x20-\x7e\t\n\r]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below 32, but not \t \n \f \r


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = len(_CONTROL.findall(text))
    return bad / len(text)


# ---------------------------------------------------------------- normalising

_converter = None


def to_simplified(text: str) -> str:
    """Traditional to simplified, keeping the length so offsets stay aligned."""
    global _converter
    if _converter is None:
        import opencc  # only the loader needs it

        _converter = opencc.OpenCC("t2s")
    out = _converter.convert(text)
    if len(out) == len(text):
        return out
    lines = text.split("\n")
    fixed = []
    for line in lines:
        conv = _converter.convert(line)
        if len(conv) != len(line):
            conv = "".join(c2 if len(c2 := _converter.convert(c)) == 1 else c for c in line)
        fixed.append(conv)
    return "\n".join(fixed)


def fold_width(text: str) -> str:
    """Full-width ASCII (ＡＢ１２（），：；％) to half-width; one character for one."""
    return text.translate(_WIDTH)


_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_WIDTH[0xA0] = 0x20


def strip_pinyin(text: str) -> str:
    """Drop reading aids such as 創新(xīn): the gloss, not the character."""
    return _PINYIN.sub("", text)


def normalise(original: str) -> tuple[str, str, str]:
    """Return (display, text, script) for the original text."""
    base = original.replace("\r\n", "\n").replace("\r", "\n")
    base = base.replace("\ufeff", "").replace("\u200b", "").replace("\u3000", " ")
    simplified = to_simplified(base)
    changed = sum(1 for a, b in zip(base, simplified) if a != b)
    cjk = max(1, len(_CJK.findall(base)))
    script = "traditional" if changed > 0.02 * cjk else "simplified"
    display = strip_pinyin(simplified)
    return display, fold_width(display), script


# ---------------------------------------------------------------- metadata

_DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号")
_CN_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})")
_META_LABEL = re.compile(r"^(索\s*引\s*号|发布机构|发文机关|主题分类|文号|成文日期|发布日期|生成日期|有效性|当前位置|来源|信息来源|名称|组配分类|公开|分享|浏览|访问|•)")
_TITLE_WORDS = ("计划", "方案", "意见", "答复", "总结", "通知", "办法", "规划", "要点", "报告", "清单", "分解表", "思路", "决定", "措施", "细则", "纲要", "实施")
_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*[-—–~至到]+\s*((?:19|20)\d{2})\s*年")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def describe(doc: Document) -> None:
    """Fill the metadata of a document from its normalised text."""
    text = doc.text
    head = text[:3000]
    lines = [ln.strip().strip("|").strip() for ln in head.split("\n")]
    doc.title = _find_title(lines)
    m = _DOC_NO.search("\n".join(lines[:15]))
    if m:
        doc.doc_number = re.sub(r"\s+", "", m.group(0))
    doc.date = _find_date(lines, text)
    doc.issuer = _find_issuer(lines, text, doc.title)
    doc.kind = _find_kind(doc.title, head)
    doc.year, doc.period = _doc_year(doc)
    doc.city, doc.district = _find_region(doc.title + " " + doc.issuer, text)


def _find_title(lines: list[str]) -> str:
    candidates = []
    for i, line in enumerate(lines[:40]):
        if not line or _META_LABEL.match(line) or len(line) > 80:
            continue
        if line.endswith(("。", ":", ":")) or line.count(",") > 1:
            continue
        if any(w in line for w in _TITLE_WORDS):
            title = line
            prev = lines[i - 1] if i else ""
            if (
                prev
                and len(prev) <= 30
                and not _META_LABEL.match(prev)
                and not prev.endswith(("。", ":", ",", "日"))
                and not any(w in prev for w in _TITLE_WORDS)
                and _CJK.search(prev)
                and not re.search(r"\d{4}-\d", prev)
            ):
                title = prev + line
            candidates.append(title)
            if len(candidates) >= 3:
                break
    if not candidates:
        return next((ln for ln in lines if ln and not _META_LABEL.match(ln) and len(ln) <= 60), "")[:60]
    title = candidates[0]
    inner = re.search(r"印发\s*《(.+?)》", title)
    if inner:
        return inner.group(1)
    return title.replace(" ", "")


def _find_date(lines: list[str], text: str) -> str:
    for label in ("成文日期", "发文日期"):
        for line in lines[:30]:
            if label in line:
                m = _ISO_DATE.search(line) or _CN_DATE.search(line)
                if m:
                    return _iso(m)
    # A signature: a line that is only a date, near the top or at the end.
    all_lines = [ln.strip() for ln in text.split("\n")]
    for line in all_lines[:40] + all_lines[-15:][::-1]:
        m = _CN_DATE.fullmatch(line.strip("()（）[]【】 "))
        if m:
            return _iso(m)
    for line in lines[:10]:
        m2 = re.search(r"(?<!\d)(\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", line)
        if m2 and not _CN_DATE.search(line):
            return f"20{m2.group(1)}-{int(m2.group(2)):02d}-{int(m2.group(3)):02d}"
    for line in lines[:30]:
        if "日期" in line:
            m = _ISO_DATE.search(line) or _CN_DATE.search(line)
            if m:
                return _iso(m)
    return ""


def _iso(m: re.Match[str]) -> str:
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _find_issuer(lines: list[str], text: str, title: str) -> str:
    for line in lines[:30]:
        m = re.match(r"^(?:发布机构|发文机关)\s*[:|]?\s*([^\s|:]+)", line)
        if m:
            return m.group(1)
    tail = [ln.strip() for ln in text.strip().split("\n")[-8:]]
    suffixes = tuple(rules()["documents"]["issuer_suffixes"])
    for line in reversed(tail):
        if 3 <= len(line) <= 30 and line.endswith(suffixes) and not _CN_DATE.search(line):
            return line
    m = re.match(r"^(.{2,30}?)关于", title)
    return m.group(1) if m else ""


def _find_kind(title: str, head: str) -> str:
    for kind, words in rules()["documents"]["kinds"]:
        if title and any(w in title for w in words):
            return str(kind)
    if re.search(r"(代表|委员)\s*[:]", head[:600]):
        return "reply"
    return "other"


def _doc_year(doc: Document) -> tuple[int | None, str]:
    """The year an undated target falls due: a period's last year, else the title's year, 文号, date."""
    title = doc.title
    m = _YEAR_RANGE.search(title)
    if m:
        return int(m.group(2)), f"{m.group(1)}-{m.group(2)}"
    years = [int(y) for y in _YEAR.findall(title)]
    if years:
        return max(years), ""
    m3 = re.search(r"有效期(?:至|到)\s*((?:19|20)\d{2})\s*年", doc.text)
    if m3:
        start = doc.date[:4] if doc.date else ""
        return int(m3.group(1)), (f"{start}-{m3.group(1)}" if start else "")
    m2 = re.search(r"[〔\[【(（]((?:19|20)\d{2})[〕\]】)）]", doc.doc_number)
    if m2:
        return int(m2.group(1)), ""
    if doc.date:
        return int(doc.date[:4]), ""
    # a report on a plan names it near the start: 印发《2025年…工作要点》
    m4 = re.search(r"《[^》]{0,30}?((?:19|20)\d{2})\s*年[^》]{0,40}?(?:工作要点|工作计划|行动计划|实施方案|计划)》", doc.text[:400])
    if m4:
        return int(m4.group(1)), ""
    return None, ""


def _find_region(head: str, text: str) -> tuple[str, str]:
    data = places()
    cities: dict[str, list[str]] = data["cities"]
    for probe in (head, text[:300]):
        for city, districts in cities.items():
            for d in districts:
                short = d[:-1] if len(d) > 2 and d[-1] in "区县市" else d
                if d in probe or (len(short) >= 2 and short + "区" not in probe and re.search(short + "(?:科技|区|县|市)", probe)):
                    return city, d
        for city in cities:
            if city in probe:
                return city, ""
    m = re.match(r"^([\u4e00-\u9fff]{2,4}?[省市县区])", head.strip())
    return (m.group(1), "") if m else ("", "")


# ---------------------------------------------------------------- reading files


def read_document(path: Path) -> Document:
    """Read one file into a Document with metadata; raises ZjpolicyError on bad input."""
    import os
    import stat

    from zjpolicy.formats import read_text  # html/docx/pdf readers load only when needed

    name = str(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # bytes of another encoding (a zip made on Windows): SQLite takes UTF-8 only
        shown = os.fsencode(name).decode("utf-8", "backslashreplace")
        raise ZjpolicyError(f"{shown}: the file name is not UTF-8; rename the file") from None
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not stat.S_ISREG(mode):  # reading a pipe or a device would wait or never end
            raise ZjpolicyError(f"{name}: not a regular file (a pipe, socket or device)")
        data = path.read_bytes()
    except PermissionError:
        raise ZjpolicyError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise ZjpolicyError(f"{name}: is a folder") from None
    except FileNotFoundError:
        raise ZjpolicyError(f"{name}: no such file") from None
    except OSError as e:
        raise ZjpolicyError(f"{name}: cannot read ({e.strerror})") from None
    original, encoding, fmt = read_text(path, data)
    if not original.strip():
        raise ZjpolicyError(f"{name}: no text in the document")
    display, text, script = normalise(original)
    doc = Document(
        id=path.stem,
        path=name,
        original=original,
        display=display,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        script=script,
        source_format=fmt,
    )
    describe(doc)
    return doc


def document_from_text(doc_id: str, original: str) -> Document:
    """A Document from text already in memory (tests, fuzzing)."""
    display, text, script = normalise(original)
    doc = Document(
        id=doc_id,
        path="",
        original=original,
        display=display,
        text=text,
        encoding="utf-8",
        sha256=hashlib.sha256(original.encode("utf-8")).hexdigest(),
        script=script,
    )
    describe(doc)
    return doc
