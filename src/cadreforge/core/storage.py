"""Files that hold personal data (uploaded ledger workbooks, with ID numbers and mobiles in clear) are
encrypted at rest: AES-GCM under DATA_KEY (core.crypto), decrypted when the app opens them. A file stored
before encryption was introduced is still read as it is; `cadreforge rekey` encrypts it."""

import os

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from . import crypto


class EncryptedFileSystemStorage(FileSystemStorage):
    """MEDIA_ROOT like the default storage, with every file's bytes sealed on save and opened on read.
    Whole files in memory: the uploads it serves are at most 50 MB (exchange.services.MAX_UPLOAD_BYTES)."""

    def _save(self, name, content):
        content.seek(0)
        return super()._save(name, ContentFile(crypto.encrypt_bytes(content.read())))

    def _open(self, name, mode="rb"):
        if "r" not in mode or "+" in mode:
            raise ValueError("加密存储的文件只能读取，不能就地修改")
        with super()._open(name, "rb") as stored:
            blob = stored.read()
        return ContentFile(crypto.decrypt_bytes(blob) if crypto.is_encrypted_bytes(blob) else blob, name=name)

    def size(self, name):
        return len(self._open(name).read())

    def reseal(self, name) -> None:
        """Write the file again under the current key (key rotation, or a file stored in clear before
        encryption)."""
        path = self.path(name)
        with open(path, "rb") as stored:
            blob = stored.read()
        data = crypto.decrypt_bytes(blob) if crypto.is_encrypted_bytes(blob) else blob
        sealed = crypto.encrypt_bytes(data)
        temporary = f"{path}.rekey"
        with open(temporary, "wb") as out:
            out.write(sealed)
        os.replace(temporary, path)  # a rewrite interrupted half-way leaves the old file whole


def private_storage() -> EncryptedFileSystemStorage:
    """The storage of ImportJob's files (a callable, so migrations do not freeze the settings)."""
    return EncryptedFileSystemStorage()
