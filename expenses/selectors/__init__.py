"""Reads for expenses, already scoped."""
