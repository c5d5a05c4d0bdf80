"""Reference data: the region and industry trees the seeds speak of.

Plain data plus :func:`load_reference`, which the data migration
``0002_reference_data`` runs with historical models (and ``load_demo`` runs
again with the real ones, so a flushed database gets them back).

Regions follow GB/T 2260 (province → city → county/district) and carry its
code where one exists; development zones (开发区, 高新区, 新区) have no
GB/T 2260 code and keep ``code`` blank. Municipalities (北京市, 上海市) are
province-level nodes whose districts sit directly below them.

Industry names are unique across the whole tree, so every industry of the
Xingtai layout table (seed 001) can be looked up by name alone.
"""

from __future__ import annotations

from typing import Any

Node = dict[str, Any]


# --- regions -------------------------------------------------------------------


def _region(level: str, name: str, name_en: str, code: str = "", *children: Node) -> Node:
    return {"name": name, "name_en": name_en, "level": level, "code": code, "children": list(children)}


def province(name: str, name_en: str, code: str, *children: Node) -> Node:
    return _region("province", name, name_en, code, *children)


def city(name: str, name_en: str, code: str, *children: Node) -> Node:
    return _region("city", name, name_en, code, *children)


def county(name: str, name_en: str, code: str = "") -> Node:
    return _region("county", name, name_en, code)


# 邢台市 in the order of the layout table (seed 001). 2020 renamings: 桥东区 → 襄都区,
# 桥西区 → 信都区, 任县 → 任泽区, 南和县 → 南和区.
XINGTAI_COUNTIES = [
    county("信都区", "Xindu District", "130503"),
    county("襄都区", "Xiangdu District", "130502"),
    county("沙河市", "Shahe", "130582"),
    county("内丘县", "Neiqiu County", "130523"),
    county("临城县", "Lincheng County", "130522"),
    county("隆尧县", "Longyao County", "130525"),
    county("任泽区", "Renze District", "130505"),
    county("柏乡县", "Baixiang County", "130524"),
    county("南和区", "Nanhe District", "130506"),
    county("宁晋县", "Ningjin County", "130528"),
    county("巨鹿县", "Julu County", "130529"),
    county("平乡县", "Pingxiang County", "130532"),
    county("新河县", "Xinhe County", "130530"),
    county("广宗县", "Guangzong County", "130531"),
    # The seed's OCR reads 南官市.
    county("南宫市", "Nangong", "130581"),
    county("威县", "Wei County", "130533"),
    county("临西县", "Linxi County", "130535"),
    county("清河县", "Qinghe County", "130534"),
    # The layout table's "开发区".
    county("邢台经济开发区", "Xingtai Economic Development Zone"),
    county("邢东新区", "Xingdong New Area"),
]

