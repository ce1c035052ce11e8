"""Reads of the workplans app, already scoped by the caller's access check."""
