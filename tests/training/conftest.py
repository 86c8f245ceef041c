import datetime as dt

import pytest

from cadreforge.accounts.models import Role
from cadreforge.training import quizzes, services

from ..builders import make_participant, make_program, make_user


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded and generated media go to a temporary MEDIA_ROOT, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def program(db):
    return make_program("huaian-etdz-training", kind="training_class", name="干部专业能力培训")


@pytest.fixture
def cadre_user(db):
    return make_user(Role.CADRE)


@pytest.fixture
def participant(program, cadre_user):
    return make_participant(program, "PX-001", name="徐鹏飞", user=cadre_user, rank="科员")


@pytest.fixture
def manager(program):
    return make_user(Role.PROGRAM_MANAGER, programs_granted=[program])


@pytest.fixture
def quiz(program):
    """A 4-question bank, one of each type; an attempt draws 4 in 10 minutes, 2 attempts, pass at 75."""
    quiz = quizzes.create_quiz(
        None, program, number=1, title="营商环境知识测试", question_count=4, time_limit_minutes=10,
        attempt_limit=2, pass_mark=75,
    )  # fmt: skip
    quizzes.add_question(
        None,
        quiz,
        kind="single",
        text="统一社会信用代码共有几位？",
        choices=["15位", "18位", "20位"],
        answer=1,
    )
    quizzes.add_question(
        None, quiz, kind="multiple", text="“五证合一”包括哪些证照？",
        choices=["营业执照", "组织机构代码证", "税务登记证", "结婚证"], answer=[0, 1, 2],
    )  # fmt: skip
    quizzes.add_question(
        None, quiz, kind="true_false", text="“拿地即开工”指取得土地后即可开工建设。", answer=True
    )
    quizzes.add_question(
        None, quiz, kind="fill", text="招商引资中，“双招双引”指招商引资和____。", answer=["招才引智"]
    )
    return quiz


@pytest.fixture
def course(program):
    return services.create_course(
        None, program, code="yingshang", title="优化营商环境专题班", mode="classroom", hours=24,
        institution="浙江大学", topics=["营商环境", "招商引资"], start_date=dt.date(2024, 4, 1),
        end_date=dt.date(2024, 4, 5),
    )  # fmt: skip
