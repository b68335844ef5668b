"""lateral-reader: an offline terminal reader with a fact-check side panel."""

from __future__ import annotations

__version__ = "0.1.0"
