"""Reads for recruitment, already scoped and with their joins, one module per area."""
