"""Saved web pages (``.html``) for `lateral import`: the main text and details, by trafilatura."""

from reader.ingest.html.page import MAX_HTML_CHARS, HtmlArticle, html_to_text

__all__ = ["MAX_HTML_CHARS", "HtmlArticle", "html_to_text"]
