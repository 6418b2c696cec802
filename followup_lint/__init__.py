"""followup-lint: a linter for the emails people send after a job interview."""

__version__ = "0.1.0"
