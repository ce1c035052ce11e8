"""Meetings of groups and decision-making bodies: venues, scheduling, agendas,
papers, invitations and attendance, calendar feeds, minutes and actions,
feedback summaries, induction and reflective reviews.

meetings builds on involvement only. Expense claims against attendance live in
the expenses app, and work plans' links to agenda items in workplans; both sit
above meetings and point down to it, and meetings imports neither."""
