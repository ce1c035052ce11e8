"""Pages for expenses."""
