"""planscope: browse a strategic plan (goals, projects, indicators, timeline) in a terminal."""

__version__ = "0.1.0"
