"""Chinese working days (工作日): public holidays and the adjusted working days (调休上班, often a Saturday)
come from the maintained `chinese_calendar` package. For a year it does not know yet, Monday to Friday
are taken as working days and the year is reported back, so the manager is warned that due days may be off
by a holiday."""

import datetime as dt
from dataclasses import dataclass, field

import chinese_calendar

# How many working days after a report week its report is due: 1 = the first working day after the week.
DUE_WORKING_DAYS_AFTER = 1
_ONE_DAY = dt.timedelta(days=1)


@dataclass
class WorkCalendar:
    """Answers "is this a working day"; remembers the years it had to guess (`unknown_years`)."""

    unknown_years: set[int] = field(default_factory=set)

    def is_working_day(self, day: dt.date) -> bool:
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            self.unknown_years.add(day.year)
            return day.weekday() < 5

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `day` (count ≥ 1)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        while count:
            day += _ONE_DAY
            if self.is_working_day(day):
                count -= 1
        return day

    def warning(self) -> str:
        """The Chinese warning for the manager, or "" when every year was known."""
        if not self.unknown_years:
            return ""
        years = "、".join(f"{y}年" for y in sorted(self.unknown_years))
        return (
            f"节假日日历尚未包含{years}的安排，这些年份的截止日按周一至周五为工作日推算，可能与法定调休不符。"
        )


def report_weeks(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The report weeks of a period: calendar weeks (Monday–Sunday) clipped to [start, end]."""
    weeks = []
    day = start
    while day <= end:
        sunday = day + dt.timedelta(days=6 - day.weekday())
        weeks.append((day, min(sunday, end)))
        day = sunday + _ONE_DAY
    return weeks


def due_date(week_end: dt.date, calendar: WorkCalendar, lag: int = DUE_WORKING_DAYS_AFTER) -> dt.date:
    """A week's report is due on the `lag`-th working day after the week's last day."""
    return calendar.add_working_days(week_end, lag)
