"""Every write of the workplans app, one function per business action."""
