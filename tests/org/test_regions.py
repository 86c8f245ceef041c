"""Place coordinates (地区坐标) for the flow map: name matching, the known places, and their invariants."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from cadreforge.org.models import Region, place_key
from cadreforge.org.places import KNOWN_PLACES
from cadreforge.org.services import fill_known_places

pytestmark = pytest.mark.django_db


def test_place_key_joins_spellings_of_one_city():
    assert place_key("杭州") == place_key("杭州市") == place_key(" 杭州市 ")
    assert place_key("蓬萊市") == place_key("蓬莱区") == "蓬莱"
    assert place_key("萧山区") != place_key("萧山区政府")
    assert place_key("沙市") == "沙市"  # a two-character name keeps its 市


def test_known_places_fill_what_is_missing_and_keep_what_was_entered():
    Region.objects.all().delete()
    Region.objects.create(name="杭州市", longitude=Decimal("120"), latitude=Decimal("30"))
    Region.objects.create(name="上海")  # known by name, no coordinates yet
    filled = fill_known_places()
    assert filled == len(KNOWN_PLACES) - 1
    assert Region.objects.get(name_key="杭州").coordinates == (120.0, 30.0)
    assert Region.objects.get(name_key="上海").coordinates == (121.4737, 31.2304)
    assert fill_known_places() == 0


def test_demo_and_synthetic_home_and_host_cities_have_coordinates():
    from cadreforge.exchange.generate import vocab

    fill_known_places()
    named = set(Region.objects.filter(longitude__isnull=False).values_list("name_key", flat=True))
    wanted = [
        *vocab.HOME_CITIES,
        *vocab.HOST_CITIES,
        "蓬莱市",
        "萧山区",
        "淮北市",
        "娄底市",
        "淮安市",
        "常州",
    ]
    assert [city for city in wanted if place_key(city) not in named] == []
    for lon, lat in KNOWN_PLACES.values():  # all of them in China
        assert 73 < float(lon) < 136 and 18 < float(lat) < 54


def test_coordinates_come_in_pairs_within_range():
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(name="某市", longitude=Decimal("120"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(name="某县", longitude=Decimal("200"), latitude=Decimal("30"))
