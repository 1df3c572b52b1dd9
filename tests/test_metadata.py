"""What a document says about itself: its 文号, kind and year, read from its normalised text."""

from __future__ import annotations

from zjpolicy.corpus import document_from_text


def test_a_doc_number_cited_in_the_text_is_not_the_documents() -> None:
    """深入贯彻国发〔2022〕2号文件: another document's number; the report's year stays its own."""
    text = ("各位代表:\n现在,我代表市人民政府向大会报告工作。\n一、2023年工作回顾\n"
            "全市上下深入贯彻国发〔2022〕2号文件,高质量发展取得新成效。\n二、2024年工作安排\n")
    doc = document_from_text("cited", text)
    assert (doc.doc_number, doc.kind, doc.year) == ("", "report", 2024)


def test_a_doc_number_inside_a_sentence_of_the_body_is_cited() -> None:
    """深挖国发〔2022〕2号、国函〔2022〕65号文件政策: no citing word before the first, but a sentence of the body."""
    text = ("各位代表:\n现在,我代表市人民政府向大会报告工作。\n一、2023年工作回顾\n"
            "我们系统谋划、借势发力,深挖国发〔2022〕2号、国函〔2022〕65号文件政策“富矿”,发展动能取得新突破。\n"
            "二、2024年工作安排\n")
    doc = document_from_text("prose", text)
    assert (doc.doc_number, doc.year) == ("", 2024)


def test_a_doc_number_on_its_own_line_is_the_documents() -> None:
    doc = document_from_text("own", "某市人民政府文件\n某政发〔2024〕5号\n关于印发某市科技创新行动计划的通知\n")
    assert doc.doc_number == "某政发〔2024〕5号"


def test_a_report_without_title_or_address_is_a_report() -> None:
    """现在，我代表市人民政府，向大会报告政府工作: the first line says what the document is."""
    text = ("现在，我代表市人民政府，向大会报告政府工作，请予审议，并请各位政协委员提出意见。\n"
            "一、2023年工作回顾\n全市生产总值增长5%。\n二、2024年工作安排\n全市生产总值增长5.5%左右。\n")
    doc = document_from_text("speaker", text)
    assert (doc.kind, doc.year) == ("report", 2024)
