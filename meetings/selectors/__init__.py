"""Reads for meetings, already scoped."""
