"""Write gold/targets.csv, owners.csv and districts.csv for tests/realdocs3.

Targets and owners are entered by hand, after reading each document against
/work/shared/gold/GUIDE.md and the judgement calls of /work/shared/dev2/README.md
(year blank when neither the text nor a date printed in it gives one; never a
year from a URL).  Quotes are cut out of the (t2s-converted) document text by
anchors, so that no quote is retyped.  No document in this set has a table of
counts by district, so districts.csv holds only its header.

Run with the project venv:
    /work/main/.venv/bin/python tests/realdocs3/tools/build_gold.py
"""
import csv
import pathlib

import opencc

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GOLD = ROOT / "gold"
T2S = opencc.OpenCC("t2s")
SIMP = {p.stem: T2S.convert(p.read_text(encoding="utf-8")) for p in DOCS.glob("*.txt")}


def q(doc, start, end=None):
    """The clause of `doc` (t2s text) from `start` through `end` (inclusive)."""
    text = SIMP[doc]
    i = text.index(start)
    if end is None:
        return start
    j = text.index(end, i)
    return text[i:j + len(end)]


T = []


def t(doc, year, indicator, value, unit, comp, key, quote):
    T.append((doc, year, indicator, value, unit, comp, key, quote))


# ---------------------------------------------------------------- t01
d = "t01_zhejiang_zfgzbgzrfj2023"
# page 7 of the 2023 provincial breakdown; no year printed anywhere -> blank.
t(d, "", "为市场主体减负", "2500", "亿元", ">=", "为市场主体减负", q(d, "力争全年为市场主体减负", "2500亿元以上"))
t(d, "", "投资10亿元以上制造业重大项目", "611", "个", "=", "制造业重大项目", q(d, "安排投资10亿元以上", "611个"))
t(d, "", "年度投资", "1750", "亿元", "=", "年度投资", q(d, "完成年度投资1750亿元"))
t(d, "", "制造业投资增长", "12", "%", "=", "制造业投资增长", q(d, "带动制造业投资增长12%"))
t(d, "", "高新技术产业投资增长", "15", "%", ">=", "高新技术产业投资增长", q(d, "高新技术产业投资增长15%以上"))
t(d, "", "规上工业增加值增长", "5.5", "%", "=", "规上工业增加值增长", q(d, "力争规上工业增加值增长5.5%"))
t(d, "", "超百亿元数字企业", "40", "家", "=", "数字企业", q(d, "培育超百亿元数字企业40家"))
t(d, "", "数字经济核心产业增加值增长", "10", "%", "=", "数字经济核心产业增加值", q(d, "力争数字经济核心产业增加值增长10%"))
t(d, "", "新增智能工厂和数字化车间", "150", "家", "=", "智能工厂和数字化车间", q(d, "5.新增智能工厂和数字化车间150家")[2:])
t(d, "", "淘汰整治高耗低效企业", "5000", "家", "=", "高耗低效企业", q(d, "淘汰整治高耗低效企业5000家"))
t(d, "", "腾出用地", "5", "万亩", "=", "腾出用地", q(d, "腾出用地5万亩"))
t(d, "", "腾出用能", "120", "万吨标准煤", "=", "用能", q(d, "用能120万吨标准煤"))

# ---------------------------------------------------------------- t02
d = "t02_shaoxing_zdgzjzb2020"   # 市政府2020年重点工作 -> 2020
t(d, "2020", "地区生产总值增长", "7", "%", "=", "地区生产总值", q(d, "确保地区生产总值增长7%左右"))
t(d, "2020", "4个结构性指标增长", "10", "%", ">=", "结构性指标", q(d, "4个结构性指标均实现10%以上增长"))
t(d, "2020", "市县长项目落地率", "50", "%", ">=", "市县长项目落地率", q(d, "市县长项目落地率50%以上"))
t(d, "2020", "规上工业中四大新兴产业增加值占比", "44", "%", "=", "四大新兴产业增加值占比",
  q(d, "力争规上工业中四大新兴产业增加值占比提升至44%"))
t(d, "2020", "军工资质", "8", "本", ">=", "军工资质", q(d, "取得军工资质8本以上"))

# ---------------------------------------------------------------- t04 (traditional, glosses)
d = "t04_zhejiang_315gzyd2024_fanti"   # "2024年,力争…"
t(d, "2024", "全社会研究与试验发展经费支出占地区生产总值比重", "3.2", "%", "=", "研究与试验",
  q(d, "全社会研究与试验", "比重达3.2%"))
t(d, "2024", "高新技术产业投资占固定资产投资比重", "16", "%", ">=", "固定资产",
  q(d, "占固定资产", "超过16%"))
t(d, "2024", "高新技术产业增加值", "1.6", "万亿元", "=", "增加值", q(d, "增加值达1.6 万亿元"))
t(d, "2024", "高新技术产业增加值占规上工业增加值比重", "67", "%", ">=", "增加值比重",
  q(d, "占规(guī)上工业", "67%以上"))
t(d, "2024", "新增高新技术企业", "5000", "家", ">=", "高新技术企业", q(d, "新增高新技术企业(yè)超5000 家"))
t(d, "2024", "科创强基重大项目投资额", "338", "亿元", ">=", "强基重大项目投资额",
  q(d, "强基重大项目投资额超过338亿元"))
