"""Forms for expenses."""
