"""The .lrmx codec: what it writes reads back equal; any bytes either read or raise a Chinese DomainError."""

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadreforge.core.errors import DomainError
from cadreforge.people import lrmx

# The shape of a real file written by the 干部任免审批表 software (values invented).
REAL_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<Person>
  <XingMing>李明华</XingMing>
  <XingBie>男</XingBie>
  <ChuShengNianYue>1988.03</ChuShengNianYue>
  <MinZu>汉族</MinZu>
  <JiGuan>江苏淮安</JiGuan>
  <ChuShengDi>江苏淮安</ChuShengDi>
  <RuDangShiJian>2009.06</RuDangShiJian>
  <CanJiaGongZuoShiJian>201107</CanJiaGongZuoShiJian>
  <JianKangZhuangKuang>健康</JianKangZhuangKuang>
  <ZhuanYeJiShuZhiWu></ZhuanYeJiShuZhiWu>
  <ShuXiZhuanYeYouHeZhuanChang>招商引资</ShuXiZhuanYeYouHeZhuanChang>
  <QuanRiZhiJiaoYu_XueLi>大学</QuanRiZhiJiaoYu_XueLi>
  <QuanRiZhiJiaoYu_XueWei>经济学学士</QuanRiZhiJiaoYu_XueWei>
  <QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi>南京财经大学国际经济与贸易专业</QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi>
  <QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi></QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi>
  <XianRenZhiWu>经开区投资促进局科员</XianRenZhiWu>
  <NiRenZhiWu>街道党政正职</NiRenZhiWu>
  <NiMianZhiWu />
  <JianLi>2007.09--2011.07  南京财经大学国际经济与贸易专业学习
2011.07--         经开区投资促进局科员</JianLi>
  <JiangChengQingKuang>(无)</JiangChengQingKuang>
  <NianDuKaoHeJieGuo>2021年度考核称职；2022年度考核优秀。</NianDuKaoHeJieGuo>
  <RenMianLiYou>工作需要</RenMianLiYou>
  <JiaTingChengYuan>
    <Item><ChengWei>妻子</ChengWei><XingMing>王芳</XingMing><ChuShengRiQi>199001</ChuShengRiQi>
      <ZhengZhiMianMao>群众</ZhengZhiMianMao><GongZuoDanWeiJiZhiWu>淮安市某小学教师</GongZuoDanWeiJiZhiWu></Item>
    <Item><ChengWei></ChengWei><XingMing></XingMing><ChuShengRiQi></ChuShengRiQi>
      <ZhengZhiMianMao></ZhengZhiMianMao><GongZuoDanWeiJiZhiWu></GongZuoDanWeiJiZhiWu></Item>
  </JiaTingChengYuan>
  <ChengBaoDanWei>中共淮安经济技术开发区党工委</ChengBaoDanWei>
  <JiSuanNianLingShiJian>20221010</JiSuanNianLingShiJian>
  <TianBiaoShiJian>20221010</TianBiaoShiJian>
  <TianBiaoRen></TianBiaoRen>
  <ShenFenZheng></ShenFenZheng>
  <ZhaoPian></ZhaoPian>
  <Version>3.2.1.16</Version>
