"""Writes for expenses: one module per area."""
