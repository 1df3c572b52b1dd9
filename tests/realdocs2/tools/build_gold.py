"""Write gold/targets.csv, owners.csv and districts.csv for tests/realdocs2.

Targets and owners are entered by hand, after reading each document against
/work/shared/gold/GUIDE.md and the judgement calls of /work/shared/dev2/README.md.
District cells are read from the tables in the document text (the layout of
each table -- which rows are places, which column counts things -- is written
out below), so that no digit is retyped.

Run with the project venv:
    /work/main/.venv/bin/python tests/realdocs2/tools/build_gold.py
"""
import csv
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GOLD = ROOT / "gold"

# ---------------------------------------------------------------- targets
# (doc, year, indicator, value, unit, comparator, key, quote)
T = []


def t(doc, year, indicator, value, unit, comp, key, quote):
    T.append((doc, year, indicator, value, unit, comp, key, quote))


d = "s01_huzhou_kjgzyd2024"   # "2024年,全市科技系统将…"; 成文日期 2024-02-23
t(d, "2024", "R&D经费支出占GDP比重", "3.5", "%", "=", "R&D经费支出占GDP比重",
  "R&D经费支出占GDP比重达3.5%左右")
t(d, "2024", "3亿元以上新入库工业项目中高新产业占比", "90", "%", "=", "高新产业占比",
  "3亿元以上新入库工业项目中高新产业占比达到90%")
t(d, "2024", "高新产业增加值占规上工业比重", "66.5", "%", "=", "高新产业增加值占规上工业比重",
  "高新产业增加值占规上工业比重66.5%")
t(d, "2024", "高新产业投资占固定投资比重", "25", "%", ">=", "占固定投资比重",
  "占固定投资比重达25%以上")
t(d, "2024", "规上工业企业中有研发活动企业占比", "50", "%", "=", "有研发活动企业占比",
  "规上工业企业中有研发活动企业占比达50%")
t(d, "2024", "规上企业研发费用占营收比重", "2.8", "%", "=", "研发费用占营收比重",
  "规上企业研发费用占营收比重达2.8%")
t(d, "2024", "新认定国家高新技术企业家数", "300", "家", "=", "国家高新技术企业",
  "新认定国家高新技术企业家数300家")
t(d, "2024", "国家科技型中小企业家数", "2000", "家", "=", "科技型中小企业",
  "国家科技型中小企业家数2000家")
t(d, "2024", "新型研发机构优化重组", "2", "家", "=", "优化重组", "全年新型研发机构优化重组2家")
t(d, "2024", "新型研发机构整改退出", "3", "家", "=", "整改退出", "整改退出3家")
t(d, "2024", "新建高能级新型研发机构", "3", "家", "=", "高能级新型研发机构", "新建高能级新型研发机构3家")
t(d, "2024", "科技创新强基项目投资额", "23.8", "亿元", "=", "强基项目投资额",
  "科技创新强基项目投资额23.8亿元")
t(d, "2024", "全省重点实验室", "2", "家", "=", "全省重点实验室", "全年争创全省重点实验室2家")
t(d, "2024", "全省工程技术研究中心", "10", "家", "=", "工程技术研究中心", "全省工程技术研究中心10家")

d = "s03_cixi_kjgzyd2025"   # 慈溪市科学技术局2025年工作要点
q = "全市R&D经费投入强度提升0.1个百分点、达3.69%"
t(d, "2025", "全市R&D经费投入强度提升", "0.1", "个百分点", "=", "R&D经费投入强度", q)
t(d, "2025", "全市R&D经费投入强度", "3.69", "%", "=", "R&D经费投入强度", q)
q = "市级规上工业企业研发费用占营业收入比重提升0.1个百分点、达3.46%"
t(d, "2025", "市级规上工业企业研发费用占营业收入比重提升", "0.1", "个百分点", "=", "研发费用占营业收入比重", q)
t(d, "2025", "市级规上工业企业研发费用占营业收入比重", "3.46", "%", "=", "研发费用占营业收入比重", q)
q = "高新技术企业新增120家、总量超1120家"
t(d, "2025", "高新技术企业新增", "120", "家", "=", "高新技术企业", q)
t(d, "2025", "高新技术企业总量", "1120", "家", ">=", "高新技术企业", q)
t(d, "2025", "高新技术产业增加值占规上工业增加值比重", "78.3", "%", ">=", "高新技术产业增加值",
  "高新技术产业增加值占规上工业增加值比重达到78.3%以上")
