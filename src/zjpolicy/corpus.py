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


def sniff(data: bytes, name: str, kind: str = "a text document") -> tuple[str, str] | None:
    """What the bytes alone tell: empty, a BOM, a binary format, UTF-16 without BOM, NUL bytes.

    Returns (text, encoding) when that settles the encoding, None when the caller decides;
    raises ZjpolicyError for what is no text at all."""
    if not data.strip():
        raise ZjpolicyError(f"{name}: empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name), "utf-16"
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ZjpolicyError(f"{name}: binary file ({what}), not {kind}")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, name), utf16
    if b"\x00" in data:
        raise ZjpolicyError(f"{name}: binary file (contains NUL bytes), not {kind}")
    return None


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes to text; UTF-8 (with or without BOM), UTF-16 (detected) or GB18030."""
    settled = sniff(data, name)
    if settled:
        return settled
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


_PLAIN_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])(?:[(（][a-zü]{1,6}[)）])+")


def strip_pinyin(text: str) -> str:
    """Drop reading aids such as 創新(xīn): the gloss, not the character.

    Glosses without tone marks (構(gou), 以(yi)(yi)) are dropped only in a page that carries
    many of them, so that a lone 方案(a) in ordinary text stays."""
    text = _PINYIN.sub("", text)
    plain = _PLAIN_PINYIN.findall(text)
    if len(plain) >= 5:
        text = _PLAIN_PINYIN.sub("", text)
    return text


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
    from zjpolicy.metadata import describe

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
    from zjpolicy.metadata import describe

    describe(doc)
    return doc
