"""Demo training (教育培训) on top of the programs the place loaders create: Penglai's leaders' seminar
(itinerary and classes at 上海交通大学 and 浙江大学) and its April–June classes; Xiaoshan's growth camp
(three tracks, partners, the 潮声/潮研/潮闻 platforms); Huai'an ETDZ's cloud classroom (19 videos, 10
knowledge tests with attempts), six years of 干部上讲台 (42 lectures, four kinds of lecturer) and 21 forums.

Idempotent: each program's training is skipped when its first course already exists. Deterministic: one
seeded generator per program; times are fixed, never "now".
"""

import datetime as dt
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from cadreforge.programs.models import Program
from cadreforge.training import lessons, quizzes, services
from cadreforge.training.media import tiny_webm
from cadreforge.training.models import Course, Question, Session
from cadreforge.training.seed_bank import QUIZZES

from .common import NameMaker, seeded

RANK_HOURS = {"科员": 40, "副科级": 45, "正科级": 50, "副处级": 55, "正处级": 55}
SEMINAR_TOPICS = ("新常态下的招商引资", "新型城镇化与特色小镇建设", "区域经济发展", "旅游资源规划")
ITINERARY = (
    ("莫干山民宿", "湖州市德清县", "乡村民宿经济"),
    ("太湖龙之梦乐园", "湖州市长兴县", "文旅综合体开发"),
    ("茂迪新能源", "上海市", "光伏新能源产业"),
    ("小核酸产业基地", "苏州市昆山市", "生物医药产业集聚"),
    ("乌镇", "嘉兴市桐乡市", "夜间经济与古镇运营"),
    ("传化物流", "杭州市萧山区", "物流电商平台"),
)
LECTURE_TITLES = {
    "theorist": [
        "当前宏观经济形势与政策取向",
        "新发展格局下的区域竞争",
        "数字经济与产业变革",
        "长三角一体化与苏北发展",
    ],
    "leader": [
        "开发区招商引资工作实务",
        "重大项目全过程服务",
        "优化营商环境的开发区实践",
        "土地要素保障与项目落地",
    ],
    "young_cadre": [
        "我在招商一线的成长体会",
        "交叉跟班的收获与思考",
        "驻点招商一年记",
        "从项目专员到项目管家",
    ],
    "expert": ["光伏产业发展趋势", "新能源汽车零部件产业链", "航空物流与临空经济", "跨境电商产业生态"],
}
FORUM_TOPICS = ("跨境电商", "宏观经济", "数字经济", "航空物流", "新能源产业", "金融赋能实体经济", "人才引育")


def load(log) -> None:
    for requirement_rank, hours in RANK_HOURS.items():
        services.set_rank_requirement(None, requirement_rank, Decimal(hours))
    _penglai_seminar(log)
    _penglai_classes(log)
    _xiaoshan_camp(log)
    _huaian(log)


def _program(code: str, first_course: str) -> Program | None:
    program = Program.objects.filter(code=code).first()
    if program is None or program.courses.filter(code=first_course).exists():
        return None
    return program


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _attend_all(session: Session, cadres, rng: random.Random, rate: float = 1.0) -> None:
    for cadre in cadres:
        if rng.random() < rate:
            services.record_attendance(None, session, cadre, at=_at(session.date))