t(d, "2025", "高新技术产业投资额", "50", "亿元", "=", "高新技术产业投资", "高新技术产业投资额达50亿元")

d = "s04_taizhou_315ssfa2023"   # 到2027年; "进入全国前50强" is a ranking
t(d, "2027", "全社会研究与试验发展经费占地区生产总值比重", "3.4", "%", "=", "研究与试验发展经费",
  "全社会研究与试验发展经费占地区生产总值比重达到3.4%")

d = "s05_huzhou_315ssfa2023"   # 到2027年; "全国前20位" is a ranking
t(d, "2027", "全社会研究与试验发展经费支出占地区生产总值比重", "3.8", "%", "=", "研究与试验发展经费",
  "全社会研究与试验发展经费支出占地区生产总值比重达3.8%")
t(d, "2027", "规上工业企业研发费用支出占营业收入比重", "3.2", "%", ">=", "研发费用支出占营业收入比重",
  "规上工业企业研发费用支出占营业收入比重达到3.2%以上")
t(d, "2027", "高新技术产业增加值占规上工业增加值比重", "70", "%", "=", "高新技术产业增加值",
  "高新技术产业增加值占规上工业增加值比重达到70%")
t(d, "2027", "每万人口高价值发明专利拥有量", "24.5", "件", ">=", "高价值发明专利",
  "每万人口高价值发明专利拥有量达到24.5件以上")
t(d, "2027", "每万名就业人员中研发人员", "200", "人年", ">=", "研发人员",
  "每万名就业人员中研发人员达到200人年以上")
t(d, "2027", "全国重点实验室(基地)", "1", "家", "=", "全国重点实验室", "争取建成全国重点实验室(基地)1家")
t(d, "2027", "国家技术创新中心", "1", "家", "=", "国家技术创新中心", "争创国家技术创新中心1家")
t(d, "2027", "省技术创新中心", "1", "家", "=", "省技术创新中心", "建设省技术创新中心1家")
t(d, "2027", "省级重点实验室", "10", "家", "=", "省级重点实验室", "省级重点实验室10家")

d = "s06_huzhou_315fa_fanti"   # news on the same 方案; quotes from the t2s text, glosses kept
t(d, "2027", "全社会研究与试验发展经费支出占地区生产总值比重", "3.8", "%", "=", "研究与试验",
  "全社会研究与试验发(fā)展经(jīng)费支出占地区(qū)生产(chǎn)总值比重达3.8%")
t(d, "2027", "规上工业企业研发费用支出占营业收入比重", "3.2", "%", ">=", "研发费用支出",
  "规(guī)上工业(yè)企业(yè)研发(fā)费用支出占营业(yè)收入比重达到3.2%以上")
t(d, "2027", "高新技术产业增加值占规上工业增加值比重", "70", "%", "=", "增加值占规上工业增加值比重",
  "高新技术(shù)产(chǎn)业(yè)增加值占规(guī)上工业(yè)增加值比重达到70%")

d = "s07_yinzhou_kjcxbyt2023"   # page printed "时间:2023-02-07"; "今年" = 2023
t(d, "2023", "GDP", "3000", "亿元", ">=", "GDP", "鄞州明确提出今年GDP要突破3000亿元")
t(d, "2023", "R&D经费支出占GDP的比重", "3.15", "%", "=", "R&D经费支出占GDP的比重",
  "力争2023年R&D经费支出占GDP的比重达到3.15%")

d = "s08_cixi_kjxqypy_fa"
t(d, "2025", "科技型中小企业数", "3700", "家", "=", "科技型中小企业", "到2025年,力争科技型中小企业数达3700家")
t(d, "2025", "独角兽企业", "30", "家", "=", "独角兽企业", "力争遴选30家独角兽企业")
t(d, "2025", "科创板、创业板上市企业", "2", "家", "=", "上市企业", "培育1-2家科创板、创业板上市企业")

