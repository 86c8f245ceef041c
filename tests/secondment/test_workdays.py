import datetime as dt

from cadreforge.secondment.workdays import WorkCalendar, due_date, report_weeks

D = dt.date


def test_report_due_after_spring_festival_falls_on_adjusted_working_sunday():
    # 2024 Spring Festival: 10–17 February off, Sunday 18 February a working day.
    calendar = WorkCalendar()
    assert due_date(D(2024, 2, 11), calendar) == D(2024, 2, 18)
    assert calendar.warning() == ""


def test_report_due_in_national_day_week_falls_on_adjusted_working_saturday():
    # 2023 National Day: 29 September – 6 October off, Saturday 7 October a working day.
    assert due_date(D(2023, 10, 1), WorkCalendar()) == D(2023, 10, 7)


def test_adjusted_working_saturday_is_a_working_day_and_holiday_monday_is_not():
    calendar = WorkCalendar()
    assert calendar.is_working_day(D(2023, 10, 7))
    assert not calendar.is_working_day(D(2023, 10, 2))
    assert not calendar.is_working_day(D(2023, 9, 9))


def test_ordinary_week_is_due_next_monday():
    assert due_date(D(2023, 9, 10), WorkCalendar()) == D(2023, 9, 11)


def test_unknown_year_falls_back_to_weekends_and_warns():
    calendar = WorkCalendar()
    assert due_date(D(2031, 1, 5), calendar) == D(2031, 1, 6)
    assert calendar.unknown_years == {2031}
    assert "2031年" in calendar.warning()


def test_report_weeks_are_calendar_weeks_clipped_to_the_period():
    weeks = report_weeks(D(2023, 9, 6), D(2023, 9, 19))
    assert weeks == [
        (D(2023, 9, 6), D(2023, 9, 10)),
        (D(2023, 9, 11), D(2023, 9, 17)),
        (D(2023, 9, 18), D(2023, 9, 19)),
    ]
