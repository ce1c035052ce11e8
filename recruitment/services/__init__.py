"""Writes for recruitment, one module per area (roles, vacancies,
applications, enquiries; scoring and selection)."""
