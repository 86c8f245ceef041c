"""A cadre's photo (binary) survives `cadreforge backup` and `restore` byte for byte."""

from io import StringIO

import pytest
from django.core.management import call_command

from cadreforge.core.backup import fingerprint
from cadreforge.people.models import Cadre, CadrePhoto
from cadreforge.people.services import set_cadre_photo

from ..builders import make_participant, make_program
from ..people.photos import make_photo


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_keep_the_cadres_photo(tmp_path):
    program = make_program("photo-backup")
    with_photo = make_participant(program, "P001", name="徐鹏飞").cadre
    without = make_participant(program, "P002", name="李明华").cadre
    photo = make_photo("JPEG")
    set_cadre_photo(None, with_photo, photo)
    before = fingerprint()

    file = tmp_path / "backup.json.gz"
    call_command("backup", "-o", str(file), stdout=StringIO())
    call_command("flush", interactive=False, verbosity=0)
    assert not Cadre.objects.exists()
    call_command("restore", str(file), stdout=StringIO())

    assert fingerprint() == before
    assert bytes(Cadre.objects.get(pk=with_photo.pk).photo) == photo
    assert not Cadre.objects.get(pk=without.pk).has_photo


def test_the_fingerprint_tells_two_photos_apart(db):
    cadre = make_participant(make_program("photo-fp"), "P001").cadre
    set_cadre_photo(None, cadre, make_photo("PNG"))
    first = fingerprint()["people.CadrePhoto"]
    CadrePhoto.objects.filter(cadre=cadre).update(data=make_photo("PNG", colour=(1, 2, 3)))
    assert fingerprint()["people.CadrePhoto"] != first
