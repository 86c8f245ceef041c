"""An .lrmx file between its preview and its confirmation (导入任免审批表): kept on the server, encrypted at
rest (core.storage), under a random name that the confirmation form carries, signed together with the
cadre and the user. The page never carries the file itself: it holds the ID number in clear, and a photo
can make it larger than a form field may be. Files older than MAX_AGE are swept away at the next preview."""

import datetime as dt
import secrets

from django.core import signing
from django.core.files.base import ContentFile
from django.utils import timezone

from cadreforge.core.errors import DomainError
from cadreforge.core.storage import private_storage

FOLDER = "lrmx-pending"
SALT = "cadreforge.people.lrmx-pending"
MAX_AGE = 3600  # seconds a previewed file may wait for its confirmation


def hold(data: bytes, *, cadre_pk: int, user_pk: int) -> str:
    """Keep the previewed file; the token to confirm it with."""
    _sweep()
    name = private_storage().save(f"{FOLDER}/{secrets.token_hex(16)}.lrmx", ContentFile(data))
    return signing.dumps({"cadre": cadre_pk, "user": user_pk, "file": name}, salt=SALT)


def take(token: str, *, cadre_pk: int, user_pk: int) -> bytes:
    """The file kept for this token, if it is this user's preview of this cadre and not too old."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as exc:
        raise DomainError("预览已超过一小时，请重新上传文件。") from exc
    except signing.BadSignature as exc:
        raise DomainError("确认信息无效，请重新上传文件。") from exc
    if payload.get("cadre") != cadre_pk or payload.get("user") != user_pk:
        raise DomainError("确认信息不属于该干部或不是您的预览，请重新上传文件。")
    try:
        with private_storage().open(payload["file"]) as kept:
            return kept.read()
    except FileNotFoundError as exc:
        raise DomainError("预览的文件已不在（已导入或已过期），请重新上传。") from exc


def release(token: str) -> None:
    """Remove the kept file once it has been imported."""
    name = signing.loads(token, salt=SALT)["file"]
    private_storage().delete(name)


def _sweep() -> None:
    storage = private_storage()
    if not storage.exists(FOLDER):
        return
    stale_before = timezone.now() - dt.timedelta(seconds=MAX_AGE)
    for name in storage.listdir(FOLDER)[1]:
        path = f"{FOLDER}/{name}"
        try:
            if storage.get_modified_time(path) < stale_before:
                storage.delete(path)
        except FileNotFoundError:  # swept by another request meanwhile
            continue