REGIONS: list[Node] = [
    province(
        "河北省",
        "Hebei",
        "130000",
        city(
            "石家庄市",
            "Shijiazhuang",
            "130100",
            county("长安区", "Chang'an District", "130102"),
            county("桥西区", "Qiaoxi District", "130104"),
            county("新华区", "Xinhua District", "130105"),
            county("井陉矿区", "Jingxing Mining District", "130107"),
            county("裕华区", "Yuhua District", "130108"),
            county("藁城区", "Gaocheng District", "130109"),
            county("鹿泉区", "Luquan District", "130110"),
            county("栾城区", "Luancheng District", "130111"),
            county("井陉县", "Jingxing County", "130121"),
            county("正定县", "Zhengding County", "130123"),
            county("行唐县", "Xingtang County", "130125"),
            county("灵寿县", "Lingshou County", "130126"),
            county("高邑县", "Gaoyi County", "130127"),
            county("深泽县", "Shenze County", "130128"),
            county("赞皇县", "Zanhuang County", "130129"),
            county("无极县", "Wuji County", "130130"),
            county("平山县", "Pingshan County", "130131"),
            county("元氏县", "Yuanshi County", "130132"),
            county("赵县", "Zhao County", "130133"),
            county("辛集市", "Xinji", "130181"),
            county("晋州市", "Jinzhou", "130183"),
            county("新乐市", "Xinle", "130184"),
            # Named in seed 003 next to the counties: 高新区、循环化工园区和综合保税区.
            county("石家庄高新区", "Shijiazhuang High-tech Industrial Development Zone"),
            county("石家庄循环化工园区", "Shijiazhuang Circular Chemical Industry Park"),
            county("石家庄综合保税区", "Shijiazhuang Comprehensive Bonded Zone"),
        ),
        city("邢台市", "Xingtai", "130500", *XINGTAI_COUNTIES),
    ),
    province(
        "安徽省",
        "Anhui",
        "340000",
        city(
            "淮北市",
            "Huaibei",
            "340600",
            county("相山区", "Xiangshan District", "340603"),
            county("杜集区", "Duji District", "340602"),
            county("烈山区", "Lieshan District", "340604"),
            county("濉溪县", "Suixi County", "340621"),
            county("淮北高新区", "Huaibei High-tech Zone"),
        ),
    ),
    province(
        "吉林省",
        "Jilin",
        "220000",
        city(
            "长春市",
            "Changchun",
            "220100",
            county("南关区", "Nanguan District", "220102"),
            county("宽城区", "Kuancheng District", "220103"),
            county("朝阳区", "Chaoyang District", "220104"),
            county("二道区", "Erdao District", "220105"),
            county("绿园区", "Lüyuan District", "220106"),
            county("双阳区", "Shuangyang District", "220112"),
            county("九台区", "Jiutai District", "220113"),
            county("农安县", "Nong'an County", "220122"),
            county("榆树市", "Yushu", "220182"),
            county("德惠市", "Dehui", "220183"),
            county("公主岭市", "Gongzhuling", "220184"),
            county("长春经济技术开发区", "Changchun Economic and Technological Development Zone"),
            county("长春高新技术产业开发区", "Changchun High-tech Industrial Development Zone"),
            county("长春净月高新技术产业开发区", "Changchun Jingyue High-tech Industrial Development Zone"),
            county("长春汽车经济技术开发区", "Changchun Automotive Economic and Technological Development Zone"),
            county("长春新区", "Changchun New Area"),
        ),
        city(
            "吉林市",
            "Jilin City",
            "220200",
            county("昌邑区", "Changyi District", "220202"),
            county("龙潭区", "Longtan District", "220203"),
            county("船营区", "Chuanying District", "220204"),
            county("丰满区", "Fengman District", "220211"),
            county("永吉县", "Yongji County", "220221"),
            county("蛟河市", "Jiaohe", "220281"),
            county("桦甸市", "Huadian", "220282"),
            county("舒兰市", "Shulan", "220283"),
            county("磐石市", "Panshi", "220284"),
            county("吉林高新技术产业开发区", "Jilin High-tech Industrial Development Zone"),
        ),
        # Seed 004 is province-wide: the other prefectures as cities.
        city("四平市", "Siping", "220300"),
        city("辽源市", "Liaoyuan", "220400"),
        city("通化市", "Tonghua", "220500"),
        city("白山市", "Baishan", "220600"),
        city("松原市", "Songyuan", "220700"),
        city("白城市", "Baicheng", "220800"),
        city("延边朝鲜族自治州", "Yanbian Korean Autonomous Prefecture", "222400"),
    ),
    # Investors' home places.
    province(
        "浙江省",
        "Zhejiang",
        "330000",
        city(
            "杭州市",
            "Hangzhou",
            "330100",
            county("上城区", "Shangcheng District", "330102"),
            county("拱墅区", "Gongshu District", "330105"),
            county("西湖区", "Xihu District", "330106"),
            county("滨江区", "Binjiang District", "330108"),
            county("萧山区", "Xiaoshan District", "330109"),
            county("余杭区", "Yuhang District", "330110"),
        ),
    ),
    province(
        "广东省",
        "Guangdong",
        "440000",
        city(
            "深圳市",
            "Shenzhen",
            "440300",
            county("罗湖区", "Luohu District", "440303"),
            county("福田区", "Futian District", "440304"),
            county("南山区", "Nanshan District", "440305"),
            county("宝安区", "Bao'an District", "440306"),
            county("龙岗区", "Longgang District", "440307"),
        ),
    ),
    province(
        "北京市",
        "Beijing",
        "110000",
        county("东城区", "Dongcheng District", "110101"),
        county("西城区", "Xicheng District", "110102"),
        county("朝阳区", "Chaoyang District", "110105"),
        county("海淀区", "Haidian District", "110108"),
    ),
    province(
        "上海市",
        "Shanghai",
        "310000",
        county("黄浦区", "Huangpu District", "310101"),
        county("徐汇区", "Xuhui District", "310104"),
        county("杨浦区", "Yangpu District", "310110"),
        county("闵行区", "Minhang District", "310112"),
        county("浦东新区", "Pudong New Area", "310115"),
    ),
]


