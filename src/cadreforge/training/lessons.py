"""Online lessons (视频课): upload through the default storage, and the watch progress a player reports.

Study hours come only from the union of the intervals actually played. A report may not add more
watched time than could have passed since the previous accepted one (at up to double speed), so
posting "[0, end]" at once, or jumping ahead, earns nothing.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.people.models import Cadre
from cadreforge.programs.services import ensure_may_write

from .models import Course, Enrolment, Video, WatchProgress
from .services import full_clean

ALLOWED_TYPES = {"video/webm", "video/mp4", "video/ogg"}
MAX_UPLOAD_BYTES = 500 * 1024 * 1024
MAX_RATE = 2.0  # the fastest playback speed the player offers
SLACK_SECONDS = 15.0  # reporting jitter and the first beat


def upload_video(
    actor, course: Course, *, title: str, file: File, content_type: str, duration_seconds: int,
    published_on: dt.date | None = None,
) -> Video:  # fmt: skip
    """Store a lesson's media file in the default storage and add it to an online course."""
    ensure_may_write(actor, course.program)
    if course.mode != Course.Mode.ONLINE:
        raise DomainError(f"“{course.title}”不是线上课程，不能上传视频")
    content_type = (content_type or "").split(";")[0].strip().lower()
    if content_type not in ALLOWED_TYPES:
        raise DomainError(f"不支持的视频格式“{content_type}”：请上传 WebM、MP4 或 Ogg 视频")
    if file.size and file.size > MAX_UPLOAD_BYTES:
        raise DomainError("视频文件超过 500MB，请压缩后再上传")
    with transaction.atomic():
        number = (course.videos.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        video = Video(
            course=course, number=number, title=title, content_type=content_type,
            duration_seconds=duration_seconds, published_on=published_on,
        )  # fmt: skip
        video.file.save(file.name or f"lesson-{number}", file, save=False)
        full_clean(video)
        video.save()
        record(actor, "video.upload", video, {"course": course.code, "title": title, "file": video.file.name})
    return video


def merge_intervals(intervals: list[list[float]]) -> list[list[float]]:
    """Sorted, non-overlapping intervals covering the same seconds."""
    merged: list[list[float]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def covered_seconds(intervals: list[list[float]]) -> float:
    return sum(end - start for start, end in merge_intervals(intervals))


def clean_intervals(video: Video, raw) -> list[list[float]]:
    """The reported intervals clipped to the video, refused if they are not pairs of numbers."""
    if not isinstance(raw, list) or len(raw) > 500:
        raise DomainError("观看区间格式不对：应为 [[开始秒, 结束秒], …]")
    cleaned = []
    for pair in raw:
        if not (isinstance(pair, list | tuple) and len(pair) == 2):
            raise DomainError("观看区间格式不对：应为 [[开始秒, 结束秒], …]")
        try:
            start, end = (min(max(float(x), 0.0), float(video.duration_seconds)) for x in pair)
        except (TypeError, ValueError) as exc:
            raise DomainError("观看区间应为数字（秒）") from exc
        if end > start:
            cleaned.append([round(start, 2), round(end, 2)])
    return cleaned


def _may_watch(video: Video, cadre: Cadre) -> None:
    course = video.course
    if not (
        course.program.participants.filter(cadre=cadre).exists()
        or course.enrolments.filter(cadre=cadre).exists()
    ):
        raise PermissionDenied(f"{cadre.name}不是“{course.title}”的学员")


@transaction.atomic
def report_progress(
    video: Video, cadre: Cadre, raw_intervals, *, now: dt.datetime | None = None
) -> WatchProgress:
    """Merge the intervals a player reports into the cadre's progress. Refused (nothing kept) when the
    new watched time exceeds what the wall clock allows since the last accepted report."""
    now = now or timezone.now()
    _may_watch(video, cadre)
    reported = clean_intervals(video, raw_intervals)
    progress = WatchProgress.objects.select_for_update().filter(video=video, cadre=cadre).first()
    if progress is None:
        progress = WatchProgress(video=video, cadre=cadre, intervals=[], watched_seconds=0, reported_at=now)
        allowed = SLACK_SECONDS
    else:
        elapsed = max((now - progress.reported_at).total_seconds(), 0.0)
        allowed = elapsed * MAX_RATE + SLACK_SECONDS
    merged = merge_intervals(progress.intervals + reported)
    watched = covered_seconds(merged)
    gained = watched - progress.watched_seconds
    if gained > allowed + 1e-6:
        raise DomainError(
            f"上报的观看时长（新增{gained:.0f}秒）超过实际经过的时间（最多{allowed:.0f}秒），未予记录；"
            "拖动进度条跳过的部分不计学时"
        )
    progress.intervals, progress.watched_seconds, progress.reported_at = merged, watched, now
    progress.save()
    Enrolment.objects.get_or_create(course=video.course, cadre=cadre)
    return progress


def credited_hours(watched_seconds: float) -> Decimal:
    """Study hours for seconds watched, to two decimals."""
    return (Decimal(str(watched_seconds)) / 3600).quantize(Decimal("0.01"), ROUND_HALF_UP)
