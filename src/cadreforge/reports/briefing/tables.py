"""The tables a briefing carries (key figures, project stages, the cadre leaderboard, home units)."""

from cadreforge.core.stages import Stage

from .numbers import amount


def figure_rows(funnel: dict) -> list[tuple[str, str]]:
    rows = [
        ("干部", f"{funnel['cadres']}名"),
        ("走访企业", f"{funnel['enterprises_visited']}家"),
        ("走访记录", f"{funnel['visits']}次"),
        ("招商线索", f"{funnel['leads']}条"),
        ("有价值线索", f"{funnel['valuable_leads']}条"),
        ("引荐项目", f"{funnel['projects']}个"),
        ("签约金额", amount(funnel["amount_yuan"]["signed"])),
        ("投产金额", amount(funnel["amount_yuan"]["landed"])),
        ("引进人才", f"{funnel['talents']}名"),
        ("成果", f"{funnel['outputs']['count']}篇"),
    ]
    return rows


def stage_rows(funnel: dict) -> list[tuple[str, int, int]]:
    return [(stage.label, funnel["stage_now"][stage.key], funnel["reached"][stage.key]) for stage in Stage]


STAGE_HEADER = ("阶段", "当前处于该阶段（个）", "累计到达（个）")
LEADER_HEADER = ("名次", "干部编号", "姓名", "单位", "走访（次）", "线索（条）", "项目（个）")
UNIT_HEADER = ("名次", "派出单位", "干部（名）", "走访（次）", "线索（条）", "项目（个）")


def leader_rows(dashboard: dict) -> list[tuple]:
    return [
        (r["rank"], r["code"], r["name"], r["unit"], r["visits"], r["leads"], r["projects"])
        for r in dashboard.get("leaderboard", ())
    ]


def unit_rows(dashboard: dict) -> list[tuple]:
    return [
        (r["rank"], r["unit"], r["cadres"], r["visits"], r["leads"], r["projects"])
        for r in dashboard["units"]
    ]