# --- industries ----------------------------------------------------------------


def industry(name: str, slug: str, name_en: str, *children: Node, group: str | None = None) -> Node:
    """A node; ``group`` is given on the roots and inherited below them."""
    return {"name": name, "slug": slug, "name_en": name_en, "group": group, "children": list(children)}


def emerging(name: str, slug: str, name_en: str, *children: Node) -> Node:
    return industry(name, slug, name_en, *children, group="emerging")


def traditional(name: str, slug: str, name_en: str, *children: Node) -> Node:
    return industry(name, slug, name_en, *children, group="traditional")


i = industry

INDUSTRIES: list[Node] = [
    # The eight strategic emerging industries of seed 001.
    emerging(
        "信息技术",
        "information-technology",
        "Information technology",
        i("电子信息", "electronic-information", "Electronic information"),
        i("软件和信息服务", "software-it-services", "Software and IT services"),
        i("人工智能", "artificial-intelligence", "Artificial intelligence"),
        # Jilin's comparative advantage (seed 004): 光电子.
        i("光电子", "optoelectronics", "Optoelectronics"),
        i("集成电路", "integrated-circuits", "Integrated circuits"),
        i("大数据与云计算", "big-data-cloud", "Big data and cloud computing"),
        i("物联网", "internet-of-things", "Internet of things"),
    ),
    emerging(
        "高端装备制造",
        "high-end-equipment",
        "High-end equipment manufacturing",
        i("智能制造装备", "intelligent-manufacturing-equipment", "Intelligent manufacturing equipment"),
        i("先进装备制造", "advanced-equipment", "Advanced equipment manufacturing"),
        i("中高端装备制造", "mid-high-end-equipment", "Mid- to high-end equipment manufacturing"),
        i("机器人", "robotics", "Robotics"),
        i(
            "航空航天",
            "aerospace",
            "Aerospace",
            # Jilin's 卫星 (seed 004).
            i("卫星", "satellites", "Satellites and applications"),
        ),
    ),
    emerging(
        "新材料",
        "new-materials",
        "New materials",
        i("包装新材料", "packaging-materials", "New packaging materials"),
        i("新型建材", "new-building-materials", "New building materials"),
        i("光电材料", "optoelectronic-materials", "Optoelectronic materials"),
        i("先进金属材料", "advanced-metals", "Advanced metal materials"),
        i("高分子材料", "polymers", "Polymer materials"),
    ),
    emerging(
        "生物医药",
        "biomedicine",
        "Biomedicine",
        i("医疗器械", "medical-devices", "Medical devices"),
        i("生物技术", "biotechnology", "Biotechnology"),
        i("现代中药", "modern-tcm", "Modern traditional Chinese medicine"),
        i("化学药", "chemical-drugs", "Chemical drugs"),
        i("食品医药", "food-and-pharma", "Food and pharmaceuticals"),
    ),
    emerging(
        "新能源汽车",
        "new-energy-vehicles",
        "New energy vehicles",
        i("动力电池", "power-batteries", "Power batteries"),
        i("智能网联汽车", "connected-vehicles", "Intelligent connected vehicles"),
    ),
    emerging(
        "新能源",
        "new-energy",
        "New energy",
        i("光伏", "photovoltaics", "Photovoltaics"),
        i("风电", "wind-power", "Wind power"),
        i("氢能", "hydrogen", "Hydrogen energy"),
        i("储能", "energy-storage", "Energy storage"),
    ),
    emerging(
        "节能环保",
        "energy-saving-environmental",
        "Energy saving and environmental protection",
        i("节能装备", "energy-saving-equipment", "Energy-saving equipment"),
        i("环保技术", "environmental-technology", "Environmental technology"),
        i("资源循环利用", "recycling", "Resource recycling"),
    ),
    emerging(
        "数字创意",
        "digital-creative",
        "Digital creative industries",
        i("动漫游戏", "animation-games", "Animation and games"),
        i("数字媒体", "digital-media", "Digital media"),
        i("工业设计", "industrial-design", "Industrial design"),
    ),
    # Traditional industries (seed 001: 纺织服装、自行车、汽摩配件、轴承、玻璃、食品加工)
    # and the layout table's clusters.
    traditional(
        "装备制造",
        "equipment-manufacturing",
        "Equipment manufacturing",
        i("机械装备制造", "machinery", "Machinery manufacturing"),
        i("机件加工", "machined-parts", "Machined parts"),
        i("液压机械", "hydraulic-machinery", "Hydraulic machinery"),
        i("轴承", "bearings", "Bearings"),
        i("密封件", "seals", "Seals"),
        i("电线电缆", "wires-cables", "Wires and cables"),
    ),
    traditional(
        "纺织服装",
        "textiles-apparel",
        "Textiles and apparel",
        i("羊绒", "cashmere", "Cashmere"),
    ),
    traditional(
        "自行车",
        "bicycles",
        "Bicycles",
        i("童车", "childrens-vehicles", "Children's bicycles and strollers"),
        i("自行车零配件", "bicycle-parts", "Bicycle parts"),
    ),
    traditional(
        "汽车",
        "automotive",
        "Automotive",
        i("汽车及零部件", "vehicles-and-parts", "Vehicles and parts"),
        i("汽摩配件", "auto-motorcycle-parts", "Auto and motorcycle parts", i("汽车配件", "auto-parts", "Auto parts")),
    ),
    traditional(
        "建材",
        "building-materials",
        "Building materials",
        i("玻璃", "glass", "Glass", i("玻璃建材", "glass-building-materials", "Glass and building materials")),
    ),
    traditional(
        "化工",
        "chemicals",
        "Chemicals",
        i("煤化工", "coal-chemicals", "Coal chemicals"),
    ),
    traditional(
        "食品加工",
        "food-processing",
        "Food processing",
        i("健康食品", "health-food", "Health food"),
        i("农产品加工", "agri-processing", "Agricultural product processing"),
        i("农副产品加工", "agri-byproduct-processing", "Agricultural by-product processing"),
        # 南和区's pet cluster is mostly pet food.
        i("特色宠物", "pet-industry", "Pet food and products"),
    ),
    traditional(
        "轻工制造",
        "light-industry",
        "Light industry",
        i("婴童用品", "baby-products", "Baby and children's products"),
        i("智能电动玩具", "electric-toys", "Smart electric toys"),
        i("智能家居", "smart-home", "Smart home and furniture"),
        i("装饰盒", "decorative-boxes", "Decorative boxes"),
    ),
    industry(
        "现代服务业",
        "modern-services",
        "Modern services",
        i("电子商务", "e-commerce", "E-commerce"),
        i("高新技术服务", "high-tech-services", "High-tech services"),
        i("检验检测", "testing-certification", "Testing and certification"),
        i("技术转移", "technology-transfer", "Technology transfer"),
        i("科技金融", "tech-finance", "Technology finance"),
        group="service",
    ),
    industry("现代农业", "modern-agriculture", "Modern agriculture", group="other"),
]

