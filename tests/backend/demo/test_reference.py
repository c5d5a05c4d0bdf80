"""Reference data from migration 0002: regions and industries of the seeds, consistent trees."""

import pytest

from backend.directory.models import Industry, Region
from backend.directory.reference import XINGTAI_LAYOUT, load_reference

pytestmark = pytest.mark.django_db

# The 20 rows of 邢台市科技创新综合体布局表 (seed 001); the seed's 南官市 is 南宫市, its 开发区 邢台经济开发区.
LAYOUT_COUNTIES = [
    "信都区", "襄都区", "沙河市", "内丘县", "临城县", "隆尧县", "任泽区", "柏乡县", "南和区", "宁晋县",
    "巨鹿县", "平乡县", "新河县", "广宗县", "南宫市", "威县", "临西县", "清河县", "邢台经济开发区", "邢东新区",
]  # fmt: skip
LAYOUT_INDUSTRIES = [
    "装备制造", "煤化工", "玻璃建材", "健康食品", "建材", "生物医药", "新型建材", "食品医药", "机械装备制造",
    "包装新材料", "农产品加工", "电子商务", "特色宠物", "智能家居", "智能电动玩具", "装饰盒", "汽车配件",
    "医疗器械", "汽车及零部件", "农副产品加工", "液压机械", "现代服务业", "高新技术服务", "先进装备制造",
    "中高端装备制造", "密封件", "食品加工", "电线电缆", "纺织服装", "机件加工", "高端装备制造", "自行车", "童车",
    "婴童用品", "新能源", "羊绒", "轴承",
]  # fmt: skip
EMERGING = ["信息技术", "高端装备制造", "新材料", "生物医药", "新能源汽车", "新能源", "节能环保", "数字创意"]
TRADITIONAL = ["纺织服装", "自行车", "汽摩配件", "轴承", "玻璃", "食品加工", "羊绒", "电线电缆", "密封件", "童车"]


def children_names(parent: Region) -> list[str]:
    return list(Region.objects.filter(parent=parent).values_list("name", flat=True))


def test_reference_data_present_after_migrate():
    assert Region.objects.filter(parent=None).count() == 7
    assert Industry.objects.filter(parent=None, group="emerging").count() == 8


def test_xingtai_has_every_county_of_the_layout_table():
    xingtai = Region.objects.get(name="邢台市", parent__name="河北省")

    assert sorted(children_names(xingtai)) == sorted(LAYOUT_COUNTIES)
    assert list(XINGTAI_LAYOUT) == LAYOUT_COUNTIES
    assert Region.objects.get(parent=xingtai, name="南宫市").code == "130581"
    assert Region.objects.get(parent=xingtai, name="邢台经济开发区").code == ""


def test_every_layout_industry_exists_by_unique_name():
    names = set(LAYOUT_INDUSTRIES) | {name for industries in XINGTAI_LAYOUT.values() for name in industries}
    found = dict(Industry.objects.filter(name__in=names).values_list("name", "group"))

    assert sorted(names - set(found)) == []


def test_layout_mapping_covers_the_table_row_by_row():
    assert XINGTAI_LAYOUT["南和区"] == ["农产品加工", "电子商务", "特色宠物", "中高端装备制造"]
    assert XINGTAI_LAYOUT["临西县"] == ["轴承", "液压机械"]
    assert XINGTAI_LAYOUT["邢东新区"] == ["高新技术服务"]
    assert all(XINGTAI_LAYOUT[county] for county in LAYOUT_COUNTIES)


def test_industry_names_and_slugs_are_unique():
    names = list(Industry.objects.values_list("name", flat=True))

    assert len(names) == len(set(names))


def test_emerging_and_traditional_industries_of_the_seeds():
    roots = Industry.objects.filter(parent=None, group="emerging").values_list("name", flat=True)
    traditional = Industry.objects.filter(name__in=TRADITIONAL).values_list("group", flat=True)

    assert sorted(roots) == sorted(EMERGING)
    assert set(traditional) == {"traditional"} and len(traditional) == len(TRADITIONAL)
    assert Industry.objects.get(name="光电子").parent.name == "信息技术"
    assert {"汽车", "光电子", "卫星"} <= set(Industry.objects.values_list("name", flat=True))


def test_children_inherit_the_group_of_their_root():
    for node in Industry.objects.exclude(parent=None):
        root = Industry.objects.get(pk=int(node.path.strip("/").split("/")[0]))
        assert node.group == root.group, node.name


def test_huaibei_has_its_districts_and_high_tech_zone():
    huaibei = Region.objects.get(name="淮北市")

    assert sorted(children_names(huaibei)) == sorted(["相山区", "杜集区", "烈山区", "濉溪县", "淮北高新区"])
    assert huaibei.code == "340600" and huaibei.parent.name == "安徽省"


def test_jilin_cities_and_changchun_zones():
    jilin = Region.objects.get(name="吉林省")
    changchun = Region.objects.get(name="长春市")

    assert {"长春市", "吉林市", "四平市", "辽源市", "通化市", "白山市", "松原市", "白城市", "延边朝鲜族自治州"} == set(
        children_names(jilin)
    )
    assert {"长春经济技术开发区", "长春新区", "朝阳区", "南关区"} <= set(children_names(changchun))


def test_shijiazhuang_has_the_zones_of_seed_003():
    shijiazhuang = Region.objects.get(name="石家庄市")

    assert {"石家庄高新区", "石家庄循环化工园区", "长安区", "正定县"} <= set(children_names(shijiazhuang))


@pytest.mark.parametrize("model", [Region, Industry])
def test_tree_paths_and_depths_are_consistent(model):
    nodes = {node.pk: node for node in model.objects.all()}

    for node in nodes.values():
        parent_path = nodes[node.parent_id].path if node.parent_id else "/"
        assert node.path == f"{parent_path}{node.pk}/", node.name
        assert node.depth == node.path.count("/") - 2, node.name


def test_region_levels_follow_the_tree():
    assert set(Region.objects.filter(parent=None).values_list("level", flat=True)) == {"province"}
    assert set(Region.objects.filter(parent__name="邢台市").values_list("level", flat=True)) == {"county"}
    # Municipalities: districts sit right below the province-level city.
    assert Region.objects.get(name="海淀区").depth == 1


def test_load_reference_again_writes_nothing():
    before = list(Region.objects.values_list("pk", "path", "name", "code")) + list(
        Industry.objects.values_list("pk", "path", "name", "slug")
    )

    written = load_reference(Region, Industry)

    after = list(Region.objects.values_list("pk", "path", "name", "code")) + list(
        Industry.objects.values_list("pk", "path", "name", "slug")
    )
    assert written == 0
    assert after == before


def test_load_reference_repairs_changed_and_missing_rows():
    Region.objects.filter(name="信都区").update(code="999999", path="/broken/")
    Industry.objects.filter(name="卫星").delete()

    written = load_reference(Region, Industry)

    xindu = Region.objects.get(name="信都区")
    satellites = Industry.objects.get(name="卫星")
    assert written == 2
    assert (xindu.code, xindu.path) == ("130503", f"{xindu.parent.path}{xindu.pk}/")
    assert satellites.path == f"{satellites.parent.path}{satellites.pk}/" and satellites.depth == 2
