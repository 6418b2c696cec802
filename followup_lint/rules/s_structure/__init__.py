"""S, structure: greeting (S1xx), sign-off (S2xx), subject (S3xx), and names,
companies, attachments, length and questions (S4xx, ``content``).

A family package: every module in it is loaded (followup_lint.rules); add a
module here for a new group of S rules.
"""
