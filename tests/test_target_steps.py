"""The steps that accept or reject a number as a target, and explain(), which says for every
number of a document which target it gave or which named step rejected it and why."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VARIANTS

from zjpolicy.corpus import document_from_text, read_document
from zjpolicy.extract import explain_targets, extract_all
from zjpolicy.extract.targets import SENTENCE_STEPS, STEPS, Decision, Target


def _by_number(decisions: list[Decision]) -> dict[str, list[Decision]]:
    out: dict[str, list[Decision]] = {}
    for d in decisions:
        out.setdefault(d.written, []).append(d)
    return out


def test_the_steps_run_in_their_declared_order() -> None:
    assert [name for name, _ in SENTENCE_STEPS] == [
        "part-of-year report", "notes", "past part", "achieved sentence", "last-year paragraph", "undated year", "part of year",
        "scoring", "comparison",
    ]
    assert [name for name, _ in STEPS] == [
        "qualifier", "words", "rank", "cap", "named things", "achieved", "threshold", "scope", "articles", "programme", "support",
        "condition", "requirement", "forecast", "description", "deadline", "rate", "budget", "bracket", "quoted name", "weak unit", "no signal",
        "numeral",
        "past year", "comparator", "indicator", "generic",
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


# ---------------------------------------------------------------- issue 14: policy packages, reports, years


def _steps(text: str) -> list[tuple[str, str]]:
    return [(d.written, d.step) for d in explain_targets(document_from_text("doc", text))]


# a report of 2026 whose year's work the lines after it stand in
REPORT_2026 = "2026年某市政府工作报告\n\n各位代表：\n\n二、2026年主要工作\n"


def _targets(text: str) -> list[Target]:
    return extract_all(document_from_text("x", text)).targets


def test_support_a_policy_offers_is_no_target_but_its_action_plan_is() -> None:
    text = (
        "某市关于支持科技创新的若干政策\n"
        "对新认定的省级企业研究院一次性奖励200万元。对企业研发投入按研发费用的15%给予补助。"
        "对科技贷款给予贷款贴息50%。开发区与乡镇按50%比例分配。\n"
        "到2026年,力争新增高新技术企业500家。\n"
    )
    assert _steps(text) == [
        ("200万元", "support"), ("15%", "support"), ("50%", "cap"), ("50%", "rate"), ("500家", ""),
    ]


def test_who_qualifies_for_support_is_a_condition_not_a_target() -> None:
    text = (
        "某县关于促进乡村旅游的若干措施\n"
        "对新种植花卉200亩以上，连续经营2年以上的，一次性奖励100元/亩。新开餐厅营业面积在150平方米以上，经营满一年的给予补助。"
        "资助培养青年人才80名。争取粮食总产量稳定在40万吨以上，对种粮大户给予补贴。\n"
    )
    assert _steps(text) == [
        ("200亩", "condition"), ("100元", "support"), ("150平方米", "condition"),
        ("80名", ""), ("40万吨", ""),
    ]


def test_a_figure_that_describes_or_qualifies_is_no_target() -> None:
    text = (
        "某县2025年工作计划\n"
        "年销售额在1亿元及以上的企业纳入培育库。力争引进投资3亿元以上重大项目。完成日处理3万吨水厂改扩建。"
        "推动8座以下小汽车通关便利化。项目须在30天内开工。积极落实高质量发展10条。"
        "预计全年旅游收入达到83亿元。力争旅游收入达到90亿元。\n"
    )
    assert _steps(text) == [
        ("1亿元", "threshold"), ("3亿元", "description"), ("3万吨", "description"), ("8座", "description"),
        ("30天", "deadline"), ("10条", "articles"), ("83亿元", "forecast"), ("90亿元", ""),
    ]


def test_the_floor_area_of_a_facility_that_opens_is_its_size_but_an_area_to_build_is_work() -> None:
    text = (
        "某区2016年工作计划\n"
        "确保某商城5.7万平方米主力店正式运营。开工建设10万平方米职工住宅小区。建成2万平方米标准厂房并投用。"
        "年内完成16.9万平方米的绿化任务。\n"
    )
    assert _steps(text) == [("5.7万平方米", "description"), ("10万平方米", ""), ("2万平方米", ""), ("16.9万平方米", "")]


def test_numerals_that_name_a_programme_and_a_multiplier_before_a_magnitude() -> None:
    doc = document_from_text(
        "report",
        "某市2024年政府工作报告\n二、2024年工作安排\n实施百千市场主体共筑行动。深入实施百万工匠提升工程。"
        "力争食品产业集群规模突破1千亿元。非居民管道天然气售价下调至3.8元/立方米左右。经济总量突破千亿大关。\n",
    )
    assert [(t.value, t.unit) for t in extract_all(doc).targets] == [(1000, "亿元"), (3.8, "元/立方米"), (1000, "亿")]


def test_the_number_of_items_for_the_people_and_the_places_whose_quality_is_raised_are_no_targets() -> None:
    text = (
        "某市2024年政府工作报告\n二、2024年工作安排\n用心办好12件民生实事。不断提升22个国考断面、8个饮用水水源地水质。"
        "提升15万农村人口饮水质量。新建污水管网50公里。\n"
    )
    assert _steps(text) == [("12件", "programme"), ("22个", "scope"), ("8个", "scope"), ("15万", ""), ("50公里", "")]


def test_units_completed_by_people_and_nouns_after_a_joiner_or_a_name_number() -> None:
    doc = document_from_text(
        "report",
        "某市2024年政府工作报告\n二、2024年工作安排\n力争帮助12万城镇就业困难人员实现就业。集装箱吞吐量达到2300万标准箱。"
        "创建示范乡镇2个、示范村27个和优秀县2个。新建100家智能工厂、10个5G全连接工厂。\n",
    )
    assert [(t.indicator, t.value, t.unit) for t in extract_all(doc).targets] == [
        ("城镇就业困难人员实现就业", 12, "万人"), ("集装箱吞吐量", 2300, "万标准箱"),
        ("示范乡镇", 2, "个"), ("示范村", 27, "个"), ("优秀县", 2, "个"),
        ("智能工厂", 100, "家"), ("5G全连接工厂", 10, "个"),
    ]


def test_numbered_items_share_a_head_and_figures_of_each_place_or_projects_under_way_are_no_targets() -> None:
    text = (
        "某市2024年政府工作报告\n二、2024年工作安排\n地区生产总值增长6%左右，其中一、二、三产分别增长5%、9%、6%左右。"
        "抓好古城改造提升，完成习安坊等6个组团修缮改造工作，推动古城广场、大明文旅综合体、虹山湖夜游等10个项目建设。"
        "力争利用省外资金突破千亿元，各县区、市管园区引进2-5个10亿元以上、1个50亿元以上制造业项目落地。\n"
    )
    assert [(t.indicator, t.value) for t in extract_all(document_from_text("report", text)).targets][:4] == [
        ("地区生产总值增长", 6), ("一产增长", 5), ("二产增长", 9), ("三产增长", 6),
    ]
    assert [step for _, step in _steps(text)][4:10] == ["", "scope", "", "cap", "cap", "cap"]


def test_each_item_of_a_list_before_each_and_a_verb_gets_its_row_and_measure() -> None:
    text = "某市2024年工作计划\n力争国家高新技术企业、国家科技型中小企业各新增1000家。\n"
    targets = _targets(text)
    assert [(t.indicator, t.value, t.measure) for t in targets] == [
        ("国家高新技术企业新增", 1000, "hitech_firms_new"), ("国家科技型中小企业新增", 1000, "tech_smes_new"),
    ]


def test_a_word_of_commitment_before_the_verb_of_growth_leaves_the_indicator_and_its_measure() -> None:
    text = "某市2024年工作计划\n地区生产总值确保增长6.5%、力争7%以上；大力争取上级资金支持6000万元以上。\n"
    targets = _targets(text)
    assert [(t.indicator, t.value, t.measure) for t in targets] == [
        ("地区生产总值增长", 6.5, "gdp_growth"), ("地区生产总值增长", 7, "gdp_growth"), ("大力争取上级资金支持", 6000, ""),
    ]


def test_the_bound_word_after_the_last_of_a_respective_list_binds_each_item() -> None:
    text = (REPORT_2026 +
            "畜禽粪污资源化利用率、农作物秸秆资源化利用率、废旧农膜回收率分别稳定在80%、85%、85%以上。"
            "筹建配售型保障性住房1万套、保障性租赁住房10万套。（3）为3万名群众开展驾驶证培训服务。\n")
    targets = _targets(text)
    assert [(t.indicator, t.value, t.comparator) for t in targets] == [
        ("畜禽粪污资源化利用率", 80, ">="), ("农作物秸秆资源化利用率", 85, ">="), ("废旧农膜回收率", 85, ">="),
        ("筹建配售型保障性住房", 1, "="), ("保障性租赁住房", 10, "="), ("群众开展驾驶证培训服务", 3, "="),
    ]


def test_a_qualifier_glued_to_a_count_names_the_next_item_of_the_list() -> None:
    text = (REPORT_2026 +
            "实施百亿级投资项目10个以上、五十亿级20个以上。力争引进100亿元以上项目5个、50亿元以上15个。\n")
    targets = _targets(text)
    assert [(t.indicator, t.value) for t in targets] == [
        ("百亿级投资项目", 10), ("五十亿级投资项目", 20), ("100亿元以上项目", 5), ("50亿元以上项目", 15),
    ]


def test_a_count_of_the_things_named_before_it_a_place_among_the_first_and_the_items_for_the_people() -> None:
    text = (REPORT_2026 +
            "培育壮大现代物流、绿色食品、先进装备制造3个优势产业。力争进入全国营商环境前50名。"
            "办好市级重点民生实事10件。新建标准化厂房、仓储中心、研发楼3个。新建标准化厂房、仓储中心4个。\n")
    # a count as many as the items before it restates the list (one of each), whatever they are; a count of
    # two or of more than the items listed is a target
    assert [(w, step) for w, step in _steps(text)] == [
        ("3个", "named things"), ("50名", "rank"), ("10件", "programme"), ("3个", "named things"), ("4个", ""),
    ]


def test_limits_of_a_policy_a_last_year_paragraph_and_the_words_of_a_name() -> None:
    text = (REPORT_2026 +
            "个人创业贷款额度提高至60万元，职工医保支付限额提高1500元。打造和美小区140个。州本级安排1.5亿元。"
            "全力办好10件市级重点民生实事。全年投入1.63亿元实施民生微实事项目。\n"
            "过去一年，我们自觉接受监督。出台政府规章各1件，确保政府工作始终在法治轨道上运行。\n")
    assert _steps(text) == [
        ("60万元", "cap"), ("1500元", "cap"), ("140个", ""), ("1.5亿元", "budget"), ("10件", "programme"), ("1.63亿元", ""),
        ("1件", "last-year paragraph"),
    ]
    targets = _targets(text)
    assert [t.indicator for t in targets] == ["打造和美小区", "民生微实事项目"]


def test_the_next_items_qualifier_gives_this_item_no_words_and_units_stay_whole() -> None:
    text = (REPORT_2026 +
            "力争全年签约落地10亿元及以上项目80个、50亿元及以上项目25个。新增污水处理能力3万吨/天。"
            "完成草原围栏4万米。为14万持证残疾人缴纳意外伤害保险。\n")
    targets = _targets(text)
    assert [(t.indicator, t.value, t.unit, t.comparator) for t in targets] == [
        ("签约落地10亿元及以上项目", 80, "个", "="), ("50亿元及以上项目", 25, "个", "="),
        ("污水处理能力", 3, "万吨/天", "="), ("草原围栏", 4, "万米", "="), ("持证残疾人缴纳意外伤害保险", 14, "万人", "="),
    ]


def test_places_whose_building_is_pushed_on_are_no_targets_but_work_started_and_amounts_are() -> None:
    text = (REPORT_2026 +
            "推进7条主城跨区断头路建设。推进6条高速公路开工建设。推动12万亩高标准农田建设。推进8个以上医共体建设。\n")
    steps = dict(_steps(text))
    assert steps["7条"] == "scope" and all(steps[w] != "scope" for w in ("6条", "12万亩", "8个"))


def test_a_qualifier_after_a_bound_word_and_units_of_ships_cables_boxes_and_computing() -> None:
    text = (REPORT_2026 +
            "力争新增营收过百亿元企业2家、过五十亿元2家。集装箱吞吐量达到155万标箱。智算总规模达到10000P。"
            "新建充电桩5000根。新增电动运输船2艘。\n")
    targets = _targets(text)
    assert [(t.indicator, t.value, t.unit) for t in targets] == [
        ("营收过百亿元企业", 2, "家"), ("过五十亿元企业", 2, "家"), ("集装箱吞吐量", 155, "万标箱"), ("智算总规模", 10000, "P"),
        ("充电桩", 5000, "根"), ("电动运输船", 2, "艘"),
    ]


def test_sizes_of_parks_before_each_are_no_values_and_no_row_is_cut_from_a_figure() -> None:
    text = (REPORT_2026 +
            "力争招商引资亿元以上项目100个以上，打造300亿元园区、200亿元园区、100亿元园区各1个。\n")
    targets = _targets(text)
    assert [(t.indicator, t.value, t.unit) for t in targets] == [("招商引资亿元以上项目", 100, "个"), ("100亿元园区", 1, "个")]


def test_respective_growth_keeps_its_verb_and_a_joint_group_splits_into_its_groups() -> None:
    text = (REPORT_2026.replace("二、2026年主要工作", "一、2025年工作回顾\n全年GDP、规模工业增加值分别增长4.6%、5%。\n\n二、2026年主要工作")
            + "地区生产总值增长6%以上，一般公共预算收入与经济增长基本同步，城乡居民人均可支配收入分别增长6%、6.5%。\n")
    doc = document_from_text("x", text)
    facts = extract_all(doc)
    assert [(t.indicator, t.value, t.measure) for t in facts.targets] == [
        ("地区生产总值增长", 6, "gdp_growth"), ("城镇居民人均可支配收入增长", 6, ""), ("农村居民人均可支配收入增长", 6.5, ""),
    ]
    assert [(a.indicator, a.value, a.measure) for a in facts.achieved] == [
        ("GDP增长", 4.6, "gdp_growth"), ("规模工业增加值增长", 5, "industry_growth"),
    ]


def test_a_unit_cut_short_before_a_joiner_and_rules_named_by_their_articles() -> None:
    text = (REPORT_2026 + "全员劳动生产率达到17万元/人，两项指标分别提高29个、6个百分点。"
            "完善城市20条、集镇10条、农房15条建设管理规范措施。\n")
    assert [(t.value, t.unit) for t in _targets(text)] == [(17, "万元/人"), (29, "个百分点"), (6, "个百分点")]


def test_a_packages_requirement_on_those_it_addresses_is_no_target() -> None:
    text = ("某市支持企业加强基础研究的若干措施\n"
            "对承担市重点实验室建设任务的企业，将基础研究投入纳入评估体系，年度基础研究投入占研发支出的比例不低于10%。"
            "全市基础研究投入占研发经费比重达到8%。\n")
    assert _steps(text) == [("10%", "requirement"), ("8%", "")]


def test_money_right_before_the_things_it_describes_is_no_level() -> None:
    text = "某市2024年工作计划\n力争引育更多营收过10亿元企业。力争企业营收超10亿元。\n"
    assert _steps(text) == [("10亿元", "description"), ("10亿元", "")]


def test_a_count_of_where_work_goes_on_is_no_target_but_the_amount_of_a_task_is() -> None:
    text = (
        "某区2018年政府工作报告\n二、2018年工作安排\n加快推进17个棚改区域的配套基础设施建设。强化与周边7个口岸的协作联动。"
        "培育年产值超100亿元、具备较强竞争力的龙头企业2家。全力完成今年66个重点项目54亿元的投资计划。\n"
    )
    assert _steps(text) == [
        ("17个", "scope"), ("7个", "scope"), ("100亿元", "qualifier"), ("2家", ""), ("66个", "qualifier"), ("54亿元", ""),
    ]
    doc = document_from_text("report", text)
    assert [t.indicator for t in extract_all(doc).targets] == ["年产值超100亿元、具备较强竞争力的龙头企业", "投资计划"]


def test_the_amount_of_a_task_is_named_by_the_task() -> None:
    doc = document_from_text("report", "某区2019年政府工作报告\n二、2019年工作安排\n继续推进棚户区改造,完成800户的改造任务。完成37.8亿元的年度投资计划。\n")
    assert [(t.indicator, t.value, t.unit) for t in extract_all(doc).targets] == [
        ("改造", 800, "户"), ("年度投资计划", 37.8, "亿元"),
    ]


def test_a_page_without_a_date_leaves_results_of_a_named_year_out_and_its_plans_undated() -> None:
    text = (
        "浙江目标今年研发投入强度达3.3%左右\n"
        "2024年,浙江省生产总值增长5.5%左右,规上工业增加值增长7.5%左右。\n"
        "该省将力争规上工业增加值增长6%以上。\n"
    )
    doc = document_from_text("news", text)
    assert _steps(text)[1:] == [("5.5%", "undated year"), ("7.5%", "undated year"), ("6%", "")]
    assert [(t.year, t.value) for t in extract_all(doc).targets] == [(None, 3.3), (None, 6)]


def test_a_paragraph_that_opens_with_part_of_a_year_reports_it_throughout() -> None:
    text = "某市科技企业评价进展\n2022年1-5月份,全市4222家企业入库。高新区、武清区通过评价入库数居首位,分别为高新区859家、武清区369家。\n"
    assert {step for _, step in _steps(text)} == {"part of year"}


def test_one_before_a_measure_word_is_an_article() -> None:
    assert _steps("某市2025年人才工作计划\n加快建设一支高素质人才队伍,新增高层次人才1支团队。\n")[0] == ("一支", "numeral")


def test_a_sentence_year_holds_over_headings_that_name_none_but_not_out_of_a_review() -> None:
    text = (
        "某市科技局2024年工作计划\n一、主要目标\n到2027年,全市高新技术企业达到3000家。\n二、重点任务\n新增省级实验室2家。\n"
        "三、工作回顾\n2023年,全市新增高新技术企业300家。\n四、下一步打算\n力争新增高新技术企业350家。\n"
    )
    doc = document_from_text("plan", text)
    assert [(t.year, t.value) for t in extract_all(doc).targets] == [(2027, 3000), (2027, 2), (2024, 350)]


def test_a_sentence_year_inside_a_section_of_its_own_year_lasts_to_the_sentence_end() -> None:
    text = "某区2016年政府工作报告\n三、2016年工作安排\n到2017年底前实现贫困人口100户稳定脱贫。年内建成公厕20座。\n"
    doc = document_from_text("report", text)
    assert [(t.year, t.value) for t in extract_all(doc).targets] == [(2017, 100), (2016, 20)]


def test_a_span_of_time_is_a_deadline_unless_it_is_a_level_to_reach() -> None:
    text = "某市2025年营商环境工作要点\n力争出台10条支持政策。企业开办须在3个工作日内完成。力争审批时限压缩至5个工作日内。\n"
    assert _steps(text) == [("10条", "articles"), ("3个工作日", "deadline"), ("5个工作日", "")]


def test_the_last_digit_of_a_year_is_no_count_of_years() -> None:
    text = "某县科技局2023年工作计划\n在2024年内新增高新技术企业100家。三年内新增省级研发中心20家。\n某县科技局\n2023年3月1日\n"
    doc = document_from_text("plan", text)
    assert [(t.year, t.value) for t in extract_all(doc).targets] == [(2024, 100), (2026, 20)]


def test_an_indicator_ends_before_a_word_of_commitment_or_comparison() -> None:
    facts = extract_all(read_document(VARIANTS / "v97_levels_and_trailing_commitment_words.txt"))
    by_unit = {(t.value, t.unit): t.indicator for t in facts.targets}
    assert by_unit[(18, "微克/立方米")] == "全区PM2.5年均浓度"  # …力争降至18: not 全区PM2.5年均浓度力争
    assert by_unit[(40, "微克/立方米")] == "PM10年均浓度"  # …不高于40
    (level,) = [d for d in explain_targets(facts.doc) if d.written == "10亿元"]
    assert (level.step, level.targets) == ("description", ())
