"""The group-robot address rule holds in the service, not only in the form: a CLI, an import or the API
saving a channel gets the same refusal, and nothing is stored."""

import pytest
from django.test import Client
from django.urls import reverse

from cadreforge.accounts.models import Role, User
from cadreforge.core.errors import DomainError
from cadreforge.secondment.forms import ChannelForm
from cadreforge.secondment.models import NotificationChannel
from cadreforge.secondment.reminders import save_channel

from ..builders import make_program

REFUSED = [
    "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
    "http://10.0.0.8/robot",
    "ftp://127.0.0.1/robot",
    "https://",
    "qyapi.weixin.qq.com/cgi-bin/webhook/send",
    "http://127.0.0.1.evil.example/robot",
    "http://127.0.0.1:notaport/robot",
]
ACCEPTED = [
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
    "http://127.0.0.1:8025/robot",
    "http://localhost/robot",
]


@pytest.mark.parametrize("url", REFUSED)
def test_a_plain_http_or_malformed_robot_address_is_refused_and_nothing_saved(db, url):
    program = make_program("penglai-3360")
    with pytest.raises(DomainError, match="应以 https:// 开头") as caught:
        save_channel(None, program, name="竞学群", kind="wecom", webhook_url=url)
    assert "竞学群" in caught.value.message
    assert not NotificationChannel.objects.exists()


@pytest.mark.parametrize("url", ACCEPTED)
def test_https_or_a_robot_on_this_machine_is_accepted(db, url):
    program = make_program("penglai-3360")
    channel = save_channel(None, program, name="竞学群", kind="wecom", webhook_url=url)
    assert NotificationChannel.objects.get(pk=channel.pk).webhook_url == url


def test_changing_an_existing_channel_to_plain_http_keeps_the_old_address(db):
    program = make_program("penglai-3360")
    save_channel(None, program, name="竞学群", kind="wecom", webhook_url="https://robot.example/send")
    with pytest.raises(DomainError):
        save_channel(None, program, name="竞学群", kind="wecom", webhook_url="http://robot.example/send")
    assert NotificationChannel.objects.get().webhook_url == "https://robot.example/send"


@pytest.mark.parametrize("url", REFUSED + ACCEPTED)
def test_the_page_form_accepts_exactly_what_the_service_accepts(url):
    form = ChannelForm(data={"kind": "wecom", "name": "竞学群", "webhook_url": url, "active": "on"})
    assert form.is_valid() == (url in ACCEPTED), form.errors
    if url in REFUSED:
        assert "应以 https:// 开头" in form.errors["webhook_url"][0]


def test_the_back_office_refuses_a_plain_http_robot_address_too(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    program = make_program("penglai-3360")
    client = Client()
    client.force_login(
        User.objects.create_superuser("root", password="Test-pass-2026!", role=Role.SYSTEM_ADMIN)
    )
    form = {"program": program.pk, "kind": "wecom", "name": "竞学群", "active": "on"}
    url = reverse("admin:secondment_notificationchannel_add")

    refused = client.post(
        url, {**form, "webhook_url": "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"}
    )
    assert refused.status_code == 200
    assert "应以 https:// 开头" in refused.content.decode()
    assert not NotificationChannel.objects.exists()

    client.post(url, {**form, "webhook_url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"})
    assert NotificationChannel.objects.get().webhook_url.startswith("https://")
