"""Forms for meetings."""
