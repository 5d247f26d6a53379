"""Annotator: side-by-side framing annotation of news articles with inter-coder agreement."""

__version__ = "0.1.0"
