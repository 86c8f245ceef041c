"""Training needs (缺什么补什么): what a cadre's posts and profile call for, against what their training
record already covers, and the courses that fill the gap.

Needs are the chains of the posts the cadre holds (secondment.Assignment → programs.Post.chains), the
course topics named in those posts' duties, and the cadre's own fields (Cadre.tags). A need is covered
when a course the cadre completed (or a lesson they watched) carries it as a topic or track.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from cadreforge.accounts.models import User
from cadreforge.core.text import text_key
from cadreforge.people.models import Cadre
from cadreforge.secondment.models import Assignment

from .models import Course
from .selectors import visible_courses


@dataclass
class Recommendation:
    course: Course
    covers: list[str] = field(default_factory=list)


def _course_keys(course: Course) -> set[str]:
    keys = {text_key(t) for t in course.topics if t}
    if course.track:
        keys.add(text_key(course.track))
    return keys


def cadre_needs(cadre: Cadre, known_topics: set[str]) -> dict[str, str]:
    """The cadre's needs as {normalised key: label}, from post chains, post duties and own tags."""
    needs: dict[str, str] = {}
    assignments = Assignment.objects.filter(participant__cadre=cadre).select_related("post")
    for assignment in assignments.prefetch_related("post__chains"):
        for chain in assignment.post.chains.all():
            needs.setdefault(text_key(chain.name), chain.name)
        duties = text_key(assignment.post.duties)
        for key, label in known_topics:
            if key and key in duties:
                needs.setdefault(key, label)
    for tag in cadre.tags or []:
        needs.setdefault(text_key(tag), tag)
    return {k: v for k, v in needs.items() if k}


def covered_keys(cadre: Cadre) -> set[str]:
    done = Course.objects.filter(
        Q(enrolments__cadre=cadre, enrolments__completed_on__isnull=False)
        | Q(videos__progress__cadre=cadre, videos__progress__watched_seconds__gt=0)
        | Q(sessions__attendances__cadre=cadre)
    ).distinct()
    keys: set[str] = set()
    for course in done:
        keys |= _course_keys(course)
    return keys


def recommend_courses(user: User, cadre: Cadre, limit: int = 10) -> dict:
    """{"needs": [labels], "covered": [labels], "gaps": [labels], "courses": [Recommendation]}: the courses
    the user may see that the cadre has not completed, ranked by how many gaps each fills."""
    every = list(visible_courses(user))
    topics = {(text_key(t), t) for c in every for t in [*c.topics, c.track] if t}
    completed = set(
        cadre.course_enrolments.filter(completed_on__isnull=False).values_list("course_id", flat=True)
    )
    courses = [c for c in every if c.pk not in completed]
    needs = cadre_needs(cadre, topics)
    covered = covered_keys(cadre)
    gaps = {k: v for k, v in needs.items() if k not in covered}
    recommendations = []
    for course in courses:
        hits = [label for key, label in gaps.items() if key in _course_keys(course)]
        if hits:
            recommendations.append(Recommendation(course, hits))
    recommendations.sort(key=lambda r: (-len(r.covers), r.course.start_date is None, r.course.title))
    return {
        "needs": sorted(needs.values()),
        "covered": sorted(v for k, v in needs.items() if k in covered),
        "gaps": sorted(gaps.values()),
        "courses": recommendations[:limit],
    }
