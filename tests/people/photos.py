"""Photos for tests, drawn here: an image of a given format and pixel size."""

import io

from PIL import Image


def make_photo(fmt: str = "JPEG", size: tuple[int, int] = (150, 210), colour=(120, 160, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, fmt)
    return out.getvalue()
