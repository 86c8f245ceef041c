"""Training (教育培训): courses (课程/培训班) with sessions (课次), enrolments (学员) and attendance (签到);
a camp's platforms (潮声/潮研/潮闻); online lessons (视频课) with watch progress; knowledge tests (知识测试)
with a question bank, attempts and answers; the annual study-hour requirement per rank (年度学时要求)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from cadreforge.core.models import TimeStampedModel


class Course(TimeStampedModel):
    """A course (课程): a class, a study tour, a lecture series, a forum series or an online course."""

    class Mode(models.TextChoices):
        CLASSROOM = "classroom", "课堂教学"
        SITE_VISIT = "site_visit", "现场教学/考察"
        ONLINE = "online", "线上课程"
        FORUM = "forum", "专题论坛"
        LECTURE = "lecture", "讲座/讲坛"

    program = models.ForeignKey(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="courses"
    )
    code = models.SlugField("课程编号", max_length=48)
    title = models.CharField("名称", max_length=128)
    institution = models.CharField("承办机构", max_length=128, blank=True)
    mode = models.CharField("形式", max_length=16, choices=Mode.choices)
    track = models.CharField("方向/赛道", max_length=64, blank=True)
    topics = models.JSONField("专题", default=list, blank=True, help_text="用于培训需求匹配的关键词")
    hours = models.DecimalField(
        "学时", max_digits=6, decimal_places=1, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    start_date = models.DateField("开始日期", null=True, blank=True)
    end_date = models.DateField("结束日期", null=True, blank=True)
    description = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "课程"
        verbose_name_plural = "课程"
        ordering = ["program", "start_date", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="course_unique_code_in_program"),
            models.CheckConstraint(
                condition=models.Q(mode__in=["classroom", "site_visit", "online", "forum", "lecture"]),
                name="course_mode_valid",
            ),
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="course_hours_not_negative"),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="course_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def credits_per_session(self) -> bool:
        """Lectures and forums credit each attended session; classes and tours credit on completion."""
        return self.mode in (self.Mode.LECTURE, self.Mode.FORUM)


class Session(TimeStampedModel):
    """One session (课次) of a course: a class, a site visit of a tour's itinerary, a lecture or a forum."""

    class Kind(models.TextChoices):
        CLASS = "class", "课堂"
        SITE_VISIT = "site_visit", "现场考察"
        LECTURE = "lecture", "讲座"
        FORUM = "forum", "论坛"

    class SpeakerKind(models.TextChoices):
        NONE = "", "—"
        THEORIST = "theorist", "理论大咖讲宏观形势"
        LEADER = "leader", "领导干部讲主责主业"
        YOUNG_CADRE = "young_cadre", "年轻干部讲成长体会"
        EXPERT = "expert", "企业专家讲产业发展"

    course = models.ForeignKey(Course, verbose_name="课程", on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField("课次")
    kind = models.CharField("类型", max_length=16, choices=Kind.choices, default=Kind.CLASS)
    title = models.CharField("主题", max_length=160)
    date = models.DateField("日期")
    place = models.CharField("地点", max_length=128, blank=True)
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1, default=Decimal("0"))
    speaker = models.CharField("主讲人", max_length=64, blank=True)
    speaker_kind = models.CharField(
        "主讲人类别", max_length=16, choices=SpeakerKind.choices, default=SpeakerKind.NONE, blank=True
    )

    class Meta:
        verbose_name = "课次"
        verbose_name_plural = "课次"
        ordering = ["course", "number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="session_unique_number_in_course"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["class", "site_visit", "lecture", "forum"]),
                name="session_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(speaker_kind__in=["", "theorist", "leader", "young_cadre", "expert"]),
                name="session_speaker_kind_valid",
            ),
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="session_hours_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.course.title} 第{self.number}课 {self.title}"


class Enrolment(TimeStampedModel):
    """A cadre enrolled in a course (学员); `completed_on` set when they complete it (结业)."""

    course = models.ForeignKey(
        Course, verbose_name="课程", on_delete=models.CASCADE, related_name="enrolments"
    )
    cadre = models.ForeignKey(
        "people.Cadre", verbose_name="干部", on_delete=models.CASCADE, related_name="course_enrolments"
    )
    completed_on = models.DateField("结业日期", null=True, blank=True)

    class Meta:
        verbose_name = "学员"
        verbose_name_plural = "学员"
        ordering = ["course", "cadre"]
        constraints = [models.UniqueConstraint(fields=["course", "cadre"], name="enrolment_unique_cadre")]

    def __str__(self) -> str:
        return f"{self.cadre} @ {self.course}"


