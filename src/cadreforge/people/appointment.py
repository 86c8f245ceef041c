"""The cadre's side of the 干部任免审批表: the profile items of the form, and the text conventions of its
free-text boxes (简历 lines, 年度考核结果 sentence) in both directions. Personal data (ID number, family
members) is masked unless the caller says the reader may see it."""

import datetime as dt
import re

from cadreforge.core.errors import DomainError

from . import lrmx
from .models import AnnualAssessment, Cadre, mask_name

GENDER_TEXT = {Cadre.Gender.MALE: "男", Cadre.Gender.FEMALE: "女"}
ASSESSMENT_YEARS_ON_FORM = 3  # the form lists the last three years
NOTHING = {"无", "(无)", "（无）", "无。"}

_RESUME_LINE = re.compile(
    r"^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*月?\s*(?:--|—+|–|-|~|～|至)\s*"
    r"(?:(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*月?)?\s*(.*)$"
)
_RESULTS = "|".join(
    sorted(AnnualAssessment.Result.values, key=len, reverse=True)  # 基本称职 before 称职
)
_ASSESSMENT = re.compile(
    rf"(\d{{4}})\s*年\s*(?:度)?\s*(?:年度)?\s*考核\s*(?:结果)?\s*(?:为|：|:)?\s*({_RESULTS})"
)


def resume_text(cadre: Cadre) -> str:
    return "\n".join(entry.line for entry in cadre.resume.all())


def assessments_text(cadre: Cadre) -> str:
    """2022年度考核称职；2023年度考核优秀。 — the last three years, oldest first."""
    recent = list(cadre.assessments.order_by("-year")[:ASSESSMENT_YEARS_ON_FORM])[::-1]
    return "；".join(str(a) for a in recent) + "。" if recent else ""


def family_rows(cadre: Cadre, *, reveal_personal: bool) -> tuple[lrmx.FamilyMember, ...]:
    """Family members for the form; masked: the name's surname only and no birth month."""
    return tuple(
        lrmx.FamilyMember(
            relation=m.relation,
            name=m.name if reveal_personal else mask_name(m.name),
            birth_month=m.birth_month if reveal_personal else None,
            political_status=m.political_status,
            work_unit_and_post=m.work_unit_and_post,
        )
        for m in cadre.family.all()
    )


def form_from_profile(cadre: Cadre, *, reveal_personal: bool) -> lrmx.AppointmentForm:
    """The form items the profile knows (not the posts, rewards or reason, which come from the case)."""
    degree_school = lambda degree, school: school if degree else ""  # noqa: E731
    return lrmx.AppointmentForm(
        name=cadre.name,
        gender=GENDER_TEXT.get(cadre.gender, ""),
        birth_month=cadre.birth_month,
        ethnicity=cadre.ethnicity,
        native_place=cadre.native_place,
        birthplace=cadre.birthplace,
        party_join_month=cadre.party_join_month,
        work_start_month=cadre.work_start_month,
        health=cadre.health,
        professional_title=cadre.professional_title,
        specialty=cadre.specialty,
        fulltime_education=cadre.fulltime_education,
        fulltime_degree=cadre.fulltime_degree,
        fulltime_school=cadre.fulltime_school,
        fulltime_degree_school=degree_school(cadre.fulltime_degree, cadre.fulltime_school),
        onjob_education=cadre.onjob_education,
        onjob_degree=cadre.onjob_degree,
        onjob_school=cadre.onjob_school,
        onjob_degree_school=degree_school(cadre.onjob_degree, cadre.onjob_school),
        current_post=cadre.position,
        resume=resume_text(cadre),
        rewards=cadre.other_rewards,
        assessments=assessments_text(cadre),
        family=family_rows(cadre, reveal_personal=reveal_personal),
        id_number=cadre.reveal_id_number() if reveal_personal else cadre.id_number_masked,
        photo=cadre.photo,
    )


def parse_resume(text: str) -> list[tuple[dt.date | None, dt.date | None, str]]:
    """简历 lines as (start, end or None for 至今, description); an undated line is kept as it is."""
    entries = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _RESUME_LINE.match(line)
        if match is None:
            entries.append((None, None, line))
            continue
        where = f"简历第{n}行"
        start = lrmx.parse_month(f"{match[1]}.{match[2]}", f"{where}的起始年月")
        end = lrmx.parse_month(f"{match[3]}.{match[4]}", f"{where}的截止年月") if match[3] else None
        if end and end < start:
            raise DomainError(f"{where}的截止年月早于起始年月：{line[:40]}")
        entries.append((start, end, match[5].strip()))
    return entries


def parse_assessments(text: str) -> tuple[dict[int, str], str]:
    """({year: result}, what was left unrecognised) from a 年度考核结果 sentence."""
    found: dict[int, str] = {}
    for match in _ASSESSMENT.finditer(text):
        year = int(match[1])
        if not 1950 <= year <= 2100:
            raise DomainError(f"年度考核结果中的年度“{year}”无效。")
        if found.get(year, match[2]) != match[2]:
            raise DomainError(f"年度考核结果中{year}年度出现了两个不同的结果。")
        found[year] = match[2]
    rest = re.sub(r"[\s，,；;。.、]+", "", _ASSESSMENT.sub("", text))
    return found, "" if rest in NOTHING else rest


def describe_family(member, *, reveal_personal: bool) -> str:
    """One family row as a line of text, masked unless the reader may see personal data."""
    birth = f"{member.birth_month:%Y.%m}" if member.birth_month and reveal_personal else ""
    name = member.name if reveal_personal else mask_name(member.name)
    parts = (member.relation, name, birth, member.political_status, member.work_unit_and_post)
    return " ".join(p for p in parts if p)
