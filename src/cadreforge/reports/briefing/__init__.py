"""Ready-written briefings (简报): Chinese text from the records, and the same as docx and xlsx."""

from .text import BriefingScope, briefing_text, build_briefing

__all__ = ["BriefingScope", "briefing_text", "build_briefing"]
