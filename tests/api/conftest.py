import pytest
from django.test import Client

from cadreforge.accounts.models import Role
from cadreforge.api.services import create_token
from cadreforge.core.validators import id_check_character

from ..builders import make_participant, make_program, make_user

ID_NUMBER = "11010519491231002" + id_check_character("11010519491231002")
MOBILE = "13812345678"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Hashing test passwords with PBKDF2 costs most of the suite's time; these tests don't test hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def bearer(db):
    """bearer(user) → a client sending that user's new API token (and no session)."""

    def _bearer(user) -> Client:
        _, clear = create_token(user, name="测试")
        client = Client(HTTP_AUTHORIZATION=f"Bearer {clear}")
        client.user = user
        return client

    return _bearer


@pytest.fixture
def program(db):
    """A program with two batches; cadre P001 (batch 1, with ID and mobile on file) and P002 (batch 2)."""
    program = make_program("penglai-3360", batches=2, name="蓬莱挂职")
    make_participant(program, "P001", batch=1, name="王一", id_number=ID_NUMBER, mobile=MOBILE)
    make_participant(program, "P002", batch=2, name="李二")
    return program


@pytest.fixture
def manager(program):
    return make_user(Role.PROGRAM_MANAGER, programs_granted=[program])
