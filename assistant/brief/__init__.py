"""One-page briefs of a document: headline figures, section summaries, year-on-year changes.

Extractive (no LLM): every sentence and figure is taken from the document itself and
cited to its passage. See :func:`assistant.brief.build.brief_document` for the rules.
"""

from assistant.brief.build import brief_document
from assistant.brief.model import Brief, BriefFigure, BriefSection, Change, ChangeSide, Source

__all__ = ["Brief", "BriefFigure", "BriefSection", "Change", "ChangeSide", "Source", "brief_document"]
