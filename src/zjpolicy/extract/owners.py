"""Task owners: the agencies a plan names as responsible for each numbered task.

Three forms: a labelled parenthesis after the task text （责任单位：市科技局、市财政局）,
a labelled line of its own (牵头单位：市发改委), and a task table whose column
heading is the role (责任单位 / 主要责任单位 / 协同配合单位), each cell a clause.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from zjpolicy.document import Document
from zjpolicy.extract.structure import Heading, headings
from zjpolicy.rules import alternation, value, words


@dataclass
class TaskOwner:
    doc_id: str
    task: str
    task_title: str
    clause: int
    role: str
    position: int
    agency: str
    start: int  # the clause (parenthesis, line or cell) in the normalised text
    end: int
    agency_start: int
    agency_end: int
    quote: str


@dataclass
class OwnerNote:
    """A note about all tasks, such as 以下均需各区、县〔市〕落实，不再列出."""

    doc_id: str
    text: str
    start: int
    end: int


@dataclass
class _Clause:
    pos: int  # where it stands, for ordering and for finding its task
    start: int
    end: int
    roles: list[tuple[str, list[tuple[str, int, int]]]]  # (role, [(agency, start, end)])
    task_override: tuple[str, str] | None = None


_LABEL_HEADS = alternation(words("owners", "label_heads"))  # …单位, …部门
_LABEL_NOTE = alternation(words("owners", "label_notes"))  # 责任单位(部门)
# a role label inside a parenthesis: 责任单位: / 牵头部门(单位):
_LABEL = re.compile(
    rf"(?P<label>[\u4e00-\u9fff]{{1,{int(value('owners', 'label_max_len'))}}}?(?:{_LABEL_HEADS})(?:[(（](?:{_LABEL_NOTE})[)）])?)\s*[:：]"
)
# a labelled line of its own (牵头单位:市发改委)
_LABEL_LINE = re.compile(rf"(?m)^[ \t]*(?P<body>[^\n(（:：]{{1,12}}?(?:{_LABEL_HEADS})(?:\((?:{_LABEL_NOTE})\))?\s*[:：][^\n]+)$")
_METADATA_LABELS = words("owners", "metadata_labels")
_AGENCY_SUFFIXES = words("owners", "agency_suffixes")
_ETC = "".join(words("owners", "etc_words"))  # stripped from the end of a name: 市科技局等
_NOTE_STARTS = words("owners", "note_starts")
_BRACKET_NOTE = re.compile(rf"[(（][^()（）]*(?:{alternation(words('owners', 'bracket_notes'))})[^()（）]*[)）]$")
_EACH: str = value("owners", "each")  # 各区、县级市 is one agency
_EACH_QUALIFIERS = words("owners", "each_qualifiers")
_LEVEL_WORDS = frozenset(words("owners", "place_levels"))
_OWN_HEADS = words("owners", "own_heads")
_SHARED_HEADS = words("owners", "shared_heads")
_OPEN, _CLOSE = "(（〔[【", ")）〕]】"
# the characters the scans below act on; every other one they pass over in the engine
_OPENING = re.compile(r"[(（]")
_DIGIT = re.compile(r"\d")
_PARENTHESIS = re.compile(r"[(（)）]")
_BRACKETS = re.compile(f"[{re.escape(_OPEN + _CLOSE)}]")
_AGENCY_MARKS = re.compile(f"[{re.escape(_OPEN + _CLOSE)}、,，;；\n]")  # brackets, and what splits agencies
_SPACES = re.compile(r"\s+")
_CLOSING_NOTE = re.compile(r"[(（][^)）]*[)）]$")  # a note in brackets that ends an agency's name
_TITLE_END = re.compile(r"[。;；!?\n|(（]")
_RUN_IN_MAX = 120  # a paragraph's first sentence longer than this is no heading of it


def extract_owners(
    doc: Document, table_clauses: list[_Clause] | None = None, heads: list[Heading] | None = None
) -> tuple[list[TaskOwner], list[OwnerNote]]:
    heads = headings(doc.text) if heads is None else heads
    notes: list[OwnerNote] = []
    found = _labelled_clauses(doc, notes) + (table_clauses or [])
    found.sort(key=lambda c: c.pos)
    owners: list[TaskOwner] = []
    clause_no: dict[tuple[str, int], int] = {}
    for c in found:
        task = _task_of(doc, heads, c)
        if task is None:
            continue
        number, title, key = task
        clause_no[key] = clause_no.get(key, 0) + 1
        position = 0
        for role, agencies in c.roles:
            for agency, a_start, a_end in agencies:
                position += 1
                owners.append(
                    TaskOwner(doc.id, number, title, clause_no[key], role, position, agency, c.start, c.end, a_start, a_end,
                              doc.text[c.start:c.end])
                )
    return owners, notes


def _labelled_clauses(doc: Document, notes: list[OwnerNote]) -> list[_Clause]:
    """Labelled parentheses （责任单位：…）, then labelled lines of their own outside them."""
    text, display = doc.text, doc.display
    found: list[_Clause] = []
    taken: list[tuple[int, int]] = []
    for p_start, p_end in _parentheses(text):
        inner = text[p_start + 1:p_end]
        if not _LABEL.search(inner):
            continue
        cl = _labelled(display, p_start + 1, p_end, notes, doc.id)
        if cl:
            found.append(_Clause(p_start, p_start, p_end + 1, cl))
            taken.append((p_start, p_end))
    for m in _LABEL_LINE.finditer(text):
        s = m.start("body")
        if any(a <= s <= b for a, b in taken):
            continue
        cl = _labelled(display, s, m.end(), notes, doc.id)
        if cl:
            found.append(_Clause(s, s, m.end(), cl))
    return found


def _task_of(doc: Document, heads: list[Heading], c: _Clause) -> tuple[str, str, tuple[str, int]] | None:
    """The task a clause belongs to: its number, its title, and a key that tells two tasks numbered alike apart."""
    if c.task_override:
        task, title = c.task_override
        return task, title, (task, -1)
    h = _task_heading(heads, c.pos)
    run_in = _run_in_heading(doc.text, doc.display, heads, h, c.pos)
    if run_in:
        return run_in[0], run_in[0], (run_in[0], run_in[1])
    if h is None:
        return None
    # two tasks numbered 1 under different headings are two tasks
    return h.number, _title(doc.display, h, c.pos), (h.number, h.start)


def _run_in_heading(text: str, display: str, heads: list[Heading], h: Heading | None, pos: int) -> tuple[str, int] | None:
    """Tasks without numbers: the paragraph's run-in heading (its first sentence, brackets and all:
    支持合同研发机构（CRO）对接国际标准，开展临床试验服务) names the task.

    Used when the clause's paragraph starts with no numbered heading and the nearest heading
    before it is a part (一、), not a numbered item: under （一） or 1. the paragraphs' parentheses
    are clauses of that item, the innermost numbered one (GUIDE, "Cases decided")."""
    line_start = text.rfind("\n", 0, pos) + 1
    # a labelled line of its own belongs to the paragraph above it
    while _LABEL_LINE.match(text, line_start) and line_start > 0:
        line_start = text.rfind("\n", 0, line_start - 1) + 1
    if h is not None and (h.start >= line_start or h.level >= 2):
        return None
    first = re.split(r"[。;；!?！？:：\n]", display[line_start:pos], maxsplit=1)[0].strip(" \t\u3000,，")
    if not (2 <= len(first) <= _RUN_IN_MAX) or not re.search(r"[\u4e00-\u9fff]", first):
        return None
    return first, line_start


def owned_task_spans(owners: list[TaskOwner], heads: list[Heading]) -> list[tuple[int, int]]:
    """Spans of text from a numbered task's heading to its owner clause: the task's commitments."""
    spans = set()
    for o in owners:
        h = _task_heading(heads, o.start)
        if h is not None and h.level >= 3 and o.start - h.start < 2000:
            spans.add((h.start, o.start))
    return sorted(spans)


def _task_heading(heads: list[Heading], pos: int) -> Heading | None:
    """The numbered heading the clause belongs to: the latest one before it, unless that is
    a sub-item (① / (1)) run into a numbered task's paragraph (1.…①…②…), whose number is the
    task's. A sub-item that opens a line of its own is the task (1. a heading, then (1) (2) …
    each with its owners)."""
    k = bisect.bisect_left(heads, pos, key=lambda h: h.start)
    if k == 0:
        return None
    last = heads[k - 1]
    if last.level == 4 and not last.opens_line:
        before = heads[:k]
        shallow = [h for h in before if h.level <= 2]
        tasks = [h for h in before if h.level == 3 and (not shallow or h.start > shallow[-1].start)]
        if tasks:
            return tasks[-1]
    return last


def _title(display: str, h: Heading, limit: int) -> str:
    end = min(limit, h.body + 60)
    seg = display[h.body:end]
    seg = _TITLE_END.split(seg, maxsplit=1)[0]
    return seg.strip(" \t.*")


def _parentheses(text: str) -> list[tuple[int, int]]:
    """Balanced ( ) and （ ） spans, outermost only, each within one paragraph."""
    out: list[tuple[int, int]] = []
    line_end = -1
    for first in _OPENING.finditer(text):  # the first opening of a line: its parentheses, from there to the line's end
        if first.start() < line_end:
            continue
        line_end = text.find("\n", first.start())
        line_end = len(text) if line_end < 0 else line_end
        stack: list[int] = []
        for m in _PARENTHESIS.finditer(text, first.start(), line_end):
            if m.group() in "(（":
                stack.append(m.start())
            elif stack:
                s = stack.pop()
                if not stack:
                    out.append((s, m.start()))
    return out


def _labelled(display: str, start: int, end: int, notes: list[OwnerNote], doc_id: str) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """(label: agencies; label: agencies) inside start..end of the text."""
    labels = list(_LABEL.finditer(display, start, end))
    roles = []
    for i, m in enumerate(labels):
        if m.group("label").startswith(_METADATA_LABELS):
            continue  # 发布单位: the page's publisher
        seg_end = labels[i + 1].start() if i + 1 < len(labels) else end
        agencies = split_agencies(display, m.end(), seg_end, notes, doc_id)
        if agencies and any(is_agency(a[0]) for a in agencies):
            roles.append((m.group("label"), agencies))
    return roles


def split_agencies(display: str, start: int, end: int, notes: list[OwnerNote] | None = None, doc_id: str = "") -> list[tuple[str, int, int]]:
    """Agencies split at 、，,；; and line breaks, never inside brackets; a note ends the list."""
    seg = display[start:end]
    hits = [i for w in _NOTE_STARTS if (i := _outside_brackets_find(seg, w)) >= 0]
    if hits:
        i = min(hits)
        if notes is not None:
            notes.append(OwnerNote(doc_id, display[start + i:end].strip(" ,，;；。"), start + i, end))
        seg = seg[:i]
    parts: list[tuple[int, int]] = []
    depth, cur = 0, start
    for m in _AGENCY_MARKS.finditer(seg):
        ch = m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append((cur, start + m.start()))
            cur = start + m.start() + 1
    parts.append((cur, start + len(seg)))
    cleaned: list[tuple[str, int, int]] = []
    for a, b in parts:
        raw = display[a:b]
        name = _SPACES.sub("", raw).strip("。.:：|")
        # a note in brackets after the agency: (列第一位的为牵头单位,下同)
        name = _BRACKET_NOTE.sub("", name)
        if not name:
            continue
        lead = len(raw) - len(raw.lstrip())
        cleaned.append((name, a + lead, b))
    return _merge_shared_heads(cleaned)


def _outside_brackets_find(seg: str, word: str) -> int:
    """Where word first stands in seg outside brackets, or -1."""
    i = seg.find(word)
    while i >= 0 and (seg[i] in _OPEN + _CLOSE or _bracket_depth(seg, i)):
        i = seg.find(word, i + 1)
    return i


def _bracket_depth(seg: str, end: int) -> int:
    """How deep in brackets seg[end] stands (a close without its open closes nothing)."""
    depth = 0
    for m in _BRACKETS.finditer(seg, 0, end):
        depth = depth + 1 if m.group() in _OPEN else max(0, depth - 1)
    return depth


def is_agency(name: str) -> bool:
    core = name.rstrip(_ETC)
    core = _CLOSING_NOTE.sub("", core)
    return 2 <= len(core) <= 30 and core.endswith(_AGENCY_SUFFIXES) and not _DIGIT.search(core)


def _merge_shared_heads(items: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """各区、市政府 is one agency: a short item without an agency ending shares the next one's head."""
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(items):
        name, a, b = items[i]
        j = i
        # 各区、县、市政府: short place words before an item that carries the head noun;
        # 各区、县级市 / 各有关区、县级市: 各 governs the place words after it
        while j + 1 < len(items) and (
            len(items[j][0]) <= 2 and _shares_head(items[j][0], items[j + 1][0]) or _each_of(name, items[j + 1][0])
        ):
            j += 1
            name = name + "、" + items[j][0]
            b = items[j][2]
        out.append((name, a, b))
        i = j + 1
    return out


def _each_of(name: str, nxt: str) -> bool:
    """各区 (各有关区, 各区、县) followed by another level of place (县级市): one agency."""
    levels = name.split("、")
    first = levels[0].removeprefix(_EACH)
    first = next((first.removeprefix(q) for q in _EACH_QUALIFIERS if first.startswith(q)), first)
    return name.startswith(_EACH) and all(x in _LEVEL_WORDS for x in [first, *levels[1:], nxt])


def _shares_head(short: str, nxt: str) -> bool:
    return not short.endswith(_OWN_HEADS) and nxt.endswith(_SHARED_HEADS)
