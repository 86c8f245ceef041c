"""The database itself refuses a second cadre with the same ID number, even when a service is bypassed."""

import pytest
from django.db import IntegrityError, transaction

from cadreforge.org.services import get_or_create_unit
from cadreforge.people.models import Cadre

ID_NUMBER = "11010519491231002X"


def test_two_cadres_with_the_same_id_number_hash_are_refused(db):
    unit = get_or_create_unit("市投资促进局")
    first = Cadre(name="王程俊", unit=unit)
    first.set_id_number(ID_NUMBER)
    first.save()
    second = Cadre(name="孔彬", unit=unit)
    second.set_id_number(ID_NUMBER)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_many_cadres_without_an_id_number_are_allowed(db):
    unit = get_or_create_unit("市投资促进局")
    Cadre.objects.create(name="王程俊", unit=unit)
    Cadre.objects.create(name="孔彬", unit=unit)
    assert Cadre.objects.filter(id_number_hash="").count() == 2


def test_a_cadre_needs_a_name_and_a_known_gender(db):
    unit = get_or_create_unit("市投资促进局")
    with pytest.raises(IntegrityError), transaction.atomic():
        Cadre.objects.create(name="", unit=unit)
    with pytest.raises(IntegrityError), transaction.atomic():
        Cadre.objects.create(name="王程俊", unit=unit, gender="X")