class Attendance(TimeStampedModel):
    """A cadre present at a session (签到), by QR code or recorded by a manager."""

    class Method(models.TextChoices):
        QR = "qr", "扫码签到"
        MANUAL = "manual", "管理员登记"

    session = models.ForeignKey(
        Session, verbose_name="课次", on_delete=models.CASCADE, related_name="attendances"
    )
    cadre = models.ForeignKey(
        "people.Cadre", verbose_name="干部", on_delete=models.CASCADE, related_name="attendances"
    )
    method = models.CharField("方式", max_length=8, choices=Method.choices, default=Method.MANUAL)
    signed_at = models.DateTimeField("签到时间")

    class Meta:
        verbose_name = "签到"
        verbose_name_plural = "签到"
        constraints = [models.UniqueConstraint(fields=["session", "cadre"], name="attendance_unique_cadre")]


class PlatformItem(TimeStampedModel):
    """An activity of a camp's exchange platforms: a salon (潮声), a research topic (潮研), a journal issue (潮闻)."""

    class Platform(models.TextChoices):
        SALON = "salon", "潮声（沙龙）"
        RESEARCH = "research", "潮研（课题研究）"
        JOURNAL = "journal", "潮闻（刊物）"

    program = models.ForeignKey(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="platform_items"
    )
    platform = models.CharField("平台", max_length=16, choices=Platform.choices)
    title = models.CharField("题目", max_length=160)
    date = models.DateField("日期")
    issue = models.PositiveSmallIntegerField("期号", null=True, blank=True)
    track = models.CharField("赛道", max_length=64, blank=True)
    members = models.ManyToManyField("people.Cadre", verbose_name="参与干部", blank=True, related_name="+")

    class Meta:
        verbose_name = "交流平台活动"
        verbose_name_plural = "交流平台活动"
        ordering = ["program", "platform", "date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(platform__in=["salon", "research", "journal"]), name="platform_item_valid"
            )
        ]


