"""Demo directory: bureaus, institutes, carriers, banks and loan products, investors, startups.

Real names and figures come from the seeds (cited in the descriptions);
everything else is generated from ``names`` with a seeded generator.
Real companies named in the seeds get no invented confidential figures.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from backend.demo import names
from backend.demo.context import DemoContext, days_before, wan, yuan
from backend.demo.logins import STARTUP_CARRIER, STARTUP_NAME
from backend.demo.sync import sync_m2m, upsert
from backend.directory.reference import INDUSTRIES, REGIONS, XINGTAI_LAYOUT, region_key, walk

STAGES = ("seed", "startup", "growth", "mature")
CERTIFICATIONS = ("high_tech", "specialized", "little_giant", "tech_sme")

JL = "吉林省"
CC = region_key("吉林省", "长春市")
JLC = region_key("吉林省", "吉林市")
XT = region_key("河北省", "邢台市")
HB = region_key("安徽省", "淮北市")
SJZ = region_key("河北省", "石家庄市")


def cc(county: str) -> str:
    return f"{CC}/{county}"


def xt(county: str) -> str:
    return f"{XT}/{county}"


def hb(county: str) -> str:
    return f"{HB}/{county}"


def sjz(county: str) -> str:
    return f"{SJZ}/{county}"


SEED_004 = "吉林省科学技术厅对省政协十三届一次会议第2023D7号提案的答复（吉科发人才【2023】71号）"
SEED_002 = "淮北市科学技术局对市政协十一届二次会议第0024号提案的答复"
SEED_000 = "邢科提案字〔2021〕14号"

# --- organisations that are not startups -----------------------------------------

BUREAUS = [
    (
        "吉林省科学技术厅",
        "Department of Science and Technology of Jilin Province",
        JL,
        "负责全省科技企业孵化器、众创空间和大学科技园的认定与年度考核评价，每年评聘吉林省科技创业导师，"
        "与吉林银行、中国银行吉林省分行签订“助力科技企业实现高质量发展”战略合作协议，"
        "连续举办中国创新创业大赛（吉林赛区）地方赛。",
    ),
    (
        "长春市科学技术局",
        "Changchun Municipal Bureau of Science and Technology",
        CC,
        "负责长春市科技创新、科技企业培育和孵化载体建设。",
    ),
    (
        "邢台市科学技术局",
        "Xingtai Municipal Bureau of Science and Technology",
        XT,
        "负责全市众创空间、孵化器认定与评价，牵头科技创新综合体建设；市财政设立规模1亿元的邢台市创新创业天使投资基金，"
        "引导支持邢台银行设立2家科技支行，近三年帮助企业实现专利质押贷款近1.5亿元。",
    ),
    (
        "淮北市科学技术局",
        "Huaibei Municipal Bureau of Science and Technology",
        HB,
        "负责科技企业孵化器认定、众创空间备案及绩效评价，推动“众创空间-孵化器-加速器”科技创业孵化链条建设，"
        "力争月月有路演、季季有论坛。",
    ),
    (
        "石家庄市发展和改革委员会",
        "Shijiazhuang Development and Reform Commission",
        SJZ,
        "负责全市“双创”示范基地的认定和管理，按区域、高校及科研院所、企业三类开展建设绩效评估。",
    ),
]

INSTITUTES = [
    (
        "中国科学院长春光学精密机械与物理研究所",
        "Changchun Institute of Optics, Fine Mechanics and Physics, CAS",
        CC,
        ["光电子", "光电材料", "卫星"],
        "简称长春光机所，光学与光电子领域的国家级科研机构；吉林省光电子产业孵化器依托其技术积累深化产业链布局。",
    ),
    ("中国科学院长春分院", "Changchun Branch, Chinese Academy of Sciences", CC, [], "中国科学院在吉林的分院。"),
    (
        "中国科学院长春应用化学研究所",
        "Changchun Institute of Applied Chemistry, CAS",
        CC,
        ["高分子材料", "新材料"],
        "化学与材料领域的国家级科研机构。",
    ),
    ("吉林大学", "Jilin University", cc("朝阳区"), ["汽车及零部件", "电子信息", "生物医药"], "教育部直属综合性大学。"),
    (
        "长春理工大学",
        "Changchun University of Science and Technology",
        cc("朝阳区"),
        ["光电子"],
        "以光电技术为特色的大学。",
    ),
    ("淮北师范大学", "Huaibei Normal University", hb("相山区"), ["数字创意"], "设有大学生创新创业空间“绘梦空间”。"),
    (
        "河北科技大学",
        "Hebei University of Science and Technology",
        sjz("裕华区"),
        ["生物医药", "新材料"],
        "石家庄的省属理工科大学。",
    ),
    ("石家庄铁道大学", "Shijiazhuang Tiedao University", sjz("长安区"), ["智能制造装备"], "以交通土建为特色的大学。"),
    ("邢台学院", "Xingtai University", xt("襄都区"), [], "邢台市的本科院校。"),
]

OPERATORS = [
    (
        "浙大控股集团",
        "Zhejiang University Holding Group",
        region_key("浙江省", "杭州市"),
        "与长春经济技术开发区共同建设浙大校友（长春）产业科技创新中心，负责东北地区浙大系资源整合和运作。",
    ),
    ("创孵服务公司", "Chuangfu incubation services", CC, "与吉林省科学技术厅定期举办科技金融路演活动的创孵服务机构。"),
    (
        "石家庄恒信化工集团有限公司",
        "Shijiazhuang Hengxin Chemical Group",
        sjz("石家庄循环化工园区"),
        "化工龙头企业（演示）。",
    ),
    ("石家庄智造谷科技有限公司", "Shijiazhuang Zhizaogu Technology", sjz("藁城区"), "智能制造产业园运营企业（演示）。"),
]

# --- banks and their loan products -------------------------------------------------

# (name, name_en, region, parent bank, tech branch, description)
BANKS = [
    (
        "吉林银行",
        "Bank of Jilin",
        CC,
        None,
        False,
        "与吉林省科学技术厅签订战略合作协议，推出以纯信用为主的“科创金融，吉享未来”专享系列产品，"
        "开通绿色审批通道；截至2022年底累计为科技企业投放贷款167亿元。",
    ),
    (
        "中国银行吉林省分行",
        "Bank of China, Jilin Branch",
        CC,
        None,
        False,
        "与吉林省科学技术厅签订科技金融战略合作协议。",
    ),
    (
        "中国工商银行吉林省分行",
        "ICBC, Jilin Branch",
        CC,
        None,
        False,
        "为中国创新创业大赛（吉林赛区）企业提供投融资支持。",
    ),
    ("邢台银行", "Bank of Xingtai", XT, None, False, "在市科技局引导支持下设立2家科技支行，开展专利质押贷款。"),
    (
        "邢台银行科技支行",
        "Bank of Xingtai, Technology Sub-branch",
        xt("邢台经济开发区"),
        "邢台银行",
        True,
        "邢台银行科技支行。",
    ),
    (
        "邢台银行邢东科技支行",
        "Bank of Xingtai, Xingdong Technology Sub-branch",
        xt("邢东新区"),
        "邢台银行",
        True,
        "邢台银行科技支行。",
    ),
    ("徽商银行淮北分行", "Huishang Bank, Huaibei Branch", hb("相山区"), None, False, "服务淮北众创空间在孵企业。"),
    ("河北银行", "Bank of Hebei", SJZ, None, False, "服务石家庄双创示范基地企业。"),
]

KCJX = "科创金融·吉享未来"

# (bank, name, series, stages, min 万元, max 万元, collateral, industries, term months, rate note, description)
LOAN_PRODUCTS = [
    ("吉林银行", "创客贷", KCJX, ["seed"], 10, 100, ["credit"], [], 12, "", "面向种子期科技企业的纯信用贷款。"),
    ("吉林银行", "初创贷", KCJX, ["startup"], 50, 300, ["credit"], [], 24, "", "面向初创期科技企业的纯信用贷款。"),
    (
        "吉林银行",
        "成长通",
        KCJX,
        ["growth"],
        100,
        1000,
        ["credit", "patent_pledge"],
        [],
        36,
        "",
        "面向成长期科技企业。",
    ),
    (
        "吉林银行",
        "吉翔通",
        KCJX,
        ["growth", "mature"],
        500,
        3000,
        ["credit", "receivables"],
        [],
        36,
        "",
        "面向快速成长的科技企业。",
    ),
    ("吉林银行", "菁英贷", KCJX, ["mature"], 1000, 5000, ["credit"], [], 36, "", "面向成熟期科技企业的纯信用贷款。"),
    (
        "中国银行吉林省分行",
        "科创信用贷",
        "",
        ["startup", "growth"],
        100,
        1000,
        ["credit"],
        [],
        36,
        "",
        "科技型中小企业信用贷款。",
    ),
    (
        "中国银行吉林省分行",
        "知识产权质押贷",
        "",
        ["startup", "growth", "mature"],
        100,
        3000,
        ["patent_pledge"],
        [],
        36,
        "",
        "以专利权、商标权质押。",
    ),
    ("中国工商银行吉林省分行", "科创贷", "", ["growth", "mature"], 300, 5000, ["credit", "guarantee"], [], 36, "", ""),
    (
        "中国工商银行吉林省分行",
        "光电产业链贷",
        "",
        ["startup", "growth"],
        100,
        2000,
        ["receivables", "credit"],
        ["光电子", "光电材料"],
        24,
        "",
        "面向长春光电信息产业集群上下游企业。",
    ),
    ("邢台银行", "专利质押贷", "", ["startup", "growth", "mature"], 50, 2000, ["patent_pledge"], [], 36, "", ""),
    ("邢台银行", "科技型中小企业贷", "", ["startup", "growth"], 30, 500, ["credit", "guarantee"], [], 24, "", ""),
    ("邢台银行科技支行", "专利质押贷", "", ["startup", "growth"], 30, 1000, ["patent_pledge"], [], 36, "", ""),
    (
        "邢台银行科技支行",
        "创新券信用贷",
        "",
        ["seed", "startup"],
        10,
        100,
        ["credit"],
        [],
        12,
        "",
        "面向众创空间在孵企业。",
    ),
    ("邢台银行邢东科技支行", "专利质押贷", "", ["startup", "growth"], 30, 1000, ["patent_pledge"], [], 36, "", ""),
    (
        "邢台银行邢东科技支行",
        "投贷联动贷",
        "",
        ["startup", "growth"],
        100,
        1000,
        ["equity_pledge", "credit"],
        [],
        36,
        "",
        "与邢台市创新创业天使投资基金联动。",
    ),
    ("徽商银行淮北分行", "科创贷", "", ["startup", "growth"], 50, 1000, ["guarantee", "credit"], [], 24, "", ""),
    (
        "徽商银行淮北分行",
        "电商贷",
        "",
        ["seed", "startup"],
        10,
        200,
        ["credit"],
        ["电子商务"],
        12,
        "",
        "面向电商企业。",
    ),
    ("河北银行", "科创易贷", "", ["startup", "growth"], 50, 1000, ["credit", "patent_pledge"], [], 36, "", ""),
    ("河北银行", "设备按揭贷", "", ["growth", "mature"], 200, 3000, ["mortgage"], ["装备制造"], 60, "", ""),
]

# --- investors ------------------------------------------------------------------------

# (name, name_en, region, type, stages, ticket 万元 min/max, regions invested in, industries, description)
INVESTORS = [
    (
        "深圳湾科创",
        "Shenzhen Bay Sci-Tech",
        region_key("广东省", "深圳市", "南山区"),
        "vc",
        ["startup", "growth"],
        500,
        5000,
        [region_key("广东省"), JL],
        ["信息技术", "高端装备制造", "生物医药"],
        f"为中国创新创业大赛（吉林赛区）企业提供投融资支持的省外投资机构（{SEED_004}）。",
    ),
    (
        "浙江裕智资本",
        "Zhejiang Yuzhi Capital",
        region_key("上海市"),
        "vc",
        ["startup", "growth"],
        1000,
        8000,
        [region_key("上海市"), region_key("浙江省"), JL],
        ["光电子", "新材料", "生物医药"],
        f"即上海裕智资产管理有限公司，曾任中国创新创业大赛（吉林赛区）评委机构（{SEED_004}）。",
    ),
    (
        "杭州六和桥创投",
        "Hangzhou Liuheqiao Venture Capital",
        region_key("浙江省", "杭州市"),
        "angel",
        ["seed", "startup"],
        100,
        1000,
        [region_key("浙江省"), JL],
        ["信息技术", "数字创意"],
        f"中国创新创业大赛（吉林赛区）评委机构（{SEED_004}）。",
    ),
    (
        "北京科慧创业投资基金",
        "Beijing Kehui Venture Capital Fund",
        region_key("北京市"),
        "vc",
        ["startup", "growth"],
        500,
        3000,
        [region_key("北京市"), JL, region_key("河北省")],
        ["信息技术", "新材料", "节能环保"],
        f"中国创新创业大赛（吉林赛区）评委机构（{SEED_004}）。",
    ),
    (
        "深圳创投决",
        "Shenzhen Chuangtoujue",
        region_key("广东省", "深圳市"),
        "vc",
        ["startup", "growth"],
        300,
        3000,
        [region_key("广东省"), JL],
        ["光电子", "生物技术", "人工智能"],
        f"中国创新创业大赛（吉林赛区）评委机构（{SEED_004}）。",
    ),
    (
        "邢台市创新创业天使投资基金",
        "Xingtai Innovation and Entrepreneurship Angel Fund",
        XT,
        "government_fund",
        ["seed", "startup"],
        50,
        500,
        [XT],
        [],
        f"市财政设立的政府天使投资基金，规模1亿元，支持众创空间内初创期企业（{SEED_000}）。",
    ),
    (
        "吉林省创业引导基金",
        "Jilin Entrepreneurship Guidance Fund",
        JL,
        "government_fund",
        ["seed", "startup", "growth"],
        200,
        5000,
        [JL],
        [],
        "省级政府投资基金之一，主要投向种子期、初创期中小微企业，适当兼顾成长期、成熟期企业；"
        f"母基金可与优质孵化器联合设立子基金（{SEED_004}）。",
    ),
]

# Fictional investors: (name, name_en, home, type, stages, ticket 万元, regions, industries)
FICTIONAL_INVESTORS = [
    (
        "长春北辰创业投资有限公司",
        "Changchun Beichen Venture Capital",
        cc("南关区"),
        "vc",
        ["startup", "growth"],
        300,
        2000,
        [JL],
        ["光电子", "汽车"],
    ),
    (
        "吉林长白山天使投资基金",
        "Changbaishan Angel Fund",
        CC,
        "angel",
        ["seed", "startup"],
        50,
        500,
        [JL],
        ["生物医药", "现代中药"],
    ),
    (
        "吉林省光电产业投资基金",
        "Jilin Optoelectronics Industry Fund",
        CC,
        "pe",
        ["growth", "mature"],
        2000,
        20000,
        [JL],
        ["光电子", "光电材料", "卫星"],
    ),
    (
        "长春新区科技成长基金",
        "Changchun New Area Tech Growth Fund",
        cc("长春新区"),
        "government_fund",
        ["startup", "growth"],
        500,
        5000,
        [CC],
        ["人工智能", "卫星", "生物医药"],
    ),
    (
        "邢台牛城科创投资有限公司",
        "Xingtai Niucheng Sci-Tech Investment",
        XT,
        "vc",
        ["startup", "growth"],
        200,
        2000,
        [XT],
        ["装备制造", "新能源", "羊绒"],
    ),
    (
        "河北燕赵科技成果转化基金",
        "Yanzhao Technology Transfer Fund",
        SJZ,
        "government_fund",
        ["seed", "startup", "growth"],
        300,
        3000,
        [region_key("河北省")],
        ["新材料", "生物医药", "高端装备制造"],
    ),
    (
        "石家庄高新区创新创业投资基金",
        "Shijiazhuang Hi-tech Zone Venture Fund",
        sjz("石家庄高新区"),
        "government_fund",
        ["seed", "startup"],
        100,
        1000,
        [SJZ],
        ["生物医药", "电子信息"],
    ),
    (
        "淮北相山科创投资基金",
        "Huaibei Xiangshan Sci-Tech Fund",
        hb("相山区"),
        "government_fund",
        ["seed", "startup"],
        50,
        500,
        [HB],
        ["电子商务", "电子信息"],
    ),
    (
        "安徽淮海天使投资有限公司",
        "Anhui Huaihai Angel Investment",
        HB,
        "angel",
        ["seed", "startup"],
        30,
        300,
        [HB, region_key("安徽省")],
        ["电子信息", "新材料"],
    ),
    (
        "杭州钱塘智远创投",
        "Hangzhou Qiantang Zhiyuan Ventures",
        region_key("浙江省", "杭州市", "滨江区"),
        "vc",
        ["startup", "growth"],
        500,
        5000,
        [region_key("浙江省"), JL],
        ["人工智能", "软件和信息服务"],
    ),
    (
        "深圳前海星链资本",
        "Shenzhen Qianhai Xinglian Capital",
        region_key("广东省", "深圳市", "南山区"),
        "vc",
        ["growth", "mature"],
        2000,
        10000,
        [region_key("广东省"), region_key("河北省")],
        ["新能源汽车", "新能源"],
    ),
    (
        "北京未名启航天使投资",
        "Beijing Weiming Qihang Angel",
        region_key("北京市", "海淀区"),
        "angel",
        ["seed", "startup"],
        100,
        800,
        [region_key("北京市"), region_key("河北省")],
        ["人工智能", "生物技术"],
    ),
    (
        "上海浦江硬科技创投",
        "Shanghai Pujiang Hard-tech Ventures",
        region_key("上海市", "浦东新区"),
        "vc",
        ["startup", "growth"],
        1000,
        6000,
        [region_key("上海市"), JL],
        ["集成电路", "光电子"],
    ),
    (
        "深圳南山智造天使基金",
        "Shenzhen Nanshan Smart Manufacturing Angel",
        region_key("广东省", "深圳市", "南山区"),
        "angel",
        ["seed", "startup"],
        100,
        1000,
        [region_key("广东省"), HB],
        ["智能制造装备", "机器人"],
    ),
]

# --- carriers ---------------------------------------------------------------------------

GUANGDIANZI = "吉林省光电子产业孵化器"


def carrier(
    name, name_en, kind, level, region, focus, *, operator=None, founded=None, startups=4, demo_base="", desc=""
):
    return {
        "name": name,
        "name_en": name_en,
        "kind": kind,
        "level": level,
        "region": region,
        "focus": focus,
        "operator": operator,
        "founded_year": founded,
        "startups": startups,
        "demo_base_type": demo_base,
        "description": desc,
        "real": False,
    }


def real(spec: dict) -> dict:
    return {**spec, "real": True}


JILIN_CARRIERS = [
    real(
        carrier(
            GUANGDIANZI,
            "Jilin Optoelectronics Industry Incubator",
            "incubator",
            "national",
            cc("长春高新技术产业开发区"),
            ["光电子", "光电材料", "电子信息"],
            startups=30,
            desc="吉林省唯一一家科技部“创业苗圃-孵化器-加速器”科技创业全链条示范单位，2010年获批为国家级科技企业孵化器，"
            "先后五次被认定为国家级A类科技企业孵化器。2022年度园区内在孵企业56家，累计孵化企业150余家，"
            "其中国家专精特新“小巨人”企业3家、国家高新技术企业48家，园区企业销售收入超3.58亿元。"
            "打造“管家式服务模式”，依托长春光机所技术积累，全力打造长春光电信息新兴产业集群。",
        )
    ),
    real(
        carrier(
            "浙大校友（长春）产业科技创新中心",
            "Zhejiang University Alumni (Changchun) Industrial Technology Innovation Center",
            "incubator",
            "national",
            cc("长春经济技术开发区"),
            ["电子信息", "人工智能", "生物医药", "新材料"],
            operator="浙大控股集团",
            startups=20,
            desc="浙大控股集团与长春经济技术开发区共同建设的校地合作平台，开展“飞地”孵化，被科技部认定为国家级科技企业孵化器。"
            "已服务科技型中小企业140余家，累计培育国家高新技术企业53家，获得有效知识产权500余项，解决就业900余人，累计毕业企业23家。",
        )
    ),
    real(
        carrier(
            "摆渡创新工场",
            "Ferry Innovation Workshop",
            "maker_space",
            "provincial",
            cc("朝阳区"),
            ["软件和信息服务", "人工智能", "数字创意"],
            startups=6,
            desc="与吉林省科学技术厅定期举办科技金融路演活动的众创空间。",
        )
    ),
    carrier(
        "创孵众创空间",
        "Chuangfu Maker Space",
        "maker_space",
        "provincial",
        cc("南关区"),
        ["软件和信息服务", "电子商务", "生物技术"],
        operator="创孵服务公司",
        founded=2016,
        startups=6,
        desc="创孵服务公司运营的众创空间，定期举办科技金融路演。",
    ),
    real(
        carrier(
            "吉林大学国家大学科技园",
            "Jilin University National University Science Park",
            "university_park",
            "national",
            cc("朝阳区"),
            ["电子信息", "生物医药", "新材料", "汽车及零部件"],
            operator="吉林大学",
            startups=6,
        )
    ),
    carrier(
        "长春理工大学科技园",
        "CUST Science Park",
        "university_park",
        "provincial",
        cc("朝阳区"),
        ["光电子", "光电材料", "智能制造装备"],
        operator="长春理工大学",
        founded=2012,
        startups=6,
    ),
    carrier(
        "长春新区科技企业孵化器",
        "Changchun New Area Incubator",
        "incubator",
        "provincial",
        cc("长春新区"),
        ["人工智能", "卫星", "高端装备制造"],
        founded=2017,
        startups=6,
    ),
    carrier(
        "长春汽车产业孵化器",
        "Changchun Automotive Incubator",
        "incubator",
        "provincial",
        cc("长春汽车经济技术开发区"),
        ["汽车及零部件", "智能网联汽车", "动力电池"],
        founded=2014,
        startups=6,
    ),
    carrier(
        "长春空间信息产业孵化器",
        "Changchun Space Information Incubator",
        "incubator",
        "provincial",
        cc("长春高新技术产业开发区"),
        ["卫星", "航空航天", "大数据与云计算"],
        founded=2016,
        startups=6,
    ),
    carrier(
        "长春净月生物医药孵化器",
        "Changchun Jingyue Biomedicine Incubator",
        "incubator",
        "provincial",
        cc("长春净月高新技术产业开发区"),
        ["生物技术", "现代中药", "医疗器械"],
        founded=2013,
        startups=6,
    ),
    carrier(
        "吉林市高新区科技企业孵化器",
        "Jilin City Hi-tech Zone Incubator",
        "incubator",
        "national",
        f"{JLC}/吉林高新技术产业开发区",
        ["化工", "高分子材料", "先进金属材料"],
        founded=2008,
        startups=6,
    ),
    carrier(
        "通化医药健康产业孵化器",
        "Tonghua Medicine and Health Incubator",
        "incubator",
        "provincial",
        region_key("吉林省", "通化市"),
        ["现代中药", "化学药"],
        founded=2015,
        startups=6,
    ),
    carrier(
        "延边科技创业孵化器",
        "Yanbian Tech Incubator",
        "incubator",
        "provincial",
        region_key("吉林省", "延边朝鲜族自治州"),
        ["现代中药", "电子商务", "健康食品"],
        founded=2014,
        startups=6,
    ),
    carrier(
        "四平科创众创空间",
        "Siping Sci-Tech Maker Space",
        "maker_space",
        "provincial",
        region_key("吉林省", "四平市"),
        ["装备制造", "农产品加工"],
        founded=2017,
        startups=6,
    ),
]

# 淮北: 8 众创空间 — 国家级2、省级5、市级1; 相山区4、杜集区1、烈山区1、濉溪县1、高新区1 (seed 002).
HUAIBEI_CARRIERS = [
    real(
        carrier(
            "淮海壹号众创空间",
            "Huaihai No.1 Maker Space",
            "maker_space",
            "national",
            hb("相山区"),
            ["电子商务"],
            startups=5,
            desc="构建电子商务产业链；为解决电商企业仓储需求建设智能仓储“壹号云仓”，提供云仓储、动态库存、RFID标签、"
            "WMS录入等智能仓储服务，拓宽众创空间自身盈利渠道。",
        )
    ),
    real(
        carrier(
            "矿山机电众创空间",
            "Mining Electromechanical Maker Space",
            "maker_space",
            "national",
            hb("杜集区"),
            ["机械装备制造", "生物医药"],
            startups=5,
            desc="构建机械制造、生物医药产业链的专业化众创空间。",
        )
    ),
    real(
        carrier(
            "易创众创空间",
            "Yichuang Maker Space",
            "maker_space",
            "provincial",
            hb("相山区"),
            ["电子信息"],
            startups=5,
            desc="构建电子信息产业链的专业化众创空间。",
        )
    ),
    real(
        carrier(
            "宝创众创空间",
            "Baochuang Maker Space",
            "maker_space",
            "provincial",
            hb("烈山区"),
            ["电子信息"],
            startups=5,
            desc="构建电子信息产业链的专业化众创空间。",
        )
    ),
    real(
        carrier(
            "淮北师范大学绘梦空间",
            "Huaibei Normal University Dream Space",
            "maker_space",
            "provincial",
            hb("相山区"),
            ["数字创意", "软件和信息服务"],
            operator="淮北师范大学",
            startups=5,
            desc="针对在校大学生创新创业辅导的众创空间。",
        )
    ),
    carrier(
        "濉溪县科技创业众创空间",
        "Suixi Tech Maker Space",
        "maker_space",
        "provincial",
        hb("濉溪县"),
        ["农产品加工", "新材料"],
        founded=2018,
        startups=5,
    ),
    carrier(
        "淮北高新区众创空间",
        "Huaibei Hi-tech Zone Maker Space",
        "maker_space",
        "provincial",
        hb("淮北高新区"),
        ["新材料", "高端装备制造"],
        founded=2017,
        startups=5,
    ),
    carrier(
        "相山区青年创业众创空间",
        "Xiangshan Youth Maker Space",
        "maker_space",
        "municipal",
        hb("相山区"),
        ["软件和信息服务", "电子商务"],
        founded=2019,
        startups=5,
    ),
]

# One 科技创新综合体 per entry of the layout table (seed 001); built 2020-2022.
COMPLEX_NAMES = {
    "信都区": "信都区装备制造",
    "襄都区": "襄都区煤化工",
    "沙河市": "沙河市玻璃",
    "内丘县": "内丘县装备制造",
    "临城县": "临城县新型建材",
    "隆尧县": "隆尧县食品产业",
    "任泽区": "任泽区机械装备",
    "柏乡县": "柏乡县包装新材料",
    "南和区": "南和区农产品加工",
    "宁晋县": "宁晋县电线电缆",
    "巨鹿县": "巨鹿县智能家居",
    "平乡县": "平乡县自行车童车",
    "新河县": "新河县装饰盒",
    "广宗县": "广宗县自行车童车",
    "南宫市": "南宫市羊绒服饰",
    "威县": "威县汽车零部件",
    "临西县": "临西县轴承",
    "清河县": "清河县羊绒",
    "邢台经济开发区": "邢台经济开发区",
    "邢东新区": "邢东新区",
}
XINGTAI_EARLY = ("襄都区", "信都区", "任泽区", "南和区", "邢台经济开发区", "邢东新区")


def _xingtai_carriers() -> list[dict]:
    complexes = [
        carrier(
            f"{COMPLEX_NAMES[county]}科技创新综合体",
            "",
            "innovation_complex",
            "municipal",
            xt(county),
            industries,
            founded=2020 if county in XINGTAI_EARLY else 2021 + (index % 2),
            startups=4,
            desc=f"以产业创新公共服务平台为基础，聚焦{'、'.join(industries)}，集创意设计、研究开发、检验检测、标准信息、"
            "成果推广、创业孵化等功能于一体，为中小企业提供全链条服务的新型载体（邢科创领办〔2020〕18号）。",
        )
        for index, (county, industries) in enumerate(XINGTAI_LAYOUT.items())
    ]
    others = [
        carrier(
            "邢台经济开发区科技企业孵化器",
            "Xingtai EDZ Incubator",
            "incubator",
            "national",
            xt("邢台经济开发区"),
            ["装备制造", "新能源", "电子信息"],
            founded=2013,
        ),
        carrier(
            "邢东新区众创空间",
            "Xingdong Maker Space",
            "maker_space",
            "provincial",
            xt("邢东新区"),
            ["高新技术服务", "软件和信息服务"],
            founded=2018,
        ),
        carrier(
            "邢台学院大学生创新创业孵化基地",
            "Xingtai University Student Startup Base",
            "maker_space",
            "provincial",
            xt("襄都区"),
            ["电子商务", "数字创意"],
            operator="邢台学院",
            founded=2016,
        ),
        carrier(
            "沙河市玻璃产业孵化器",
            "Shahe Glass Industry Incubator",
            "incubator",
            "provincial",
            xt("沙河市"),
            ["玻璃建材", "光伏", "新型建材"],
            founded=2017,
        ),
        carrier(
            "清河县羊绒电商众创空间",
            "Qinghe Cashmere E-commerce Maker Space",
            "maker_space",
            "provincial",
            xt("清河县"),
            ["羊绒", "电子商务"],
            founded=2016,
        ),
        carrier(
            "平乡县童车创客空间",
            "Pingxiang Kids' Vehicles Maker Space",
            "maker_space",
            "municipal",
            xt("平乡县"),
            ["童车", "智能电动玩具"],
            founded=2019,
        ),
        carrier(
            "宁晋县电线电缆科技企业孵化器",
            "Ningjin Cable Incubator",
            "incubator",
            "provincial",
            xt("宁晋县"),
            ["电线电缆"],
            founded=2018,
        ),
        carrier(
            "南和区宠物产业众创空间",
            "Nanhe Pet Industry Maker Space",
            "maker_space",
            "municipal",
            xt("南和区"),
            ["特色宠物", "电子商务"],
            founded=2020,
        ),
    ]
    return complexes + others


def _shijiazhuang_carriers() -> list[dict]:
    base = "demo_base"
    return [
        carrier(
            "石家庄高新区双创示范基地",
            "Shijiazhuang Hi-tech Zone Demonstration Base",
            base,
            "municipal",
            sjz("石家庄高新区"),
            ["生物医药", "电子信息", "高端装备制造"],
            demo_base="region",
            founded=2018,
            startups=5,
        ),
        carrier(
            "鹿泉区双创示范基地",
            "Luquan Demonstration Base",
            base,
            "municipal",
            sjz("鹿泉区"),
            ["电子信息", "大数据与云计算"],
            demo_base="region",
            founded=2018,
            startups=5,
        ),
        carrier(
            "河北科技大学双创示范基地",
            "HEBUST Demonstration Base",
            base,
            "municipal",
            sjz("裕华区"),
            ["生物医药", "新材料", "软件和信息服务"],
            operator="河北科技大学",
            demo_base="university",
            founded=2018,
            startups=5,
        ),
        carrier(
            "石家庄铁道大学双创示范基地",
            "STDU Demonstration Base",
            base,
            "municipal",
            sjz("长安区"),
            ["智能制造装备", "新型建材"],
            operator="石家庄铁道大学",
            demo_base="university",
            founded=2018,
            startups=5,
        ),
        carrier(
            "恒信化工企业双创示范基地",
            "Hengxin Chemical Enterprise Demonstration Base",
            base,
            "municipal",
            sjz("石家庄循环化工园区"),
            ["化工", "新材料"],
            operator="石家庄恒信化工集团有限公司",
            demo_base="enterprise",
            founded=2019,
            startups=5,
        ),
        carrier(
            "智造谷企业双创示范基地",
            "Zhizaogu Enterprise Demonstration Base",
            base,
            "municipal",
            sjz("藁城区"),
            ["智能制造装备", "机器人"],
            operator="石家庄智造谷科技有限公司",
            demo_base="enterprise",
            founded=2019,
            startups=5,
        ),
        carrier(
            "石家庄高新区科技企业孵化器",
            "Shijiazhuang Hi-tech Zone Incubator",
            "incubator",
            "national",
            sjz("石家庄高新区"),
            ["生物医药", "电子信息"],
            founded=2010,
            startups=5,
        ),
    ]


def carrier_specs() -> list[dict]:
    return JILIN_CARRIERS + HUAIBEI_CARRIERS + _xingtai_carriers() + _shijiazhuang_carriers()


# Real companies of seed 004; only what the seed (and their public profile) says.
REAL_STARTUPS = [
    ("长春希达电子技术有限公司", "Changchun Cedar Electronics Technology", "光电子", "LED显示"),
    ("长春海谱润斯科技股份有限公司", "Changchun Hyperions Technology", "光电材料", "OLED有机发光材料"),
    ("长春技特生物技术有限公司", "Changchun Jite Biotechnology", "生物技术", "生物技术"),
    ("长春中科长光时空光电技术有限公司", "Changchun CAS Changguang Space-Time Photonics", "光电子", "半导体激光器"),
    (
        "长春长光辰英生物科学仪器有限公司",
        "Changchun Changguang Chenying Biological Instruments",
        "生物技术",
        "单细胞拉曼分析仪器",
    ),
]
REAL_INVESTMENT_INTENT = {"长春中科长光时空光电技术有限公司", "长春长光辰英生物科学仪器有限公司"}

# Grade weights A, B, C, D by level (Jilin 2021: 31 A, 55 B, 28 C, 9 D of 123).
GRADE_WEIGHTS = {"national": (40, 45, 13, 2), "provincial": (25, 45, 22, 8), "municipal": (20, 45, 25, 10)}
EVALUATION_YEARS = range(2019, 2025)
# Seed 004 (May 2023): rated national grade A five times; which years is not said, these are illustrative.
GUANGDIANZI_GRADES = {2015: "A", 2016: "A", 2017: "B", 2018: "A", 2019: "B", 2020: "A", 2021: "A"}
ROADS = ("创新路", "科技大道", "创业街", "高新路", "兴业大街", "明德路", "学府路", "光谷大街", "智造大道", "长兴路")


# --- planning (pure) ---------------------------------------------------------------------


def _industry_children() -> dict[str, list[str]]:
    children: dict[str, list[str]] = {}
    for names_, node in walk(INDUSTRIES):
        children[names_[-1]] = [child["name"] for child in node["children"]]
    return children


def _region_names() -> set[str]:
    return {region_key(*names_) for names_, _node in walk(REGIONS)}


def _log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def _place_prefix(rng: random.Random, region: str) -> str:
    parts = region.split("/")
    city_name = parts[1] if len(parts) > 1 else parts[0]
    prefix = city_name.removesuffix("市").removesuffix("朝鲜族自治州")
    if len(parts) > 2 and parts[2][-1] in "县市" and rng.random() < 0.4:
        county = parts[2]
        prefix = county[:-1] if len(county) > 2 else county
    return prefix


def _founded(rng: random.Random, stage: str) -> date:
    low, high = {"seed": (2023, 2025), "startup": (2019, 2024), "growth": (2013, 2021), "mature": (2005, 2016)}[stage]
    return date(rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28))


def _certifications(rng: random.Random, stage: str) -> list[str]:
    p_high, p_spec, p_giant = {
        "seed": (0, 0, 0),
        "startup": (0.15, 0.03, 0),
        "growth": (0.55, 0.2, 0.03),
        "mature": (0.85, 0.45, 0.12),
    }[stage]
    got = {"tech_sme"} if rng.random() < 0.85 else set()
    if rng.random() < p_high:
        got.add("high_tech")
    if rng.random() < p_spec:
        got.add("specialized")
    if rng.random() < p_giant:
        got.update({"specialized", "little_giant"})
    return [c for c in CERTIFICATIONS if c in got]


def _financials(rng: random.Random, stage: str) -> dict[str, Decimal]:
    revenue = {
        "seed": lambda: rng.choice((0, _log_uniform(rng, 5e4, 8e5))),
        "startup": lambda: _log_uniform(rng, 5e5, 1e7),
        "growth": lambda: _log_uniform(rng, 8e6, 8e7),
        "mature": lambda: _log_uniform(rng, 5e7, 6e8),
    }[stage]()
    margin = {"seed": (-1.5, -0.2), "startup": (-0.4, 0.15), "growth": (-0.1, 0.2), "mature": (0.03, 0.22)}[stage]
    net_profit = max(revenue, 5e5) * rng.uniform(*margin)
    valuation = {
        "seed": lambda: _log_uniform(rng, 5e6, 3e7),
        "startup": lambda: max(2e7, revenue * rng.uniform(4, 12)),
        "growth": lambda: revenue * rng.uniform(3, 8),
        "mature": lambda: revenue * rng.uniform(2, 6),
    }[stage]()
    rd = _log_uniform(rng, 2e5, 1.5e6) if stage == "seed" else revenue * rng.uniform(0.05, 0.35)
    return {
        "revenue": yuan(revenue),
        "net_profit": yuan(net_profit),
        "valuation": yuan(valuation, step=100000),
        "rd_expense": yuan(rd),
    }


def _stage(rng: random.Random) -> str:
    return rng.choices(STAGES, weights=(25, 40, 25, 10))[0]


def _pick_industry(rng: random.Random, focus: list[str], children: dict[str, list[str]]) -> str:
    weights = [2 if i == 0 else 1 for i in range(len(focus))]
    name = rng.choices(focus, weights=weights)[0]
    if children[name] and rng.random() < 0.5:
        name = rng.choice(children[name])
    return name


def _describe(rng: random.Random, *, short: str, year: int, industry: str, region: str, carrier: str | None, ip: int):
    text = names.industry_text(industry)
    province = region.split("/")[0]
    products = rng.sample(text.products, 2) if len(text.products) > 1 else [text.products[0]] * 2
    uses = rng.sample(text.uses, 2) if len(text.uses) > 1 else [text.uses[0]] * 2
    templates = (
        names.STARTUP_DESCRIPTIONS if carrier else names.STARTUP_DESCRIPTIONS[:2] + names.STARTUP_DESCRIPTIONS[3:]
    )
    return rng.choice(templates).format(
        short=short,
        year=year,
        label=industry,
        product=products[0],
        product2=products[1],
        use=uses[0],
        use2=uses[1],
        origin=rng.choice(names.ORIGINS.get(province, names.ORIGINS["河北省"])),
        carrier=carrier or "",
        region=region.split("/")[-1],
        ip=ip,
    ), products[0]


def _startup(rng, *, taken: set[str], region: str, industry: str, carrier: str | None, stage: str, investors):
    text = names.industry_text(industry)
    while True:
        word = rng.choice(text.words)
        short = names.brand(rng) + word
        suffix = "股份有限公司" if stage == "mature" and rng.random() < 0.4 else "有限公司"
        name = _place_prefix(rng, region) + short + suffix
        if name not in taken:
            taken.add(name)
            break
    founded = _founded(rng, stage)
    ip = rng.randint(*{"seed": (0, 5), "startup": (2, 15), "growth": (10, 45), "mature": (30, 120)}[stage])
    description, product = _describe(
        rng, short=short, year=founded.year, industry=industry, region=region, carrier=carrier, ip=ip
    )
    certifications = _certifications(rng, stage)
    graduated = carrier is not None and stage in ("growth", "mature") and rng.random() < 0.45
    graduated_year = rng.randint(max(founded.year + 2, 2016), 2025) if graduated else None
    extra = []
    if "little_giant" in certifications:
        extra.append("公司是国家级专精特新“小巨人”企业。")
    elif "specialized" in certifications:
        extra.append("公司是省级专精特新中小企业。")
    if "high_tech" in certifications:
        extra.append("公司是国家高新技术企业。")
    if graduated:
        extra.append(f"{graduated_year}年从{carrier}毕业。")
    employees = rng.randint(*{"seed": (3, 15), "startup": (8, 40), "growth": (30, 150), "mature": (100, 600)}[stage])
    figures = _financials(rng, stage)
    cap_table = ""
    if stage != "seed" and rng.random() < 0.6:
        founders = rng.randint(45, 80)
        fund = rng.randint(5, min(30, 95 - founders))
        esop = rng.choice((0, 5, 8, 10))
        cap_table = f"创始团队持股{founders}%，{rng.choice(investors)}持股{fund}%" + (
            f"，员工持股平台{esop}%。" if esop else "。"
        )
    org = {
        "name": name,
        "kind": "startup",
        "name_en": "",
        "region": region,
        "industries": [industry],
        "description": description + "".join(extra),
        "website": "",
        "founded": founded,
        "created_at": days_before(rng.randint(30, 900), hour=rng.randint(8, 18)),
    }
    profile = {
        "org": name,
        "stage": stage,
        "carrier": carrier,
        "employees": employees,
        "certifications": certifications,
        "ip_count": ip,
        "graduated": graduated,
        "graduated_year": graduated_year,
        **figures,
        "cap_table_notes": cap_table,
        "product": product,
    }
    return org, profile


def _org(name, kind, name_en, region, industries, description, *, days=1000, founded=None) -> dict:
    return {
        "name": name,
        "kind": kind,
        "name_en": name_en,
        "region": region,
        "industries": list(industries),
        "description": description,
        "website": "",
        "founded": founded,
        "created_at": days_before(days),
    }


def _carrier_rows(rng: random.Random, specs: list[dict]) -> tuple[list[dict], list[dict]]:
    carriers, evaluations = [], []
    for spec in specs:
        jilin = spec["region"].startswith(JL)
        area = round(_log_uniform(rng, 2000, 60000), -2)
        if spec["kind"] == "innovation_complex":
            area = round(rng.uniform(3000, 20000), -2)
        workstations = int(area / rng.uniform(25, 60))
        # Seed 004: every provincial (and national) Jilin carrier has a 100万-200万 seed fund.
        if jilin:
            seed_fund = wan(rng.randrange(100, 201, 10))
        elif spec["kind"] == "innovation_complex":
            seed_fund = None
        else:
            seed_fund = wan(rng.randrange(50, 301, 10)) if rng.random() < 0.7 else None
        address = "" if spec["real"] else f"{spec['region'].split('/')[-1]}{rng.choice(ROADS)}{rng.randint(1, 399)}号"
        carriers.append(
            {
                "name": spec["name"],
                "name_en": spec["name_en"],
                "kind": spec["kind"],
                "demo_base_type": spec["demo_base_type"],
                "level": spec["level"],
                "region": spec["region"],
                "operator": spec["operator"],
                "focus_industries": spec["focus"],
                "area_m2": Decimal(area).quantize(Decimal("0.01")),
                "workstations": workstations,
                "seed_fund": seed_fund,
                "founded_year": spec["founded_year"],
                "address": address,
                "description": spec["description"],
                "website": "",
            }
        )
        if spec["name"] == GUANGDIANZI:
            grades = GUANGDIANZI_GRADES
        else:
            first = max(EVALUATION_YEARS.start, (spec["founded_year"] or 2000) + 1)
            # Innovation complexes are evaluated once their build period (2020-2022) ends.
            if spec["kind"] == "innovation_complex":
                first = 2022
            weights = GRADE_WEIGHTS[spec["level"]]
            grades = {year: rng.choices("ABCD", weights=weights)[0] for year in range(first, EVALUATION_YEARS.stop)}
        evaluations += [{"carrier": spec["name"], "year": year, "grade": grade} for year, grade in grades.items()]
    return carriers, evaluations


def _need_rows(rng: random.Random, startups: list[dict]) -> list[dict]:
    generated = [s for s in startups if s["org"] not in {r[0] for r in REAL_STARTUPS} and s["org"] != STARTUP_NAME]
    chosen = rng.sample(generated, 55)
    demo = next(s for s in startups if s["org"] == STARTUP_NAME)
    rows = []
    wanted = [(s, "equity" if rng.random() < 0.4 else "debt") for s in chosen]
    wanted += [(demo, "debt"), (demo, "equity")]
    for startup, kind in wanted:
        stage = startup["stage"]
        if kind == "debt":
            low, high = {"seed": (20, 100), "startup": (50, 500), "growth": (300, 2000), "mature": (1000, 5000)}[stage]
            purpose = rng.choice(names.DEBT_PURPOSES).format(product=startup["product"])
            collateral = rng.choice(
                (["credit"], ["credit"], ["patent_pledge"], ["receivables"], ["credit", "patent_pledge"])
            )
            if "专利质押" in purpose:
                collateral = ["patent_pledge"]
            term = rng.choice((12, 24, 36))
        else:
            low, high = {"seed": (100, 500), "startup": (500, 3000), "growth": (2000, 10000), "mature": (5000, 30000)}[
                stage
            ]
            purpose = rng.choice(names.EQUITY_PURPOSES).format(
                round=rng.choice(names.FUNDING_ROUNDS[stage]), product=startup["product"]
            )
            collateral, term = [], None
        created = days_before(rng.randint(5, 150), hour=rng.randint(8, 18), minute=rng.choice((0, 15, 30, 45)))
        status = rng.choices(("open", "matched", "fulfilled", "withdrawn", "expired"), weights=(65, 15, 10, 5, 5))[0]
        if startup is demo:
            status = "open"
        rows.append(
            {
                "startup": startup["org"],
                "kind": kind,
                "amount": wan(round(_log_uniform(rng, low, high), -1 if high > 200 else 0)),
                "purpose": purpose,
                "term_months": term,
                "collateral_offered": collateral,
                "deadline": created.date() + timedelta(days=rng.randint(90, 360)),
                "status": status,
                "created_at": created,
                "updated_at": created,
            }
        )
    return rows


def plan(ctx: DemoContext) -> None:
    rng = ctx.rng("directory")
    children = _industry_children()
    orgs: list[dict] = []
    orgs += [_org(n, "bureau", en, region, [], desc, days=1200) for n, en, region, desc in BUREAUS]
    orgs += [_org(n, "institute", en, region, ind, desc, days=1150) for n, en, region, ind, desc in INSTITUTES]
    orgs += [_org(n, "carrier_operator", en, region, [], desc, days=1100) for n, en, region, desc in OPERATORS]
    orgs += [_org(n, "bank", en, region, [], desc, days=1000) for n, en, region, _p, _t, desc in BANKS]
    banks = [{"org": n, "parent_bank": parent, "is_tech_branch": tech} for n, _en, _r, parent, tech, _d in BANKS]
    products = [
        {
            "bank": bank,
            "name": name,
            "series": series,
            "stages": stages,
            "amount_min": wan(low),
            "amount_max": wan(high),
            "collateral": collateral,
            "industries": industries,
            "term_months_max": term,
            "rate_note": rate or ("优惠利率，以银行审批为准" if "credit" in collateral else ""),
            "description": desc or f"{bank}面向科技企业的{name}产品（演示数据）。",
            "active": True,
        }
        for bank, name, series, stages, low, high, collateral, industries, term, rate, desc in LOAN_PRODUCTS
    ]
    investors = []
    for name, en, home, kind, stages, low, high, regions, industries, *desc in INVESTORS + [
        (*row, "") for row in FICTIONAL_INVESTORS
    ]:
        description = desc[0] if desc and desc[0] else f"关注{'、'.join(industries)}等领域的投资机构（演示数据）。"
        orgs.append(_org(name, "investor", en, home, industries, description, days=900))
        investors.append(
            {
                "org": name,
                "investor_type": kind,
                "stages": stages,
                "ticket_min": wan(low),
                "ticket_max": wan(high),
                "regions": regions,
            }
        )

    specs = carrier_specs()
    carriers, evaluations = _carrier_rows(rng, specs)

    taken = {o["name"] for o in orgs} | {r[0] for r in REAL_STARTUPS} | {STARTUP_NAME}
    investor_names = [i["org"] for i in investors] + ["天使投资人"]
    startups: list[dict] = []
    for spec in specs:
        for _ in range(spec["startups"]):
            industry = _pick_industry(rng, spec["focus"], children)
            org, profile = _startup(
                rng,
                taken=taken,
                region=spec["region"],
                industry=industry,
                carrier=spec["name"],
                stage=_stage(rng),
                investors=investor_names,
            )
            others = [f for f in spec["focus"] if f != industry and industry not in children[f]]
            if others and rng.random() < 0.2:
                org["industries"].append(rng.choice(others))
            orgs.append(org)
            startups.append(profile)
    # Companies outside any carrier (moved out, or never incubated).
    outside = [cc("二道区"), cc("绿园区"), f"{JLC}/船营区", xt("信都区"), xt("清河县"), hb("濉溪县"), sjz("桥西区")]
    for index in range(15):
        region = outside[index % len(outside)]
        focus = {"吉林省": ["光电子", "汽车及零部件", "现代中药"], "河北省": ["装备制造", "羊绒", "生物医药"]}.get(
            region.split("/")[0], ["电子商务", "新材料"]
        )
        org, profile = _startup(
            rng,
            taken=taken,
            region=region,
            industry=_pick_industry(rng, focus, children),
            carrier=None,
            stage=_stage(rng),
            investors=investor_names,
        )
        orgs.append(org)
        startups.append(profile)

    # The demo login's company, at the optoelectronics incubator.
    orgs.append(
        _org(
            STARTUP_NAME,
            "startup",
            "Changchun Guangji Photonics",
            cc("长春高新技术产业开发区"),
            ["光电子"],
            f"长春光迹光电科技有限公司是{STARTUP_CARRIER}的在孵企业，专注光电子领域的微型光谱仪和激光测距模组研发，"
            "核心团队来自长春光机所，产品面向工业检测和智能驾驶，已取得发明专利等知识产权12项。公司是科技型中小企业。",
            days=400,
            founded=date(2022, 6, 18),
        )
    )
    startups.append(
        {
            "org": STARTUP_NAME,
            "stage": "startup",
            "carrier": STARTUP_CARRIER,
            "employees": 18,
            "certifications": ["tech_sme"],
            "ip_count": 12,
            "graduated": False,
            "graduated_year": None,
            "revenue": wan(420),
            "net_profit": wan(-65),
            "valuation": wan(6000),
            "rd_expense": wan(138),
            "cap_table_notes": "创始团队持股72%，杭州六和桥创投持股10%，员工持股平台8%，"
            "长春光机所科技成果作价入股10%。",
            "product": "微型光谱仪",
        }
    )
    for name, en, industry, field in REAL_STARTUPS:
        intent = (
            "参加中国创新创业大赛（吉林赛区）期间与投资机构达成投资意向"
            if name in REAL_INVESTMENT_INTENT
            else "通过创赛训练营、投融资对接活动等培育出的优秀科技型企业"
        )
        orgs.append(_org(name, "startup", en, CC, [industry], f"{field}领域的长春科技企业，{intent}（{SEED_004}）。"))
        startups.append(
            {
                "org": name,
                "stage": "growth",
                "carrier": None,
                "employees": 0,
                "certifications": [],
                "ip_count": 0,
                "graduated": False,
                "graduated_year": None,
                "revenue": None,
                "net_profit": None,
                "valuation": None,
                "rd_expense": None,
                "cap_table_notes": "",
                "product": field,
            }
        )

    needs = _need_rows(rng, startups)
    known_regions = _region_names()
    unknown = sorted(
        {o["region"] for o in orgs} | {c["region"] for c in carriers} | {r for i in investors for r in i["regions"]}
    )
    unknown = [r for r in unknown if r not in known_regions]
    if unknown:
        raise ValueError(f"Unknown regions in the demo plan: {unknown}")
    ctx.plans["directory"] = {
        "organisations": orgs,
        "banks": banks,
        "loan_products": products,
        "investors": investors,
        "carriers": carriers,
        "evaluations": evaluations,
        "startups": startups,
        "financing_needs": needs,
    }


# --- writing ------------------------------------------------------------------------------


def _strip(row: dict, *keys: str) -> dict:
    return {k: v for k, v in row.items() if k not in keys}


def write(ctx: DemoContext) -> None:
    from backend.directory.models import (
        BankProfile,
        Carrier,
        CarrierEvaluation,
        FinancingNeed,
        InvestorProfile,
        LoanProduct,
        Organisation,
        StartupProfile,
    )

    p: dict[str, Any] = ctx.plans["directory"]
    region, industry, stats = ctx.regions, ctx.industries, ctx.stats

    orgs = upsert(
        Organisation,
        [
            {**_strip(o, "industries", "region"), "region_id": region[o["region"]], "updated_at": o["created_at"]}
            for o in p["organisations"]
        ],
        key=("name",),
        stats=stats,
    )
    org = {name: obj for (name,), obj in orgs.items()}
    ctx.organisations.update(org)
    sync_m2m(
        Organisation,
        "industries",
        {org[o["name"]].pk: [industry[n] for n in o["industries"]] for o in p["organisations"]},
        stats=stats,
    )

    upsert(
        BankProfile,
        [
            {
                "organisation_id": org[b["org"]].pk,
                "parent_bank_id": org[b["parent_bank"]].pk if b["parent_bank"] else None,
                "is_tech_branch": b["is_tech_branch"],
            }
            for b in p["banks"]
        ],
        key=("organisation_id",),
        stats=stats,
    )
    products = upsert(
        LoanProduct,
        [{**_strip(lp, "bank", "industries"), "bank": org[lp["bank"]]} for lp in p["loan_products"]],
        key=("bank_id", "name"),
        stats=stats,
    )
    sync_m2m(
        LoanProduct,
        "industries",
        {
            products[(org[lp["bank"]].pk, lp["name"])].pk: [industry[n] for n in lp["industries"]]
            for lp in p["loan_products"]
        },
        stats=stats,
    )

    upsert(
        InvestorProfile,
        [{**_strip(i, "org", "regions"), "organisation_id": org[i["org"]].pk} for i in p["investors"]],
        key=("organisation_id",),
        stats=stats,
    )
    sync_m2m(
        InvestorProfile,
        "regions",
        {org[i["org"]].pk: [region[r] for r in i["regions"]] for i in p["investors"]},
        stats=stats,
    )

    carriers = upsert(
        Carrier,
        [
            {
                **_strip(c, "region", "operator", "focus_industries"),
                "region_id": region[c["region"]],
                "operator_id": org[c["operator"]].pk if c["operator"] else None,
            }
            for c in p["carriers"]
        ],
        key=("name",),
        stats=stats,
    )
    carrier = {name: obj for (name,), obj in carriers.items()}
    ctx.carriers.update(carrier)
    sync_m2m(
        Carrier,
        "focus_industries",
        {carrier[c["name"]].pk: [industry[n] for n in c["focus_industries"]] for c in p["carriers"]},
        stats=stats,
    )
    upsert(
        CarrierEvaluation,
        [{"carrier_id": carrier[e["carrier"]].pk, "year": e["year"], "grade": e["grade"]} for e in p["evaluations"]],
        key=("carrier_id", "year"),
        stats=stats,
    )
    upsert(
        StartupProfile,
        [
            {
                **_strip(s, "org", "carrier", "product"),
                "organisation_id": org[s["org"]].pk,
                "carrier_id": carrier[s["carrier"]].pk if s["carrier"] else None,
            }
            for s in p["startups"]
        ],
        key=("organisation_id",),
        stats=stats,
    )
    upsert(
        FinancingNeed,
        [{**_strip(n, "startup"), "startup_id": org[n["startup"]].pk} for n in p["financing_needs"]],
        key=("startup_id", "kind"),
        stats=stats,
    )
