"""The terminal interface: the app, its screens, one widget per file, one stylesheet."""