def _penglai_seminar(log) -> None:
    program = _program("penglai-leaders-seminar", "itinerary-1")
    if program is None:
        return
    rng = seeded(f"{program.code}:training")
    for batch in program.batches.order_by("number"):
        cadres = [p.cadre for p in batch.participants.select_related("cadre")]
        n, start = batch.number, batch.start_date
        tour = services.create_course(
            None, program, code=f"itinerary-{n}", title=f"第{n}期 沪浙现场教学", mode=Course.Mode.SITE_VISIT,
            hours=Decimal("36"), start_date=start, end_date=batch.end_date,
            topics=["文旅融合", "新能源", "生物医药", "夜间经济", "电子商务"],
        )  # fmt: skip
        for i, (site, place, theme) in enumerate(ITINERARY):
            session = services.add_session(
                None, tour, title=f"{site}：{theme}", date=start + dt.timedelta(days=2 * i + 1), place=place,
                hours=Decimal("6"), kind=Session.Kind.SITE_VISIT,
            )  # fmt: skip
            _attend_all(session, cadres, rng, 0.97)
        for university, days in (("上海交通大学", (8, 9)), ("浙江大学", (11, 12))):
            classes = services.create_course(
                None, program, code=f"class-{n}-{'sjtu' if university.startswith('上海') else 'zju'}",
                title=f"第{n}期 {university}专题课堂", mode=Course.Mode.CLASSROOM, institution=university,
                hours=Decimal("12"), start_date=start + dt.timedelta(days=days[0]),
                end_date=start + dt.timedelta(days=days[1]), topics=["招商引资", "新型城镇化", "区域经济", "旅游规划"],
            )  # fmt: skip
            for j, topic in enumerate(SEMINAR_TOPICS):
                session = services.add_session(
                    None, classes, title=topic, date=start + dt.timedelta(days=days[j // 2]), place=university,
                    hours=Decimal("3"),
                )  # fmt: skip
                _attend_all(session, cadres, rng, 0.97)
            services.enrol(None, classes, cadres)
            services.complete_by_attendance(None, classes, on=classes.end_date)
        services.enrol(None, tour, cadres)
        services.complete_by_attendance(None, tour, on=batch.end_date)
    log("  研修班：现场教学行程 6 站，上海交大、浙大专题课堂，62 人结业记录")


def _penglai_classes(log) -> None:
    """The April–June training packages; the April class and a cloud lesson with a test serve 3360."""
    program = _program("penglai-3360", "2018-04-investment")
    if program is None:
        return
    rng = seeded(f"{program.code}:training")
    cadres = [p.cadre for p in program.participants.select_related("cadre")]
    april = services.create_course(
        None, program, code="2018-04-investment", title="镇街部门招商引资业务培训班", mode=Course.Mode.CLASSROOM,
        institution="蓬莱市委组织部", hours=Decimal("16"), start_date=dt.date(2018, 4, 16),
        end_date=dt.date(2018, 4, 17), topics=["招商引资", "项目谈判", "营商环境"],
        description="干什么学什么、缺什么补什么。",
    )  # fmt: skip
    services.enrol(None, april, cadres)
    for i, title in enumerate(["招商政策与项目谈判", "招商线索研判", "项目落地服务", "营商环境案例"]):
        session = services.add_session(
            None, april, title=title, date=april.start_date + dt.timedelta(days=i // 2), hours=Decimal("4")
        )
        _attend_all(session, cadres, rng, 0.9)
    services.complete_by_attendance(None, april, on=april.end_date)
    services.create_course(
        None, program, code="2018-05-talent", title="优秀专业技术人才研修班（重点高校）", mode=Course.Mode.CLASSROOM,
        hours=Decimal("40"), start_date=dt.date(2018, 5, 14), end_date=dt.date(2018, 5, 18), topics=["人才工作"],
    )  # fmt: skip
    june = services.create_course(
        None, program, code="2018-06-talent-workers", title="全市人才工作者培训班", mode=Course.Mode.SITE_VISIT,
        hours=Decimal("24"), start_date=dt.date(2018, 6, 11), end_date=dt.date(2018, 6, 13),
        topics=["人才工作", "招才引智"], description="实地考察与课堂教学相结合。",
    )  # fmt: skip
    services.add_session(None, june, title="人才政策解读", date=june.start_date, hours=Decimal("8"))
    services.add_session(
        None, june, title="人才园区现场教学", date=june.end_date, hours=Decimal("8"), kind="site_visit"
    )
    cloud = services.create_course(
        None,
        program,
        code="cloud",
        title="招商引资云课堂",
        mode=Course.Mode.ONLINE,
        topics=["招商引资", "营商环境"],
    )
    _videos(cloud, ["招商引资政策解读", "优化营商环境条例导读", "招商项目全周期服务"], rng)
    _quiz(program, 1, *QUIZZES[0], course=cloud)
    log("  蓬莱：4—6月培训班 3 个，云课堂 3 期视频、1 期测试")


def _xiaoshan_camp(log) -> None:
    program = _program("xiaoshan-growth-camp", "track-1")
    if program is None:
        return
    rng = seeded(f"{program.code}:training")
    partners = {
        "智能物联": "华为全球培训中心",
        "生命健康": "浙大杭州国际科创中心",
        "新材料": "浙大杭州国际科创中心",
    }
    for n, (track, partner) in enumerate(partners.items(), start=1):
        course = services.create_course(
            None, program, code=f"track-{n}", title=f"{track}赛道定制课程", mode=Course.Mode.CLASSROOM,
            institution=partner, track=track, hours=Decimal("48"), start_date=dt.date(2024, 11, 4),
            end_date=dt.date(2025, 6, 30), topics=[track, "产业经济"],
        )  # fmt: skip
        members = [p.cadre for p in program.participants.filter(track=track).select_related("cadre")]
        for i, month in enumerate((11, 12, 3, 4, 5, 6)):
            year = 2024 if month > 10 else 2025
            session = services.add_session(
                None, course, title=f"{track}产业专题 {i + 1}", date=dt.date(year, month, 8), place=partner,
                hours=Decimal("8"), kind="class" if i % 2 == 0 else "site_visit",
            )  # fmt: skip
            _attend_all(session, members, rng, 0.9)
        services.complete_by_attendance(None, course, on=course.end_date)
    cadres = list(program.participants.select_related("cadre"))
    for i in range(1, 7):
        services.add_platform_item(
            None, program, platform="salon", title=f"潮声沙龙第{i}期：{rng.choice(list(partners))}产业观察",
            date=dt.date(2024, 11, 20) + dt.timedelta(days=45 * (i - 1)), issue=i,
            members=[p.cadre for p in rng.sample(cadres, 12)],
        )  # fmt: skip
    for i, track in enumerate(list(partners) * 2, start=1):
        services.add_platform_item(
            None, program, platform="research", title=f"{track}产业链招商路径研究（课题{i}）", track=track,
            date=dt.date(2025, 1, 10) + dt.timedelta(days=20 * i),
            members=[p.cadre for p in rng.sample([c for c in cadres if c.track == track], 5)],
        )  # fmt: skip
    for i in range(1, 9):
        services.add_platform_item(
            None, program, platform="journal", title=f"《潮闻》第{i}期", issue=i,
            date=dt.date(2024, 12, 1) + dt.timedelta(days=30 * (i - 1)),
        )  # fmt: skip
    log("  成长营：三条赛道课程，潮声 6 期、潮研课题 6 项、潮闻 8 期")


def _videos(course: Course, titles: list[str], rng: random.Random) -> list:
    videos = []
    for i, title in enumerate(titles):
        seconds = rng.randint(60, 180)
        videos.append(
            lessons.upload_video(
                None,
                course,
                title=title,
                file=ContentFile(tiny_webm(seconds), name=f"{course.program.code}-{i + 1}.webm"),
                content_type="video/webm",
                duration_seconds=seconds,
                published_on=course.start_date and course.start_date + dt.timedelta(days=14 * i),
            )
        )
    return videos


def _quiz(program: Program, number: int, title: str, bank: list[tuple], course: Course | None = None):
    quiz = quizzes.create_quiz(
        None, program, number=number, title=f"知识测试第{number}期：{title}", question_count=4,
        time_limit_minutes=10, attempt_limit=3, pass_mark=60, course=course,
    )  # fmt: skip
    for kind, text, choices, answer, explanation in bank:
        quizzes.add_question(
            None, quiz, kind=kind, text=text, choices=choices, answer=answer, explanation=explanation
        )
    return quiz


def _form_answers(attempt, rng: random.Random, skill: float) -> dict[int, list[str]]:
    """What a cadre of that skill would tick: the right answer with probability `skill`."""
    values = {}
    for q in quizzes.attempt_questions(attempt):
        right = rng.random() < skill
        if q.kind == Question.Kind.SINGLE:
            values[q.pk] = [str(q.answer if right else (q.answer + 1) % len(q.choices))]
        elif q.kind == Question.Kind.MULTIPLE:
            values[q.pk] = [str(i) for i in (q.answer if right else q.answer[:-1] or [0])]
        elif q.kind == Question.Kind.TRUE_FALSE:
            values[q.pk] = ["true" if q.answer == right else "false"]
        else:
            values[q.pk] = [q.answer[0] if right else "不确定"]
    return values


def _huaian(log) -> None:
    program = _program("huaian-etdz-training", "cloud")
    if program is None:
        return
    rng = seeded(f"{program.code}:training")
    cadres = [p.cadre for p in program.participants.select_related("cadre")]
    cloud = services.create_course(
        None, program, code="cloud", title="“云课堂”专题学习", mode=Course.Mode.ONLINE, start_date=dt.date(2021, 3, 1),
        topics=["招商引资", "营商环境", "容错纠错", "外商投资"],
    )  # fmt: skip
    titles = [f"专题学习第{i}期：{t}" for i, t in enumerate(
        ["优化营商环境条例", "拿地即开工", "产业链招商", "外商投资法", "容错纠错机制", "亩均效益评价", "统一社会信用代码",
         "证照分离改革", "标准地出让", "跨境电商", "航空物流", "新能源产业", "项目全周期服务", "招商谈判技巧",
         "企业涉税常识", "新公司法", "以商招商", "基金招商", "政务服务改革"], start=1)]  # fmt: skip
    videos = _videos(cloud, titles, rng)
    for cadre in cadres:  # each cadre watches some lessons, reporting every 10 s like the player
        for video in rng.sample(videos, rng.randint(3, 10)):
            start, end = (
                _at(dt.date(2022, 7, 20)),
                rng.choice([video.duration_seconds, video.duration_seconds // 2]),
            )
            for t in range(10, end + 10, 10):
                lessons.report_progress(video, cadre, [[0, min(t, end)]], now=start + dt.timedelta(seconds=t))
    for number, (title, bank) in enumerate(QUIZZES, start=1):
        quiz = _quiz(program, number, title, bank, course=cloud)
        day = dt.date(2021, 3, 15) + dt.timedelta(days=30 * number)
        for k, cadre in enumerate(cadres):
            skill = 0.55 + 0.04 * k
            for tries in range(rng.randint(1, 2)):
                when = _at(day + dt.timedelta(days=tries), 10 + k % 8)
                attempt = quizzes.start_attempt(quiz, cadre, now=when, seed=rng.getrandbits(40))
                quizzes.submit_attempt(
                    attempt, _form_answers(attempt, rng, skill), now=when + dt.timedelta(minutes=7)
                )
                if attempt.quiz.attempts.get(pk=attempt.pk).passed:
                    break
    _huaian_lectures_and_forums(program, cadres, rng)
    log("  淮安经开区：云课堂视频 19 期、知识测试 10 期，干部上讲台 42 期，专题论坛 21 期")


def _huaian_lectures_and_forums(program: Program, cadres, rng: random.Random) -> None:
    names = NameMaker(rng)
    series = services.create_course(
        None, program, code="jiangtai", title="“干部上讲台”系列培训", mode=Course.Mode.LECTURE,
        start_date=dt.date(2017, 3, 10), end_date=dt.date(2022, 12, 16), topics=["招商引资", "营商环境", "产业经济"],
        description="先锋讲坛、周末大讲堂等；理论大咖讲宏观形势、领导干部讲主责主业、年轻干部讲成长体会、企业专家讲产业发展。",
    )  # fmt: skip
    kinds = list(LECTURE_TITLES)
    for year in range(2017, 2023):
        for i in range(7):
            kind = kinds[(i + year) % 4]
            session = services.add_session(
                None, series, title=rng.choice(LECTURE_TITLES[kind]), date=dt.date(year, 3 + i, 10 + i % 3 * 5),
                kind=Session.Kind.LECTURE, hours=Decimal("2"), speaker=names.next()[0], speaker_kind=kind,
                place="经开区党群服务中心",
            )  # fmt: skip
            if year == 2022:
                _attend_all(session, cadres, rng, 0.7)
    forums = services.create_course(
        None, program, code="forums", title="“请进来”专题发展论坛", mode=Course.Mode.FORUM,
        start_date=dt.date(2019, 4, 1), topics=list(FORUM_TOPICS),
    )  # fmt: skip
    for i in range(21):
        topic = FORUM_TOPICS[i % len(FORUM_TOPICS)]
        day = dt.date(2019, 4, 18) + dt.timedelta(days=52 * i)
        session = services.add_session(
            None, forums, title=f"{topic}专题发展论坛", date=day, kind=Session.Kind.FORUM, hours=Decimal("3"),
            place="淮安经开区",
        )  # fmt: skip
        if day.year == 2022:
            _attend_all(session, cadres, rng, 0.6)
    for code, title, institution, topic in (
        ("fudan", "优化营商环境专业能力提升班", "复旦大学", "营商环境"),
        ("zju", "产业链招商专业能力提升班", "浙江大学", "招商引资"),
        ("hangzhou", "航空物流专业能力提升班", "杭州", "航空物流"),
    ):  # fmt: skip
        services.create_course(
            None, program, code=code, title=title, mode=Course.Mode.CLASSROOM, institution=institution,
            hours=Decimal("32"), topics=[topic], start_date=dt.date(2022, 9, 5), end_date=dt.date(2022, 9, 9),
        )  # fmt: skip
