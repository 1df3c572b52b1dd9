"""Variant documents of our own, one per form that real documents take (tests/variants/).

Each case names the variant it covers and lists the facts the guide expects.
Targets are (year, key, value, unit, comparator): the key must be part of the
indicator, as in the gold scoring. Owners are (task, clause, role, position, agency).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VARIANTS

from zjpolicy.corpus import document_from_text, read_document
from zjpolicy.extract import extract_all

T = tuple  # (year, key, value, unit, comparator)

TARGETS: dict[str, list[tuple[object, ...]]] = {
    # 到2025年: the year from the sentence; 超过 gives >=
    "v01_year_dao": [(2025, "高新技术企业", 3000, "家", "="), (2025, "科技型中小企业", 8000, "家", ">=")],
    # a period in the title (2024—2026年): undated and 每年 targets take its last year
    "v02_year_range_title": [(2026, "省级企业研发中心", 10, "家", ">="), (2026, "国家高新技术企业", 30, "家", "=")],
    # no year in the text or title: the 文号 gives the plan's year
    "v03_year_from_doc_number": [(2024, "国家高新技术企业", 500, "家", "="), (2024, "省级新型研发机构", 2, "家", "=")],
    # 至2027年
    "v04_year_zhi": [(2027, "省级重点实验室", 15, "家", "="), (2027, "高层次人才", 200, "名", ">=")],
    # 左右 / 以上 / 以内 / 控制在 / 不少于 / 至少 / 不低于
    "v05_comparators": [
        (2025, "研发投入增长", 8, "%", "="), (2025, "发明专利拥有量", 40, "件", ">="),
        (2025, "能耗", 0.5, "吨", "<="), (2025, "技术合同成交额", 30, "亿元", ">="),
        (2025, "研发人员", 2000, "名", ">="), (2025, "海外工程师", 50, "名", ">="),
    ],
    # 年均增长X%, 提高X个百分点
    "v06_growth_points": [
        (2024, "财政科技支出年均增长", 10, "%", ">="), (2024, "研发经费投入强度", 0.2, "个百分点", "="),
        (2024, "研发活动覆盖率", 75, "%", "="),
    ],
    # 各 and 均: one row per indicator sharing the number
    "v07_each": [
        (2024, "省科技计划项目", 50, "项", "="), (2024, "市科技计划项目", 50, "项", "="),
        (2024, "国家创新平台", 3, "个", ">="), (2024, "省级创新平台", 3, "个", ">="),
    ],
    # without 各: one row for the joined phrase
    "v08_joined_without_each": [(2024, "技术交易额、科技服务业营业收入", 500, "亿元", ">=")],
    # ranges: the upper value with =
    "v09_ranges": [(2024, "概念验证中心", 10, "家", "="), (2024, "创新团队", 2, "个", "=")],
    # Chinese numerals 两、三十、一百二十
    "v10_chinese_numerals": [(2024, "省级实验室", 2, "家", "="), (2024, "科技小巨人企业", 30, "家", "="), (2024, "博士", 120, "名", "=")],
    # thousands separators
    "v11_thousands_separator": [(2024, "科技型中小企业", 1200, "家", "="), (2024, "技术交易额", 12500, "万元", "=")],
    # 万件, 万平方米, 万人次
    "v12_magnitude_units": [
        (2024, "有效发明专利拥有量", 3.5, "万件", "="), (2024, "科技孵化载体", 20, "万平方米", "="), (2024, "科技服务", 10, "万人次", "="),
    ],
    # 分别 pairs indicators and numbers in order
    "v13_respectively": [(2026, "高新技术企业", 150, "家", "="), (2026, "科技型中小企业", 400, "家", "=")],
    # a floor and a stretch figure: two rows each
    "v14_floor_and_stretch": [
        (2024, "省级科技型中小企业", 200, "家", "="), (2024, "省级科技型中小企业", 300, "家", "="),
        (2024, "上级科技资金", 5000, "万元", ">="), (2024, "上级科技资金", 6000, "万元", "="),
    ],
    # a summary: achieved figures (已建成, 累计, last year's 新认定) are no targets
    "v15_summary_achieved": [(2023, "国家高新技术企业", 500, "家", ">="), (2023, "省级重点实验室", 2, "家", "=")],
    # caps, thresholds, budgets, rankings and counts of named things are no targets
    "v16_caps_thresholds_budget": [(2024, "省级企业研究院", 5, "家", "=")],
    # a reply that only reports what was done yields no targets
    "v17_reply_achieved_only": [],
    # a reply's next steps: 2024年力争…
    "v18_reply_next_steps": [(2024, "高新技术企业", 100, "家", "="), (2024, "市级研发中心", 20, "家", "=")],
    # a reply whose topic sections review work but state a plan with a year
    "v34_reply_plans_inside_topics": [(2024, "高新技术企业", 80, "家", "=")],
    # a subsidy policy: rewards, thresholds, shares of costs, caps and funds set aside are no targets
    "v37_subsidy_policy": [(2025, "省级企业研究院", 50, "家", "=")],
    # a summary's plans: 明年 is the year after the report's date; 三年内 is its year plus three
    "v38_summary_next_year": [(2024, "国家高新技术企业", 230, "家", "="), (2026, "市级以上研发机构", 100, "家", "=")],
    # a number written as a magnitude word: 超万亿元 is 1 万亿元 (>=), 万亿级 is 1 万亿级;
    # 千亿级 glued to a count (2个千亿级产业集群) describes what is counted
    "v40_magnitude_words": [
        (2025, "数字经济核心产业增加值", 1, "万亿元", ">="), (2025, "智能物联产业集群", 1, "万亿级", "="),
        (2025, "千亿级产业集群", 2, "个", "="),
    ],
    # 等N: things that exist (推动…等2家, 加快建设…等2家) are no targets; 打造…等4个 makes new ones,
    # and what is counted stands after the number
    "v41_examples_before_deng": [
        (2024, "万亿级先进产业群", 4, "个", "="), (2024, "千亿级特色产业群", 15, "个", "="),
    ],
    # figures of part of the year are achieved, not targets
    "v19_part_of_year": [(2024, "高新技术企业", 400, "家", "=")],
    # traditional script, full-width digits and punctuation
    "v20_traditional_fullwidth": [(2025, "高新技术企业", 2000, "家", "="), (2025, "研发投入强度", 3.5, "%", "=")],
    "v21_owner_fullwidth": [],
    "v22_owner_lead_and_partners": [],
    "v26_owner_unlabelled": [],
    # a task table: the task cell holds the target
    "v27_task_table_pipe": [(2024, "高新技术企业", 60, "家", ">=")],
    # issue 12 (achieved figures: tests/test_achieved.py): last year's figure beside this year's target
    "v43_achieved_and_target_in_one_sentence": [(2024, "高新技术企业", 150, "家", "="), (2024, "研发投入强度", 3.2, "%", "=")],
    # a work report stored without its title: its plans are targets of the year its heading names
    "v44_report_without_title": [(2024, "地区生产总值", 6, "%", "="), (2024, "高新技术企业", 350, "家", "=")],
    "v45_report_last_year": [(2024, "固定资产投资", 7, "%", ">=")],
    # a bulletin and a summary report results only
    "v46_bulletin_estimates_and_falls": [],
    "v47_share_level_and_growth": [],
    "v48_user_measure": [(2024, "科技企业孵化器", 3, "家", "="), (2024, "高新技术企业", 20, "家", "=")],
    # issue 14. A work report without title or opening words: a heading that names this year's work (今年主要工作)
    # makes it one, its review's year + 1 its year
    "v49_report_heading_only": [
        (2024, "研发投入强度", 3.3, "%", "="), (2024, "高新技术企业", 350, "家", "="), (2024, "科技型中小企业", 8000, "家", ">="),
    ],
    # …and with no such heading its kind is unsure: only the sentences with a plan word or a year to come count,
    # 今年 in an undated text gives no year
    "v50_report_kind_unsure": [
        (None, "研发投入强度", 3.3, "%", "="), (None, "高新技术企业", 300, "家", ">="), (2026, "科技型中小企业", 1, "万家", "="),
    ],
    # a policy package: support it offers (奖励, 按…%补助, 贷款贴息, 一次性奖励) is no target; its action plan's are
    "v51_policy_package": [
        (2026, "研发投入强度", 3.5, "%", "="), (2026, "高新技术企业", 500, "家", "="), (2026, "省级以上研发机构", 100, "家", "="),
    ],
    # a figure after its verb and before its noun: the noun is the indicator
    "v52_figure_before_noun": [
        (2026, "关键核心技术成果", 20, "项", ">="), (2026, "示范应用场景", 50, "个", "="), (2026, "人工智能领军企业", 10, "家", ">="),
    ],
    # 每年 in a plan that covers a period: the period's last year, though a sentence before names another
    "v53_every_year_period": [
        (2025, "高新技术企业", 6000, "家", "="), (2026, "国家高新技术企业", 800, "家", ">="), (2026, "科技型中小企业", 2000, "家", "="),
    ],
    # N年内, 经过N年努力, 用N年时间: the document's year (its 文号's) plus N
    "v54_years_within": [
        (2026, "国家高新技术企业", 1500, "家", "="), (2028, "研发投入强度", 3.5, "%", "="), (2025, "省级以上孵化器", 20, "家", "="),
    ],
    # a period only in the title, on a line of its own: the plan's period
    "v55_period_in_title": [(2023, "省级重点实验室", 5, "家", "="), (2023, "高新技术企业总数", 800, "家", "=")],
    # a period the text states (2020年起5年内) in an undated document: 5年内 and 每年 take its last year
    "v56_period_from_text": [
        (2025, "高层次人才", 2000, "名", "="), (2025, "青年科技人员", 100, "名", ">="), (2025, "技能突出人才", 200, "名", "="),
    ],
}

# What the variants of issue 14 say of themselves: (kind, kind_sure, year, period, region).
DOCUMENTS: dict[str, tuple[object, ...]] = {
    "v44_report_without_title": ("report", True, 2024, "", "丽水市"),
    "v49_report_heading_only": ("report", True, 2024, "", "丽水市"),
    "v50_report_kind_unsure": ("report", False, None, "", "赣州市"),
    "v51_policy_package": ("opinion", True, 2024, "", "嘉兴市"),
    "v55_period_in_title": ("plan", True, 2023, "2021-2023", "衢州市"),
    "v56_period_from_text": ("opinion", True, 2025, "2020-2025", ""),
}

OWNERS: dict[str, list[tuple[object, ...]]] = {
    # full-width parentheses and colon, numbering 1．
    "v21_owner_fullwidth": [("1", 1, "责任单位", 1, "县科技局"), ("1", 1, "责任单位", 2, "县财政局"), ("2", 1, "责任单位", 1, "县科技局")],
    # （牵头单位：…；配合单位：…） in one parenthesis, numbering （一）; 各乡镇（街道） is one agency
    "v22_owner_lead_and_partners": [
        ("一", 1, "牵头单位", 1, "县经信局"), ("一", 1, "配合单位", 2, "县科技局"), ("一", 1, "配合单位", 3, "县财政局"),
        ("二", 1, "牵头单位", 1, "县金融办"), ("二", 1, "配合单位", 2, "各乡镇（街道）"),
    ],
    # labels on lines of their own: each labelled line is a clause; numbering 1、
    "v23_owner_label_lines": [
        ("1", 1, "牵头单位", 1, "市发改委"), ("1", 2, "配合单位", 1, "市科技局"), ("1", 2, "配合单位", 2, "各镇(街道)"),
        ("2", 1, "牵头单位", 1, "市委人才办"),
    ],
    # a deadline before the label, a note after the agencies, two parentheses in one task
    "v24_owner_deadline_note_multi": [
        ("1", 1, "责任单位", 1, "市科技局"), ("1", 1, "责任单位", 2, "市经信局"), ("1", 2, "责任单位", 1, "市教育局"),
        ("2", 1, "责任单位", 1, "市科技局"), ("2", 1, "责任单位", 2, "市税务局"),
    ],
    # 第一条 numbering, 责任部门 labels, and a 一、 heading
    "v25_owner_numbering": [
        ("一", 1, "责任部门", 1, "市科技局"), ("一", 1, "责任部门", 2, "市财政局"), ("二", 1, "责任部门", 1, "市委人才办"),
        ("三", 1, "责任单位", 1, "市政府办公室"),
    ],
    # a parenthesis without a label gives no rows
    "v26_owner_unlabelled": [],
    # tasks without numbers: the paragraph's run-in heading names the task
    "v39_owner_unnumbered_tasks": [
        ("培育各类工业互联网平台", 1, "责任单位", 1, "区经信局"), ("培育各类工业互联网平台", 1, "责任单位", 2, "区科技局"),
        ("推进企业上云用数", 1, "责任单位", 1, "区经信局"),
    ],
    # tasks numbered (1) under 一、, and sub-items ① ② inside task 1.: the task's number counts
    "v36_owner_subitems": [
        ("1", 1, "责任单位", 1, "市科技局"), ("2", 1, "责任单位", 1, "市经信局"), ("2", 1, "责任单位", 2, "市科技局"),
        ("1", 1, "责任单位", 1, "市科技局"), ("1", 1, "责任单位", 2, "市税务局"),
    ],
    # a task table: the column heading is the role, each cell a clause
    "v27_task_table_pipe": [
        ("1", 1, "牵头单位", 1, "县科技局"), ("1", 2, "配合单位", 1, "县经信局"), ("1", 2, "配合单位", 2, "县税务局"),
        ("2", 1, "牵头单位", 1, "县科技局"), ("2", 2, "配合单位", 1, "县财政局"),
    ],
    # one cell a line: the 责任 / 单位 heading broken over two cells, a cell of two lines is one clause
    "v42_task_table_broken_heading": [
        ("1", 1, "责任单位", 1, "基础处"), ("1", 1, "责任单位", 2, "规划处"), ("2", 1, "责任单位", 1, "成果处"),
    ],
    # 1. a heading, then (1) (2) … each with its owners' parenthesis: the task is (1), (2) (GUIDE, nested numbering)
    "v77_owner_nested_numbering": [
        ("1", 1, "责任单位", 1, "市科技局"), ("1", 1, "责任单位", 2, "市税务局"), ("2", 1, "责任单位", 1, "市科技局"),
        ("1", 1, "责任单位", 1, "市科技局"), ("1", 1, "责任单位", 2, "市发改委"),
    ],
    # task numbers followed by 1﹒ 1． 1、 1) are task numbers like 1. (GUIDE, unusual separators)
    "v78_owner_separators": [
        ("1", 1, "责任单位", 1, "县科技局"), ("2", 1, "责任单位", 1, "县科技局"), ("2", 1, "责任单位", 2, "县财政局"),
        ("3", 1, "责任单位", 1, "县经信局"), ("4", 1, "责任单位", 1, "县委人才办"),
    ],
    # numbering that restarts in a second part: two tasks numbered 1, each with its own clauses
    "v79_owner_numbering_restarts": [
        ("1", 1, "责任单位", 1, "区科技局"), ("2", 1, "责任单位", 1, "区发改局"), ("2", 1, "责任单位", 2, "区科技局"),
        ("1", 1, "责任单位", 1, "区政府办"), ("2", 1, "责任单位", 1, "区财政局"),
    ],
    # unnumbered paragraphs under numbered sections, one section with a single paragraph: each paragraph's
    # run-in heading (its first sentence) names its task
    # unnumbered paragraphs under a numbered item （一）: the task is the innermost numbered item and each
    # paragraph's parenthesis one more clause of it (a section with one paragraph: one clause); only under a
    # part heading (一、) do paragraphs name tasks by their run-in heading (v39)
    "v80_owner_section_one_paragraph": [
        ("一", 1, "责任单位", 1, "市科委"),
        ("一", 2, "责任单位", 1, "市科委"), ("一", 2, "责任单位", 2, "市发展改革委"),
        ("二", 1, "责任单位", 1, "市科委"), ("二", 1, "责任单位", 2, "市财政局"),
    ],
    "v01_year_dao": [],
}

DISTRICTS: dict[str, set[tuple[str, str, int]]] = {
    # a markdown pipe table with 合计
    "v28_district_markdown": {
        ("鹿城区", "市研发中心", 120), ("鹿城区", "省研发中心", 50), ("瓯海区", "市研发中心", 80), ("瓯海区", "省研发中心", 40),
        ("瑞安市", "市研发中心", 95), ("瑞安市", "省研发中心", 45), ("合计", "市研发中心", 295), ("合计", "省研发中心", 135),
    },
    # tab-separated rows, a 总计 row, other counts than institutions
    "v29_district_tab": {
        ("南湖区", "高新技术企业", 210), ("南湖区", "科技型中小企业", 560), ("秀洲区", "高新技术企业", 180),
        ("秀洲区", "科技型中小企业", 420), ("海宁市", "高新技术企业", 390), ("海宁市", "科技型中小企业", 980),
        ("合计", "高新技术企业", 780), ("合计", "科技型中小企业", 1960),
    },
    # space-separated rows, no total row
    "v30_district_space_no_total": {
        ("越城区", "企业数", 120), ("越城区", "平台数", 30), ("柯桥区", "企业数", 150), ("柯桥区", "平台数", 41),
        ("上虞区", "企业数", 98), ("上虞区", "平台数", 22), ("诸暨市", "企业数", 133), ("诸暨市", "平台数", 35),
    },
    # one cell a line, headings broken over lines (高新技术 / 企业), a 县(市、区) place header
    "v31_district_lines_broken_heading": {
        ("婺城区", "高新技术企业", 85), ("婺城区", "科技型中小企业", 230), ("金东区", "高新技术企业", 60),
        ("金东区", "科技型中小企业", 180), ("义乌市", "高新技术企业", 420), ("义乌市", "科技型中小企业", 1210),
        ("合计", "高新技术企业", 565), ("合计", "科技型中小企业", 1620),
    },
    # a 合计 that does not add up is still read as written (check reports it)
    "v32_district_total_mismatch": {
        ("椒江区", "省企业研究院", 30), ("椒江区", "省重点企业研究院", 5), ("黄岩区", "省企业研究院", 25),
        ("黄岩区", "省重点企业研究院", 4), ("温岭市", "省企业研究院", 40), ("温岭市", "省重点企业研究院", 7),
        ("合计", "省企业研究院", 100), ("合计", "省重点企业研究院", 16),
    },
    # a 序号 column, full-width brackets and digits, a 全市合计 row
    "v33_district_row_numbers_fullwidth": {
        ("上城区", "企业数（家）", 181), ("上城区", "平台数（个）", 12), ("拱墅区", "企业数（家）", 150),
        ("拱墅区", "平台数（个）", 9), ("西湖区", "企业数（家）", 255), ("西湖区", "平台数（个）", 20),
        ("合计", "企业数（家）", 586), ("合计", "平台数（个）", 41),
    },
    # year groups over repeated leaf headings: the group is prefixed
    "v35_district_year_groups": {
        ("南湖区", "2022年高企数", 100), ("南湖区", "2022年科小数", 200), ("南湖区", "2023年高企数", 120), ("南湖区", "2023年科小数", 230),
        ("秀洲区", "2022年高企数", 80), ("秀洲区", "2022年科小数", 150), ("秀洲区", "2023年高企数", 90), ("秀洲区", "2023年科小数", 170),
        ("合计", "2022年高企数", 180), ("合计", "2022年科小数", 350), ("合计", "2023年高企数", 210), ("合计", "2023年科小数", 400),
    },
    # the first header cell labels the rows (指标); a group heading over some columns (省级 / 市级 / 小计),
    # more columns after it; the merged cells left blank
    "v70_district_group_then_columns": {
        (place, inst, n)
        for place, counts in {"莲都区": (12, 30, 42, 150, 5), "青田县": (5, 18, 23, 80, 2), "龙泉市": (4, 15, 19, 60, 1),
                              "合计": (21, 63, 84, 290, 8)}.items()
        for inst, n in zip(("省级", "市级", "小计", "高新技术企业", "科技企业孵化器"), counts, strict=True)
    },
    # a table in sections: only the section of places (按地区分) and the 总计 give rows; sizes and types are no places
    "v71_district_sections": {
        (place, inst, n)
        for place, counts in {"合计": (860, 420, 3100), "越城区": (300, 150, 1000), "柯桥区": (320, 160, 1200),
                              "诸暨市": (240, 110, 900)}.items()
        for inst, n in zip(("有研发活动的企业(个)", "研发机构(个)", "新产品开发项目(项)"), counts, strict=True)
    },
    # one cell a line, two header rows: a year over a month over the total column, a group over its leaves and
    # a subtotal, 非职务 over 个人; population, density and rank are left out; 萍乡 is a city without its 市
    "v72_district_lines_two_row_heading": {
        (place, inst, n)
        for place, counts in {"南昌市": (1000, 300, 50, 500, 10, 860, 140), "赣州市": (400, 80, 10, 250, 5, 345, 55),
                              "萍乡": (300, 40, 5, 200, 15, 260, 40), "合计": (1700, 420, 65, 950, 30, 1465, 235)}.items()
        for inst, n in zip(("2024年3月", "大专院校", "科研单位", "工矿企业", "机关团体", "职务总计", "个人"), counts, strict=True)
    },
    # places of other provinces: districts, banners, autonomous banners, a county-level city; autonomous
    # prefectures (黔东南州) and a city without its 市 (遵义)
    "v73_district_other_provinces": {
        (place, inst, n)
        for place, counts in {"海拉尔区": (120, 30), "扎赉诺尔区": (15, 3), "阿荣旗": (20, 4), "莫力达瓦达斡尔族自治旗": (18, 2),
                              "鄂温克族自治旗": (12, 3), "满洲里市": (40, 8), "合计": (225, 50)}.items()
        for inst, n in zip(("科技型中小企业", "高新技术企业"), counts, strict=True)
    } | {
        (place, inst, n)
        for place, counts in {"遵义": (25, 10), "黔东南州": (12, 4), "黔南州": (14, 6), "安顺市": (9, 3)}.items()
        for inst, n in zip(("新型研发机构", "科技企业孵化器"), counts, strict=True)
    },
    # a CSV's rows joined by |: bilingual headings over several header rows (the Chinese part names the column,
    # the group prefixes a repeated leaf), a province row that only groups its cities, the heading repeated at
    # the top of the second page
    "v74_district_bilingual_csv": {
        (place, inst, n)
        for place, counts in {"兰州市": (120, 100, 1500, 1200), "天水市": (30, 20, 200, 150), "白银市": (25, 15, 180, 120),
                              "临夏州": (8, 2, 40, 30), "合计": (183, 137, 1920, 1500)}.items()
        for inst, n in zip(("研究与开发机构全市", "研究与开发机构市区", "高新技术企业全市", "高新技术企业市区"), counts, strict=True)
    },
    # space-separated, two header rows stacked (2024年 / 12月, 职务 over its leaves and 职务总计, units in
    # brackets under 常住人口 and 专利密度), rank last: its 1 2 3 are no row numbers
    "v75_district_space_trailing_rank": {
        (place, inst, n)
        for place, counts in {"南宁市": (5000, 1500, 300, 2600, 100, 4500, 500), "柳州市": (2000, 200, 50, 1600, 30, 1880, 120),
                              "百色市": (300, 40, 10, 200, 10, 260, 40), "合计": (7300, 1740, 360, 4400, 140, 6640, 660)}.items()
        for inst, n in zip(("2024年12月", "大专院校", "科研单位", "工矿企业", "机关团体", "职务总计", "个人"), counts, strict=True)
    },
    # two headings over three columns of numbers: no heading is shifted onto a neighbour's numbers, no rows
    "v76_district_misaligned": set(),
    "v05_comparators": set(),
}


def _facts(name: str):
    return extract_all(read_document(VARIANTS / f"{name}.txt"))


def test_there_are_at_least_25_variant_documents() -> None:
    files = sorted(Path(VARIANTS).glob("v*.txt"))
    assert len(files) >= 25
    covered = set(TARGETS) | set(OWNERS) | set(DISTRICTS)
    assert {f.stem for f in files} <= covered, "every variant document has expectations"


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_targets(name: str) -> None:
    got = _facts(name).targets
    assert len(got) == len(TARGETS[name]), [(t.year, t.indicator, t.value, t.unit, t.comparator) for t in got]
    for t, (year, key, value, unit, comparator) in zip(got, TARGETS[name]):
        assert (t.year, t.value, t.unit, t.comparator) == (year, value, unit, comparator), t
        assert str(key) in t.indicator, (key, t.indicator)
        assert t.quote == _facts(name).doc.text[t.start:t.end]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_documents_describe_themselves(name: str) -> None:
    doc = _facts(name).doc
    assert (doc.kind, doc.kind_sure, doc.year, doc.period, doc.region) == DOCUMENTS[name]


@pytest.mark.parametrize("name", sorted(OWNERS))
def test_owners(name: str) -> None:
    got = [(o.task, o.clause, o.role, o.position, o.agency) for o in _facts(name).owners]
    assert got == OWNERS[name]


def test_owner_note_about_all_tasks_is_kept_apart() -> None:
    facts = _facts("v24_owner_deadline_note_multi")
    assert [n.text for n in facts.owner_notes] == ["以下均需各乡镇(街道)落实,不再列出"]


@pytest.mark.parametrize("name", sorted(DISTRICTS))
def test_district_cells(name: str) -> None:
    got = {(c.district, c.institution, c.count) for t in _facts(name).tables for c in t.cells}
    assert got == DISTRICTS[name]


def test_a_table_whose_headings_cannot_be_lined_up_gives_no_rows_and_says_why() -> None:
    [table] = _facts("v76_district_misaligned").tables
    assert (table.cells, table.title) == ([], "某市各区科技企业统计表")
    assert table.problem == (
        "2 headings (高新技术企业 / 科技型中小企业) cannot be lined up one to one with its 3 columns of numbers; no rows taken"
    )


def test_a_heading_repeated_at_a_page_break_continues_the_table() -> None:
    tables = _facts("v74_district_bilingual_csv").tables
    assert [(t.table_no, t.title, len(t.cells)) for t in tables] == [(1, "表7-3各市(州)科技机构情况", 20)]


def test_a_task_tables_last_cell_cut_off_by_the_end_of_the_page_keeps_its_whole_names() -> None:
    text = "序号 | 主要任务 | 责任单位\n1 | 建设实验室。 | 市科技局、市财政局\n2 | 引进人才。 | 市人力社保局、市经"
    owners = extract_all(document_from_text("cut", text)).owners
    assert [(o.task, o.clause, o.role, o.position, o.agency) for o in owners] == [
        ("1", 1, "责任单位", 1, "市科技局"), ("1", 1, "责任单位", 2, "市财政局"), ("2", 1, "责任单位", 1, "市人力社保局"),
    ]
