"""Pages of the workplans app: thin, through involvement.permissions."""
