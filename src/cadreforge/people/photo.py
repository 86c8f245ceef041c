"""The cadre's photo (照片) of the 干部任免审批表: what is accepted, and how it is described without its bytes.

A photo is a JPEG or PNG file of at most 2 MB whose pixel size fits a printed 2-inch photo (at least 60×80,
at most 4000×4000). Pillow checks the structure (`verify`) and decodes the pixels once; the bytes are
kept as uploaded. Every refusal is a DomainError with a Chinese message, whatever the bytes are."""

import hashlib
import io

from PIL import Image

from cadreforge.core.errors import DomainError

MAX_BYTES = 2 * 1024 * 1024
MIN_SIZE = (60, 80)  # width, height in pixels
MAX_SIDE = 4000
FORMATS = ("JPEG", "PNG")  # a phone's multi-picture JPEG opens as "MPO", a JPEG all the same
NOT_AN_IMAGE = "照片应为 JPEG 或 PNG 图片，该文件无法识别为图片或已损坏。"


def _open(data: bytes) -> Image.Image:
    """The image header, after a structural check of the file (Pillow's verify). Only the JPEG and PNG
    decoders are tried, so no other format's parser ever sees uploaded bytes."""
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as image:
            image.verify()
        return Image.open(io.BytesIO(data), formats=FORMATS)  # verify() spends the image: read it again
    except Exception as exc:  # Pillow raises many kinds (OSError, SyntaxError, ValueError, …) on bad bytes
        raise DomainError(NOT_AN_IMAGE) from exc


def _check_pixels(image: Image.Image) -> None:
    width, height = image.size
    if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
        raise DomainError(
            f"照片太小（{width}×{height} 像素），应至少 {MIN_SIZE[0]}×{MIN_SIZE[1]} 像素（宽×高）。"
        )
    if width > MAX_SIDE or height > MAX_SIDE:
        raise DomainError(f"照片太大（{width}×{height} 像素），宽和高都不应超过 {MAX_SIDE} 像素。")
    try:  # decode once, so that a truncated file is refused now rather than on the printed form
        image.load()
    except Exception as exc:
        raise DomainError(NOT_AN_IMAGE) from exc


def check_photo(data: bytes) -> bytes:
    """The photo's bytes if they are an acceptable photo; DomainError saying why not otherwise."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise DomainError("照片应为 JPEG 或 PNG 图片。")
    data = bytes(data)
    if not data:
        raise DomainError("照片是空的，请选择 JPEG 或 PNG 图片。")
    if len(data) > MAX_BYTES:
        raise DomainError(f"照片不能超过 2 MB（该文件为 {size_text(len(data))}），请压缩后再上传。")
    with _open(data) as image:
        _check_pixels(image)
    return data


def content_type(data: bytes) -> str:
    """The MIME type of an already checked photo (stored photos are JPEG or PNG)."""
    return "image/png" if bytes(data[:8]) == b"\x89PNG\r\n\x1a\n" else "image/jpeg"


def size_text(size: int) -> str:
    """12 KB, 1.5 MB — rounded up so that a small photo never reads as 0 KB."""
    if size >= 1024 * 1024:
        return f"{size / 1048576:.1f} MB"
    return f"{-(-size // 1024)} KB"


def describe(data: bytes) -> dict:
    """What the audit log keeps of a photo: its size and a short digest, never the bytes."""
    return {"bytes": len(data), "sha256": hashlib.sha256(bytes(data)).hexdigest()[:12]}
