import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from cadreforge.core.errors import DomainError
from cadreforge.training import lessons, services
from cadreforge.training.media import tiny_webm
from cadreforge.training.selectors import study_hours
from cadreforge.training.streaming import Unsatisfiable, parse_range


@pytest.fixture
def video(program):
    course = services.create_course(
        None, program, code="cloud", title="云课堂", mode="online", topics=["招商引资"]
    )
    return lessons.upload_video(
        None, course, title="招商引资政策解读", file=ContentFile(tiny_webm(600), name="x.webm"),
        content_type="video/webm", duration_seconds=600,
    )  # fmt: skip


def test_an_uploaded_video_is_kept_in_the_default_storage(video):
    assert default_storage.exists(video.file.name)
    assert default_storage.size(video.file.name) == len(tiny_webm(600))


def test_only_video_formats_are_accepted(program):
    course = services.create_course(None, program, code="c2", title="云课堂2", mode="online")
    with pytest.raises(DomainError, match="不支持的视频格式"):
        lessons.upload_video(
            None, course, title="t", file=ContentFile(b"x", name="a.exe"), content_type="application/x-msdownload",
            duration_seconds=10,
        )  # fmt: skip


def test_the_generated_clip_is_a_webm_of_the_stated_length():
    data = tiny_webm(3)
    assert data.startswith(bytes.fromhex("1a45dfa3")) and b"webm" in data and b"V_VP8" in data
    assert data.count(bytes.fromhex("1f43b675")) == 3  # one cluster (one key frame) a second


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        ("bytes=0-99", 1000, (0, 99)),
        ("bytes=500-", 1000, (500, 999)),
        ("bytes=-100", 1000, (900, 999)),
        ("bytes=900-5000", 1000, (900, 999)),
        ("", 1000, None),
        ("bytes=0-1,5-9", 1000, None),
        ("items=0-5", 1000, None),
        ("bytes=9-3", 1000, None),
    ],
)
def test_range_headers_are_read(header, size, expected):
    assert parse_range(header, size) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5000-6000", "bytes=-0"])
def test_ranges_past_the_end_are_unsatisfiable(header):
    with pytest.raises(Unsatisfiable):
        parse_range(header, 1000)


def test_watched_intervals_are_merged_and_credited(video, participant):
    start = timezone.now()
    lessons.report_progress(video, participant.cadre, [[0, 10]], now=start)
    progress = lessons.report_progress(
        video, participant.cadre, [[0, 10], [8, 60]], now=start + dt.timedelta(seconds=50)
    )
    assert progress.intervals == [[0, 60]]
    assert progress.watched_seconds == 60


def test_skipping_ahead_earns_nothing_for_the_skipped_part(video, participant):
    start = timezone.now()
    lessons.report_progress(video, participant.cadre, [[0, 10]], now=start)
    # jumped from 10 s to 590 s and watched to the end: only the seconds played count
    progress = lessons.report_progress(
        video, participant.cadre, [[0, 10], [590, 600]], now=start + dt.timedelta(seconds=20)
    )
    assert progress.watched_seconds == 20
    assert study_hours(participant.cadre)["lessons"] == Decimal("0.01")


def test_claiming_more_than_the_clock_allows_is_refused(video, participant):
    start = timezone.now()
    lessons.report_progress(video, participant.cadre, [[0, 10]], now=start)
    with pytest.raises(DomainError, match="超过实际经过的时间"):
        lessons.report_progress(video, participant.cadre, [[0, 600]], now=start + dt.timedelta(seconds=30))
    assert video.progress.get().watched_seconds == 10


def test_a_first_report_of_the_whole_video_is_refused(video, participant):
    with pytest.raises(DomainError):
        lessons.report_progress(video, participant.cadre, [[0, 600]])


def test_watching_the_whole_lesson_credits_its_length(video, participant):
    start = timezone.now()
    lessons.report_progress(video, participant.cadre, [[0, 10]], now=start)
    for minute in range(1, 11):
        lessons.report_progress(
            video, participant.cadre, [[0, minute * 60]], now=start + dt.timedelta(minutes=minute)
        )
    assert study_hours(participant.cadre)["lessons"] == Decimal("0.17")  # 600 s = 1/6 h


def test_intervals_are_clipped_to_the_video(video, participant):
    progress = lessons.report_progress(video, participant.cadre, [[-5, 3], [599, 700]])
    assert progress.intervals == [[0, 3], [599, 600]]


def test_malformed_progress_is_refused(video, participant):
    with pytest.raises(DomainError, match="格式不对"):
        lessons.report_progress(video, participant.cadre, [[1, 2, 3]])
