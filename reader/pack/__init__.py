"""Packs: loading, validation and anchoring of claims to the article text."""
