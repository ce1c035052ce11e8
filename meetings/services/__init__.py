"""Writes for meetings: one module per area."""
