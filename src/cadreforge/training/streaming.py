"""Serving a stored media file with HTTP range requests (RFC 9110 §14): 206 with Content-Range for one
satisfiable range, 416 for a range past the end, 200 with the whole file otherwise. The file is read
through the storage API, so it works the same on a local disk and on S3-compatible storage."""

import re

from django.core.files.storage import Storage, default_storage
from django.http import HttpResponse, StreamingHttpResponse

CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class Unsatisfiable(Exception):
    """The range lies wholly outside the file."""


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) byte positions asked for, inclusive; None means "send the whole file" (no header,
    a syntax the server ignores, or several ranges). Raises Unsatisfiable for a range past the end."""
    match = _RANGE.match((header or "").strip().replace(" ", ""))
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            raise Unsatisfiable
        return max(size - length, 0), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None  # invalid: ignored, per the RFC
    if start >= size:
        raise Unsatisfiable
    return start, min(end, size - 1)


def _chunks(stored, start: int, length: int):
    try:
        stored.seek(start)
        remaining = length
        while remaining > 0:
            data = stored.read(min(CHUNK, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data
    finally:
        stored.close()


def range_response(
    name: str, content_type: str, range_header: str, storage: Storage = default_storage
) -> HttpResponse:
    """The response for a GET of a stored file, honouring one byte range."""
    size = storage.size(name)
    try:
        wanted = parse_range(range_header, size)
    except Unsatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    start, end = wanted if wanted else (0, size - 1)
    length = max(end - start + 1, 0)
    response = StreamingHttpResponse(
        _chunks(storage.open(name, "rb"), start, length), content_type=content_type
    )
    if wanted:
        response.status_code = 206
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, max-age=3600"
    return response