del i

# 邢台市科技创新综合体布局表 (seed 001): county → its focus industries, each an
# Industry name of INDUSTRIES. The table's wording is mapped onto the tree:
# 装备制造产业 → 装备制造, 建材产业 → 建材, 食品产业 → 食品加工, 密封件制造 → 密封件,
# 高端装备 → 高端装备制造, 自行车童车及零配件产业 → 自行车/童车/自行车零配件,
# 精品羊绒服装服饰 → 羊绒. The table's 开发区 is 邢台经济开发区, its 南官市 南宫市.
XINGTAI_LAYOUT: dict[str, list[str]] = {
    "信都区": ["装备制造"],
    "襄都区": ["煤化工"],
    "沙河市": ["玻璃建材", "先进装备制造", "健康食品"],
    "内丘县": ["装备制造", "建材", "生物医药"],
    "临城县": ["新型建材", "装备制造", "食品医药"],
    "隆尧县": ["食品加工", "装备制造"],
    "任泽区": ["机械装备制造", "密封件"],
    "柏乡县": ["包装新材料", "装备制造", "食品加工"],
    "南和区": ["农产品加工", "电子商务", "特色宠物", "中高端装备制造"],
    "宁晋县": ["电线电缆", "纺织服装", "食品加工"],
    "巨鹿县": ["机件加工", "健康食品", "智能家居", "高端装备制造"],
    "平乡县": ["自行车", "童车", "自行车零配件", "智能电动玩具", "装备制造"],
    "新河县": ["装饰盒", "新能源", "汽车配件"],
    "广宗县": ["自行车", "童车", "婴童用品", "先进装备制造", "健康食品"],
    "南宫市": ["羊绒", "纺织服装", "装备制造", "医疗器械", "汽车配件"],
    "威县": ["汽车及零部件", "农副产品加工"],
    "临西县": ["轴承", "液压机械"],
    "清河县": ["汽车配件", "羊绒"],
    "邢台经济开发区": ["现代服务业", "装备制造", "新能源"],
    "邢东新区": ["高新技术服务"],
}

