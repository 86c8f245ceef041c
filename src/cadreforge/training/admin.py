from django.contrib import admin

from .models import Course, PlatformItem, Question, Quiz, RankRequirement, Session, Video


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "program", "mode", "institution", "track", "hours", "start_date")
    list_filter = ("mode", "program")
    search_fields = ("title", "institution")
    inlines = [SessionInline]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "program",
        "number",
        "question_count",
        "time_limit_minutes",
        "attempt_limit",
        "pass_mark",
    )
    list_filter = ("program",)
    inlines = [QuestionInline]


@admin.register(Video)
class VideoAdmin(admin.ModelAdmin):
    list_display = ("title", "course", "number", "duration_seconds", "published_on")


@admin.register(PlatformItem)
class PlatformItemAdmin(admin.ModelAdmin):
    list_display = ("title", "program", "platform", "issue", "date")
    list_filter = ("platform",)


@admin.register(RankRequirement)
class RankRequirementAdmin(admin.ModelAdmin):
    list_display = ("rank", "annual_hours")