class Video(TimeStampedModel):
    """An online lesson (视频课): a media file in the default storage, streamed with range requests."""

    course = models.ForeignKey(Course, verbose_name="课程", on_delete=models.CASCADE, related_name="videos")
    number = models.PositiveSmallIntegerField("期数")
    title = models.CharField("标题", max_length=160)
    file = models.FileField("文件", upload_to="training/videos/%Y/", max_length=200)
    content_type = models.CharField("媒体类型", max_length=32, default="video/webm")
    duration_seconds = models.PositiveIntegerField("时长（秒）", validators=[MinValueValidator(1)])
    published_on = models.DateField("发布日期", null=True, blank=True)

    class Meta:
        verbose_name = "视频课"
        verbose_name_plural = "视频课"
        ordering = ["course", "number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="video_unique_number_in_course"),
            models.CheckConstraint(
                condition=models.Q(duration_seconds__gte=1), name="video_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class WatchProgress(TimeStampedModel):
    """What a cadre actually watched of a video: merged [start, end] intervals in seconds; only their
    union earns study hours, so skipping ahead earns nothing."""

    video = models.ForeignKey(Video, verbose_name="视频", on_delete=models.CASCADE, related_name="progress")
    cadre = models.ForeignKey(
        "people.Cadre", verbose_name="干部", on_delete=models.CASCADE, related_name="watch_progress"
    )
    intervals = models.JSONField("已观看区间", default=list)
    watched_seconds = models.FloatField("已观看秒数", default=0)
    reported_at = models.DateTimeField("最近上报时间")

    class Meta:
        verbose_name = "观看进度"
        verbose_name_plural = "观看进度"
        constraints = [models.UniqueConstraint(fields=["video", "cadre"], name="progress_unique_cadre")]


class Quiz(TimeStampedModel):
    """A knowledge test (知识测试): draws `question_count` questions from its bank for each attempt."""

    program = models.ForeignKey(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="quizzes"
    )
    course = models.ForeignKey(
        Course, verbose_name="课程", null=True, blank=True, on_delete=models.SET_NULL, related_name="quizzes"
    )
    number = models.PositiveSmallIntegerField("期数")
    title = models.CharField("名称", max_length=160)
    question_count = models.PositiveSmallIntegerField("每次抽题数", validators=[MinValueValidator(1)])
    time_limit_minutes = models.PositiveSmallIntegerField("限时（分钟）", validators=[MinValueValidator(1)])
    attempt_limit = models.PositiveSmallIntegerField("可答次数", default=3, validators=[MinValueValidator(1)])
    pass_mark = models.PositiveSmallIntegerField(
        "及格分（百分制）", default=60, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = "知识测试"
        verbose_name_plural = "知识测试"
        ordering = ["program", "number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="quiz_unique_number_in_program"),
            models.CheckConstraint(condition=models.Q(question_count__gte=1), name="quiz_draws_questions"),
            models.CheckConstraint(condition=models.Q(time_limit_minutes__gte=1), name="quiz_time_limit_set"),
            models.CheckConstraint(condition=models.Q(attempt_limit__gte=1), name="quiz_attempt_limit_set"),
            models.CheckConstraint(condition=models.Q(pass_mark__lte=100), name="quiz_pass_mark_percent"),
        ]

    def __str__(self) -> str:
        return self.title


class Question(TimeStampedModel):
    """A question of a quiz's bank (题库). `answer`: the index for single choice, a sorted list of indexes
    for multiple choice, true/false as a boolean, a list of accepted texts for fill-in."""

    class Kind(models.TextChoices):
        SINGLE = "single", "单选题"
        MULTIPLE = "multiple", "多选题"
        TRUE_FALSE = "true_false", "判断题"
        FILL = "fill", "填空题"

    quiz = models.ForeignKey(Quiz, verbose_name="测试", on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField("题型", max_length=16, choices=Kind.choices)
    text = models.TextField("题干")
    choices = models.JSONField("选项", default=list, blank=True)
    answer = models.JSONField("答案")
    explanation = models.TextField("解析", blank=True)
    points = models.PositiveSmallIntegerField("分值", default=1, validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = "试题"
        verbose_name_plural = "试题"
        ordering = ["quiz", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["single", "multiple", "true_false", "fill"]),
                name="question_kind_valid",
            ),
            models.CheckConstraint(condition=models.Q(points__gte=1), name="question_points_positive"),
        ]

    def __str__(self) -> str:
        return self.text[:40]


class Attempt(TimeStampedModel):
    """One attempt (答题) of a cadre at a quiz: the questions drawn with its seed, its deadline, its score."""

    quiz = models.ForeignKey(Quiz, verbose_name="测试", on_delete=models.CASCADE, related_name="attempts")
    cadre = models.ForeignKey(
        "people.Cadre", verbose_name="干部", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    number = models.PositiveSmallIntegerField("第几次")
    seed = models.BigIntegerField("抽题种子")
    question_ids = models.JSONField("抽到的试题", default=list)
    started_at = models.DateTimeField("开始时间")
    deadline = models.DateTimeField("截止时间")
    submitted_at = models.DateTimeField("交卷时间", null=True, blank=True)
    score = models.PositiveIntegerField("得分", null=True, blank=True)
    max_score = models.PositiveIntegerField("满分", default=0)
    percent = models.DecimalField("百分制得分", max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField("及格", null=True, blank=True)
    late = models.BooleanField("超时", default=False)

    class Meta:
        verbose_name = "答题记录"
        verbose_name_plural = "答题记录"
        ordering = ["quiz", "cadre", "number"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "cadre", "number"], name="attempt_unique_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="attempt_number_positive"),
        ]

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None


class Answer(TimeStampedModel):
    """A cadre's answer to one question of an attempt, graded when the attempt is submitted."""

    attempt = models.ForeignKey(
        Attempt, verbose_name="答题", on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name="试题", on_delete=models.CASCADE, related_name="answers"
    )
    response = models.JSONField("作答", null=True, blank=True)
    correct = models.BooleanField("正确")
    points = models.PositiveSmallIntegerField("得分", default=0)

    class Meta:
        verbose_name = "作答"
        verbose_name_plural = "作答"
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="answer_unique_question")]


class RankRequirement(TimeStampedModel):
    """The study hours (学时) a cadre of a rank (职级) must earn each year."""

    rank = models.CharField("职级", max_length=32, unique=True)
    annual_hours = models.DecimalField("年度学时要求", max_digits=6, decimal_places=1)

    class Meta:
        verbose_name = "年度学时要求"
        verbose_name_plural = "年度学时要求"
        ordering = ["rank"]
        constraints = [
            models.CheckConstraint(condition=models.Q(annual_hours__gte=0), name="requirement_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.rank} {self.annual_hours}学时/年"