XINGTAI = ("河北省", "邢台市")


def walk(nodes: list[Node], parents: tuple[str, ...] = ()):
    """Yield ``(names from the root, node)`` for every node, parents first."""
    for node in nodes:
        names = (*parents, node["name"])
        yield names, node
        yield from walk(node["children"], names)


def region_key(*names: str) -> str:
    """The key demo data uses for a region: its names from the root, e.g. 吉林省/长春市/朝阳区."""
    return "/".join(names)


# --- loading -------------------------------------------------------------------


def _sync_tree(model, nodes: list[Node], fields: tuple[str, ...]) -> int:
    """Create or update *nodes* below their parents; set path and depth; return rows written."""
    existing = {(n.parent_id, n.name): n for n in model.objects.all()}
    written = 0

    def visit(spec: Node, parent, inherited: dict[str, Any]) -> None:
        nonlocal written
        values = {f: spec[f] if spec.get(f) is not None else inherited.get(f) for f in fields}
        node = existing.get((parent.pk if parent else None, spec["name"]))
        if node is None:
            node = model(parent=parent, name=spec["name"], **values)
            node.save()
            written += 1
        elif any(getattr(node, f) != v for f, v in values.items()):
            model.objects.filter(pk=node.pk).update(**values)
            written += 1
        # Historical models have no TreeNode.save(), so the path is set here.
        path = f"{parent.path if parent else '/'}{node.pk}/"
        depth = path.count("/") - 2
        if (node.path, node.depth) != (path, depth):
            model.objects.filter(pk=node.pk).update(path=path, depth=depth)
            node.path, node.depth = path, depth
        for child in spec["children"]:
            visit(child, node, values)

    for root in nodes:
        visit(root, None, {})
    return written


def load_reference(Region, Industry) -> int:
    """Create or update the region and industry trees (model classes, possibly historical); idempotent.

    Returns the number of rows written (0 when everything was in place).
    """
    written = _sync_tree(Region, REGIONS, ("name_en", "level", "code"))
    written += _sync_tree(Industry, INDUSTRIES, ("name_en", "slug", "group"))
    return written