</Person>
"""


def test_a_file_of_the_official_software_reads_into_its_items():
    form = lrmx.read(REAL_FILE.encode())
    assert (form.name, form.gender, form.birth_month) == ("李明华", "男", dt.date(1988, 3, 1))
    assert form.work_start_month == dt.date(2011, 7, 1)
    assert form.fulltime_school == "南京财经大学国际经济与贸易专业"
    assert form.proposed_post == "街道党政正职"
    assert form.resume.splitlines()[0] == "2007.09--2011.07  南京财经大学国际经济与贸易专业学习"
    assert form.filled_on == dt.date(2022, 10, 10)
    assert form.family == (
        lrmx.FamilyMember("妻子", "王芳", dt.date(1990, 1, 1), "群众", "淮安市某小学教师"),
    )


def test_a_gb2312_file_is_read():
    data = REAL_FILE.replace('encoding="UTF-8"', 'encoding="GB2312"').encode("gb2312")
    assert lrmx.read(data).name == "李明华"


def test_what_is_written_has_the_root_and_elements_other_readers_expect():
    data = lrmx.write(lrmx.AppointmentForm(name="张三", birth_month=dt.date(1990, 5, 1)))
    text = data.decode("utf-8")
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>\n<Person>")
    assert "<ChuShengNianYue>199005</ChuShengNianYue>" in text
    assert "<Version>3.2.1.16</Version>" in text


@pytest.mark.parametrize(
    ("attack", "message"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE Person [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            "<Person><XingMing>&b;</XingMing></Person>",
            "DOCTYPE",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE Person [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<Person><XingMing>&x;</XingMing></Person>",
            "DOCTYPE",
        ),
        ("<Person><XingMing>张三</XingMing>", "不是有效的 XML"),
        ("<Workbook/>", "根元素应为 Person"),
        ("<Person><ChuShengNianYue>1990.13</ChuShengNianYue></Person>", "出生年月“1990.13”不是有效的年月"),
        ("<Person><XingMing>甲</XingMing><XingMing>乙</XingMing></Person>", "出现了2次"),
        ("<Person><ZhaoPian>@@@</ZhaoPian></Person>", "base64"),
    ],
)
def test_hostile_or_broken_files_are_refused_with_a_chinese_message(attack, message):
    with pytest.raises(DomainError, match=re.escape(message)):
        lrmx.read(attack.encode())


# Text as it survives XML: legal characters only, LF line ends, no surrounding blanks.
_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]) | st.sampled_from("\n\t"))
texts = _text.map(lrmx.clean_text)
months = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)).map(lambda d: d.replace(day=1))
optional_months = st.none() | months
family = st.builds(
    lrmx.FamilyMember,
    relation=texts.filter(bool),
    name=texts,
    birth_month=optional_months,
    political_status=texts,
    work_unit_and_post=texts,
)
TEXT_ITEMS = (
    "name", "gender", "ethnicity", "native_place", "birthplace", "health", "professional_title",
    "specialty", "fulltime_education", "fulltime_degree", "fulltime_school", "fulltime_degree_school",
    "onjob_education", "onjob_degree", "onjob_school", "onjob_degree_school", "current_post",
    "proposed_post", "proposed_removal", "resume", "rewards", "assessments", "reason",
    "reporting_unit", "id_number",
)  # fmt: skip
forms = st.builds(
    lrmx.AppointmentForm,
    **dict.fromkeys(TEXT_ITEMS, texts),
    birth_month=optional_months,
    party_join_month=optional_months,
    work_start_month=optional_months,
    filled_on=st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
    family=st.lists(family, max_size=4).map(tuple),
    photo=st.binary(max_size=64),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(forms)
def test_write_then_read_gives_the_same_form(form):
    assert lrmx.read(lrmx.write(form)) == form


def _xmlish():
    tags = st.sampled_from(
        ["Person", "XingMing", "ChuShengNianYue", "JiaTingChengYuan", "Item", "ZhaoPian", "x"]
    )
    pieces = st.one_of(
        tags.map(lambda t: f"<{t}>"),
        tags.map(lambda t: f"</{t}>"),
        st.sampled_from(
            ["<?xml version='1.0'?>", "<!DOCTYPE x>", "&amp;", "&x;", "199013", "2020.01", "<![CDATA["]
        ),
        st.text(max_size=8),
    )
    return st.lists(pieces, max_size=20).map(lambda parts: "".join(parts).encode())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | _xmlish())
def test_any_bytes_either_read_or_raise_a_domain_error(data):
    try:
        form = lrmx.read(data)
    except DomainError as exc:
        assert re.search(r"[\u4e00-\u9fff]", exc.message), exc.message
    else:
        assert isinstance(form, lrmx.AppointmentForm)


def test_characters_xml_cannot_carry_are_dropped_on_writing():
    form = lrmx.AppointmentForm(name="张\x00三\r\n", resume="a\r\nb")
    assert lrmx.read(lrmx.write(form)) == lrmx.AppointmentForm(name="张三", resume="a\nb")


def test_an_oversized_file_is_refused_before_parsing():
    with pytest.raises(DomainError, match="文件过大"):
        lrmx.read(b"<Person>" + b" " * (lrmx.MAX_BYTES + 1))
