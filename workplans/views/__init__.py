"""Pages of the workplans app: thin, through workplans.permissions."""
