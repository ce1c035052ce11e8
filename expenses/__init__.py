"""Expenses: what people are paid for taking part, and how promptly.

Each organisation's payment policy and rules (mileage, receipts, caps,
involvement payments by role level and kind of meeting); expense claims
against meetings attended, with their lines, receipts and history; approval
(approve, query, reject), payment and payment runs with their exports;
prompt-payment figures and reminders; budgets per group and year.

Where things are:
  models.py          policies, rules, preferences, claims, lines, receipts,
                     claim events, payment runs, group budgets
  services/          writes: claims, receipts, policy, approval, payments,
                     prompt (reminders, escalation), budget
  selectors/         reads: claims, approval, payments, prompt, budget
  permissions.py     access rules for claims, receipts, payment runs,
                     policies and budgets (built on involvement.permissions)
  views/, forms/     the claimant's pages (urls.py) and the staff's (urls_admin.py)
  pdf.py             the printable claim form
  tasks.py           claim reminders and escalation of overdue claims
  homes.py           the claims-at-risk panel on the coordinator's home page
  demo.py            demo policies, claims, budgets and a payment run

expenses sits above meetings (a claim is for a meeting attended: an
Invitation) and involvement; nothing below imports it. The coordinator's home
page shows claims at risk through a panel registered from
ExpensesConfig.ready() (involvement.home_panels); the navigation names the
pages by URL name only (involvement.nav)."""
