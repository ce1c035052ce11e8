"""Recruitment pages, one module per area."""
