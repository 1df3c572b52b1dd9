"""The steps that accept or reject a number as a target, and explain(), which says for every
number of a document which target it gave or which named step rejected it and why."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VARIANTS

from zjpolicy.corpus import document_from_text, read_document
from zjpolicy.extract import explain_targets, extract_all
from zjpolicy.extract.targets import SENTENCE_STEPS, STEPS, Decision


def _by_number(decisions: list[Decision]) -> dict[str, list[Decision]]:
    out: dict[str, list[Decision]] = {}
    for d in decisions:
        out.setdefault(d.written, []).append(d)
    return out


def test_the_steps_run_in_their_declared_order() -> None:
    assert [name for name, _ in SENTENCE_STEPS] == [
        "part-of-year report", "past part", "achieved sentence", "part of year", "scoring", "comparison",
    ]
    assert [name for name, _ in STEPS] == [
        "qualifier", "words", "rank", "cap", "named things", "achieved", "threshold", "budget", "bracket",
        "weak unit", "no signal", "numeral", "past year", "comparator", "indicator", "generic",
    ]


def test_a_subsidy_cap_is_rejected_by_the_cap_step() -> None:
    doc = document_from_text("plan", "某市2025年科技工作计划\n对新认定的省级重点实验室给予最高1000万元补助。新增省级企业研究院5家。\n")
    found = _by_number(explain_targets(doc))
    (cap,) = found["1000万元"]
    assert (cap.step, cap.reason, cap.targets) == ("cap", "a cap or a rate per item: 最高", ())
    (accepted,) = found["5家"]
    assert accepted.accepted and [t.indicator for t in accepted.targets] == ["省级企业研究院"]


def test_each_kind_of_rejection_names_its_step() -> None:
    doc = read_document(VARIANTS / "v16_caps_thresholds_budget.txt")
    steps = [(d.written, d.step) for d in explain_targets(doc)]
    assert steps == [
        ("500万元", "cap"), ("300万元", "threshold"), ("12亿元", "budget"), ("3位", "rank"),
        ("5家", "named things"), ("5家", ""),
    ]


def test_a_sentence_step_rejects_every_number_of_its_sentence() -> None:
    doc = document_from_text("review", "某市2024年科技工作计划\n上半年新增高新技术企业120家、科技型中小企业300家。\n")
    decisions = explain_targets(doc)
    assert [(d.written, d.step) for d in decisions] == [("120家", "part of year"), ("300家", "part of year")]
    assert decisions[0].reason == "a figure of part of a year: 上半年"


def test_an_achieved_figure_drops_the_whole_sentence() -> None:
    doc = document_from_text("plan", "某市2025年科技工作计划\n力争新增孵化器3家,全市仅有1家。\n")
    assert [(d.written, d.step) for d in explain_targets(doc)] == [("3家", "achieved"), ("1家", "achieved")]
    assert extract_all(doc).targets == []


@pytest.mark.parametrize("path", sorted(VARIANTS.glob("*.txt")), ids=lambda p: p.stem)
def test_explain_accepts_exactly_the_targets_of_the_load(path: Path) -> None:
    doc = read_document(path)
    decisions = explain_targets(doc)
    assert [t for d in decisions for t in d.targets] == extract_all(doc).targets
    assert all(bool(d.targets) == d.accepted and (d.accepted or d.reason) for d in decisions)
    assert [d.start for d in decisions] == sorted(d.start for d in decisions)
