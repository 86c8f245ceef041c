"""Tiny valid WebM clips for the demo, built without ffmpeg: an EBML header, one VP8 video track and
one key frame a second (a 1×1 VP8 key frame, the same bitstream as the smallest lossy WebP). Browsers
play them as a still picture of the stated length, which is all the demo's player needs."""

import struct

# A complete 1×1 VP8 key frame (frame tag, start code 9d 01 2a, size 1×1, one macroblock).
VP8_KEY_FRAME = bytes.fromhex("3001009d012a010001000ec0fe25a400037000000000")


def _vint_size(n: int) -> bytes:
    return b"\x01" + n.to_bytes(7, "big")  # always the 8-byte form: simple and valid


def _element(element_id: int, payload: bytes) -> bytes:
    return element_id.to_bytes((element_id.bit_length() + 7) // 8, "big") + _vint_size(len(payload)) + payload


def _uint(element_id: int, value: int) -> bytes:
    return _element(element_id, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def _string(element_id: int, value: str) -> bytes:
    return _element(element_id, value.encode("ascii"))


def tiny_webm(seconds: int) -> bytes:
    """A WebM file of `seconds` seconds (1 ≤ seconds ≤ 36000): one key frame per second."""
    if not 1 <= seconds <= 36000:
        raise ValueError("seconds must be between 1 and 36000")
    header = _element(
        0x1A45DFA3,
        _uint(0x4286, 1) + _uint(0x42F7, 1) + _uint(0x42F2, 4) + _uint(0x42F3, 8)
        + _string(0x4282, "webm") + _uint(0x4287, 2) + _uint(0x4285, 2),
    )  # fmt: skip
    info = _element(
        0x1549A966,
        _uint(0x2AD7B1, 1_000_000)  # timestamps in milliseconds
        + _string(0x4D80, "cadreforge") + _string(0x5741, "cadreforge")
        + _element(0x4489, struct.pack(">d", seconds * 1000.0)),
    )  # fmt: skip
    video = _element(0xE0, _uint(0xB0, 1) + _uint(0xBA, 1))
    track = _element(
        0xAE, _uint(0xD7, 1) + _uint(0x73C5, 1) + _uint(0x83, 1) + _string(0x86, "V_VP8") + video
    )
    tracks = _element(0x1654AE6B, track)
    clusters = b"".join(
        _element(0x1F43B675, _uint(0xE7, second * 1000) + _element(0xA3, b"\x81\x00\x00\x80" + VP8_KEY_FRAME))
        for second in range(seconds)
    )
    return header + _element(0x18538067, info + tracks + clusters)