t(d, "2024", "国家实验室基地", "1", "家", "=", "国家实验室基地", q(d, "国家实验室基地1 家"))
t(d, "2024", "全国重点实验室", "4", "家", "=", "全国重点实验室", q(d, "全国重点实验室4 家"))

# ---------------------------------------------------------------- t05
d = "t05_jiaxing_zxta34_dafu2025"   # 下一步,谋定到2027年的阶段性发展目标
t(d, "2027", "具有影响力的应用场景", "100", "个", "=", "应用场景", q(d, "打造100个具有影响力的应用场景"))
t(d, "2027", "具有突破性的技术攻关", "1000", "项", "=", "技术攻关", q(d, "实施1000项具有突破性的技术攻关"))
t(d, "2027", "具有示范性的新技术新产品", "10000", "项", "=", "新技术新产品", q(d, "应用10000项具有示范性的新技术新产品"))

# ---------------------------------------------------------------- t07
d = "t07_zhejiang_zfgzbg2025_news"
# 今年, and no year printed for the page (only "1月14日") -> year blank.
t(d, "", "研发投入强度", "3.3", "%", "=", "研发投入强度", q(d, "浙江目标今年研发投入强度达3.3", "%左右"))
t(d, "", "研发投入强度", "3.3", "%", "=", "研发投入强度", q(d, "力争全年研发投入强度达3.3%左右"))
t(d, "", "生产总值增长", "5.5", "%", "=", "生产总值增长", q(d, "今年浙江省政府工作报告将“生产总值增长5.5%左右”纳入建议主要预期目标"))
t(d, "", "规上工业增加值增长", "6", "%", ">=", "规上工业增加值增长", q(d, "力争规上工业增加值增长6%以上"))

# ---------------------------------------------------------------- t08 (traditional, toneless glosses)
d = "t08_zhejiang_zfgzbg2023_fanti"   # 浙江发布2023年政府工作报告
t(d, "2023", "千亿级特色产业群", "15", "个", "=", "千亿级特色产业群", q(d, "打造智能光伏、智能电气等15个千亿级特色产业群"))
t(d, "2023", "万亿级先进产业群", "4", "个", "=", "万亿级先进产业群", q(d, "等4个万亿(yi)级", "业(ye)(ye)(ye)群"))
t(d, "2023", "千亿级特色产业群", "15", "个", "=", "千亿级特色产业群", q(d, "等(deng)15个千亿(yi)级特色产业群"))

# ---------------------------------------------------------------- owners
O = []


def o(doc, task, title, clause, role, agencies):
    for i, a in enumerate(agencies, 1):
        O.append((doc, task, title, clause, role, i, a))


d = "t01_zhejiang_zfgzbgzrfj2023"
# "责任单位:" lines after each task.  The first line of the page belongs to a
# task whose number and text were cut off before the stored text: no rows.
# Item numbers restart under each section (… 3. / 四、1.–7.), so "3" occurs
# twice; the task_title tells them apart.  Task 7 is cut before its label.
o(d, "3", "加强食品药品全链条闭环监管", 1, "责任单位", ["省市场监管局", "省药监局", "省食品药品安全委员会其他成员单位"])
o(d, "1", "优化企业发展环境", 1, "责任单位",
  ["省经信厅", "省财政厅", "省生态环境厅", "省商务厅", "省税务局", "省市场监管局", "省统计局", "省大数据局",
   "省减轻企业负担领导小组其他成员单位", "各设区市政府"])
o(d, "2", "加快推进重大产业项目建设", 1, "责任单位", ["省经信厅", "省发展改革委", "省科技厅"])
o(d, "3", "全力稳住工业经济基本盘", 1, "责任单位", ["省经信厅"])
o(d, "4", "大力推进数字产业化和产业数字化", 1, "责任单位", ["省经信厅"])
o(d, "5", "新增智能工厂和数字化车间150家", 1, "责任单位", ["省经信厅"])
o(d, "6", "坚定不移推进“腾笼换鸟、凤凰涅槃”", 1, "责任单位",
  ["省经信厅", "省发展改革委", "省科技厅", "省自然资源厅", "省生态环境厅", "省商务厅", "省应急管理厅",
   "省市场监管局", "省能源局", "省消防救援总队"])

d = "t02_shaoxing_zdgzjzb2020"
# 责任单位 column; task 4's cell is cut ("市发") -> no row.
o(d, "1", "坚持“稳开稳走,提质提效”的总体态势", 1, "责任单位", ["市发改委"])
o(d, "2", "持续推进重大项目攻坚", 1, "责任单位", ["市发改委"])
o(d, "3", "聚焦重点领域编制培育发展新兴产业新三年行动计划", 1, "责任单位", ["市发改委"])

d = "t03_zhejiang_kjtzdgzbnd2021"
# 责任单位 column (heading broken "责任 / 单位"); the cell holds two offices on
# two lines.  Task 2 is cut before its cell.
o(d, "1", "大力推进杭州城西科创大走廊建设", 1, "责任单位", ["成果处", "规划处"])

D = []   # no district tables in this set


def write(name, header, rows):
    with open(GOLD / name, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


GOLD.mkdir(exist_ok=True)
write("targets.csv", ["doc", "year", "indicator", "value", "unit", "comparator", "key", "quote"], T)
write("owners.csv", ["doc", "task", "task_title", "clause", "role", "position", "agency"], O)
write("districts.csv", ["doc", "district", "institution", "count"], D)
print(len(T), "targets;", len(O), "owners;", len(D), "district cells")
