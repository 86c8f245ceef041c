"""The sizes of `cadreforge generate --scale`: province is the target of issue 11; city ≈ 1/10, small ≈ 1/100."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    programs: int
    cadres: int
    posts: int
    visits: int
    leads: int
    projects: int
    weekly_reports: int
    enterprises: int
    host_units: int
    talents: int
    outputs: int

    def describe(self) -> str:
        return (
            f"{self.programs} 个计划、{self.cadres} 名干部、{self.posts} 个岗位、{self.visits} 条走访、"
            f"{self.leads} 条线索、{self.projects} 个项目、{self.weekly_reports} 份周报"
        )


SCALES = {
    "small": Scale("small", 2, 100, 50, 10_000, 2_000, 200, 1_000, 1_000, 20, 50, 20),
    "city": Scale("city", 10, 1_000, 500, 100_000, 20_000, 2_000, 10_000, 6_000, 100, 500, 200),
    "province": Scale(
        "province", 100, 10_000, 5_000, 1_000_000, 200_000, 20_000, 100_000, 50_000, 1_000, 5_000, 2_000
    ),
}
