"""Key rotation of personal data (密钥轮换): re-encrypt every encrypted value and recompute every lookup hash
with the current DATA_KEY, reading the old values with any retired key (DATA_KEY_RETIRED). One transaction:
a value no configured key opens stops it with the row named, and nothing changes."""

from django.db import transaction

from cadreforge.accounts.models import OtpDevice
from cadreforge.audit.services import record
from cadreforge.core import crypto
from cadreforge.core.errors import DomainError

from .models import Cadre

BATCH = 1000


def _open(token: str, what: str) -> str:
    try:
        return crypto.decrypt(token)
    except crypto.UnknownKey as exc:
        raise DomainError(
            f"{what}无法用当前或已退役的密钥解密：请把旧密钥加入 DATA_KEY_RETIRED 后重试。未做任何修改。"
        ) from exc


@transaction.atomic
def rekey_personal_data(actor=None) -> dict[str, int | str]:
    """Rewrite cadres' ID numbers and mobiles and the second-factor secrets with the current key."""
    cadres = Cadre.objects.exclude(id_number_cipher="", mobile_cipher="").order_by("pk")
    changed: list[Cadre] = []
    for cadre in cadres.only("pk", "name", "id_number_cipher", "mobile_cipher").iterator(chunk_size=BATCH):
        if cadre.id_number_cipher:
            cadre.set_id_number(
                _open(cadre.id_number_cipher, f"干部“{cadre.name}”（编号{cadre.pk}）的身份证号")
            )
        if cadre.mobile_cipher:
            cadre.set_mobile(_open(cadre.mobile_cipher, f"干部“{cadre.name}”（编号{cadre.pk}）的手机号"))
        changed.append(cadre)
    fields = [
        "id_number_cipher",
        "id_number_hash",
        "id_number_masked",
        "mobile_cipher",
        "mobile_hash",
        "mobile_masked",
    ]
    Cadre.objects.bulk_update(changed, fields, batch_size=BATCH)

    devices = list(OtpDevice.objects.only("pk", "user_id", "secret_cipher").order_by("pk"))
    for device in devices:
        device.secret_cipher = crypto.encrypt(
            _open(device.secret_cipher, f"动态口令设备（编号{device.pk}）的密钥")
        )
    OtpDevice.objects.bulk_update(devices, ["secret_cipher"], batch_size=BATCH)

    summary = {"cadres": len(changed), "otp_devices": len(devices), "key_id": crypto.key_id()}
    record(
        actor, "data_key.rekey", object_type="core.data_key", object_repr="个人信息密钥轮换", changes=summary
    )
    return summary
