"""Password rules (等保三级): ≥10 characters, 3 of 4 character classes, none of the last 5 reused, periodic change."""

import datetime as dt

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from cadreforge.accounts.models import Role
from cadreforge.accounts.security import password_expired

from ..builders import PASSWORD, make_user


@pytest.mark.parametrize("weak", ["Short1!", "alllowercaseletters", "lowercase1234", "UPPERCASE1234"])
def test_short_or_simple_passwords_are_refused(db, weak):
    with pytest.raises(ValidationError):
        validate_password(weak)


@pytest.mark.parametrize("strong", ["Lowercase1234", "lowercase-1234", "LOWER-case-xyz", "高强度密码abc123"])
def test_ten_characters_of_three_classes_are_accepted(db, strong):
    validate_password(strong)


def test_complexity_message_is_chinese_and_names_the_classes(db):
    with pytest.raises(ValidationError) as error:
        validate_password("lowercase1234x")
    assert any("至少3类" in message for message in error.value.messages)


def test_none_of_the_last_five_passwords_may_be_reused(db):
    user = make_user(Role.CADRE)
    used = [PASSWORD] + [f"Rotated-pass-{n}" for n in range(1, 5)]
    for password in used[1:]:
        user.set_password(password)
        user.save()
    for old in used:
        with pytest.raises(ValidationError, match="最近5次"):
            validate_password(old, user)
    user.set_password("Rotated-pass-5")
    user.save()
    validate_password(PASSWORD, user)  # the sixth one back may come again


def test_a_password_older_than_the_configured_age_must_be_changed(db, settings):
    settings.CADREFORGE_PASSWORD_MAX_AGE_DAYS = 90
    user = make_user(Role.CADRE)
    assert user.password_changed_at is not None and not password_expired(user)
    user.password_changed_at = timezone.now() - dt.timedelta(days=91)
    assert password_expired(user)
    settings.CADREFORGE_PASSWORD_MAX_AGE_DAYS = 0
    assert not password_expired(user)


def test_expired_password_sends_every_page_to_the_change_page(login, settings):
    client = login(Role.LEADER)
    client.user.password_changed_at = timezone.now() - dt.timedelta(days=400)
    client.user.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/password/")


def test_initial_password_must_be_changed_before_anything_else(login):
    client = login(Role.LEADER)
    client.user.must_change_password = True
    client.user.save()
    response = client.get("/cadres/")
    assert response["Location"] == "/accounts/password/?next=/cadres/"
    page = client.get("/accounts/password/").content.decode()
    assert "您正在使用初始密码或被重置的密码" in page
    changed = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Brand-New-pass9", "new_password2": "Brand-New-pass9"},
    )
    assert changed.status_code == 302
    client.user.refresh_from_db()
    assert not client.user.must_change_password
    assert client.get("/cadres/").status_code == 200  # still logged in, free to go


def test_password_change_page_refuses_a_reused_password(login):
    client = login(Role.LEADER)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "不能与最近5次使用过的密码相同" in response.content.decode()


def test_admin_reset_password_must_be_changed_by_its_owner(db):
    from cadreforge.accounts.admin import ResetPasswordForm

    user = make_user(Role.CADRE)
    form = ResetPasswordForm(user, {"password1": "Reset-by-admin-1", "password2": "Reset-by-admin-1"})
    assert form.is_valid(), form.errors
    form.save()
    user.refresh_from_db()
    assert user.must_change_password and user.check_password("Reset-by-admin-1")