d = "s10_zhengzhou_zxta_dafu2010"
# The headline is printed three times (page index, then the title twice).  "三年内"
# needs the document's year, which the text never prints -> year blank.
for _ in range(3):
    t(d, "", "创新型产业集聚区", "10", "家", "=", "创新型产业集聚区", "三年内培育8至10家")
t(d, "2012", "创新型产业集聚区", "10", "家", "=", "创新型产业集聚区",
  "争取到2012年,在全市范围内培育8~10家创新型产业集聚区")

d = "s18_kaifeng_zzygzlfzssfa2020"
t(d, "2022", "全市制造业增加值占地区生产总值比重", "35", "%", "=", "制造业增加值",
  "全市制造业增加值占地区生产总值比重35%左右")
t(d, "2022", "规模以上工业企业研究开发与试验发展经费支出占营业收入比重", "1", "%", ">=", "研究开发与试验发展经费",
  "规模以上工业企业研究开发与试验发展经费支出占营业收入比重达到1%以上")
t(d, "2022", "单位工业增加值能耗年均下降", "5", "%", "=", "单位工业增加值能耗", "单位工业增加值能耗年均下降5%")
t(d, "2025", "千亿级产业集群", "2", "个", "=", "千亿级产业集群", "培育形成2个千亿级产业集群")
t(d, "2025", "五百亿级产业集群", "6", "个", "=", "五百亿级产业集群", "6个五百亿级产业集群")
t(d, "2025", "全市8大重点产业集群总量", "5000", "亿", ">=", "重点产业集群总量",
  "力争实现全市8大重点产业集群总量超过五千亿规模")
t(d, "2025", "百亿企业", "10", "个", "=", "百亿企业", "力争培育8—10个百亿企业")

# ---------------------------------------------------------------- owners
# (doc, task, task_title, clause, role, position, agency)
O = []


def o(doc, task, title, clause, role, agencies):
    for i, a in enumerate(agencies, 1):
        O.append((doc, task, title, clause, role, i, a))


d = "s01_huzhou_kjgzyd2024"
# "(责任单位:合作处、办公室,各区县科技局)"; task 2's parenthesis is cut off
o(d, "1", "布局建设南太湖科创走廊", 1, "责任单位", ["合作处", "办公室", "各区县科技局"])

d = "s02_huzhou_zfgzbgzrfj2024"
# labelled lines; "(列第一位的为工作牵头单位或汇总单位,下同)" is a note: no rows.
# task 3 is cut before its 责任单位 line.
A = ["市政府办公室", "市级其他有关单位", "各区县政府(含南太湖新区、长合区管委会)"]
o(d, "1", "坚持稳中求进、以进促稳、先立后破", 1, "责任单位", A)
o(d, "2", "坚持高站位、实干事、见真功相统一", 1, "责任单位", A)

# ---------------------------------------------------------------- districts
# (doc, district, institution, count)
D = []


def read(doc):
    return (DOCS / f"{doc}.txt").read_text(encoding="utf-8")


def pipe_table(doc, count_col, inst):
    """Rows '| place | 12家 | share | rank | … |' after the header row.

    Only the count column is kept (share, rank and the 'position' text are
    not counts).  A row whose count cell is not closed by '|' is cut off and
    left out.
    """
    for line in read(doc).split("\n"):
        if not line.startswith("|") or "---" in line or "区县名称" in line:
            continue
        cells = line.split("|")[1:]
        if len(cells) <= count_col + 1:   # count cell not closed: cut off
            continue
        place = re.sub(r"\s+", "", cells[0])
        m = re.fullmatch(r"\s*(\d+)家\s*", cells[count_col])
        assert m, (doc, line)
        D.append((doc, place, inst, m.group(1)))


# s15: the last row (宁海县) is cut inside its share cell; its count cell is whole.
pipe_table("s15_ningbo_jcdlgqfb2023", 1, "高新技术企业数量")
pipe_table("s17_changsha_xnyqckxqfb2023", 1, "科技型中小企业数量")
# s16 (柯城): its tables hold only R&D shares, money, and rank columns -> no rows.


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
