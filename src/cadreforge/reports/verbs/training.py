"""`cadreforge report training --program CODE --json` (spec/cli.md): the program's training figures.

Keys: `courses` (courses of the program), `sessions` (their sessions: classes, site visits, lectures,
forums), `participants` (distinct cadres enrolled in at least one of its courses), `lectures` (sessions of
kind lecture, e.g. 干部上讲台; forums are not lectures), `videos` (online lessons), `quizzes` (knowledge
tests), `quiz_attempts` (handed-in attempts) — all integers — and `pass_rate`: passed attempts / handed-in
attempts as a JSON number between 0 and 1, rounded to 4 decimals; 0 when there is no attempt yet.
`--batch` is accepted for symmetry with the other verbs and ignored: training is program-wide.
"""

from cadreforge.programs.models import Program
from cadreforge.training.selectors import training_report

HELP = "教育培训：课程、课次、参训人数、讲座、视频、测试及及格率"


def build(program: Program, batch_number: int | None) -> dict:
    return training_report(program)


def render_text(program: Program, data: dict) -> str:
    return "\n".join(
        [
            f"{program.name}（{program.code}）教育培训",
            f"课程 {data['courses']} 门，课次 {data['sessions']} 次（其中讲座 {data['lectures']} 场），"
            f"参训干部 {data['participants']} 名",
            f"视频课 {data['videos']} 期，知识测试 {data['quizzes']} 期，答题 {data['quiz_attempts']} 人次，"
            f"及格率 {data['pass_rate'] * 100:.1f}%",
        ]
    )
