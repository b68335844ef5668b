"""Writing a pack out: linear text for screen readers, and the formats students hand in."""
