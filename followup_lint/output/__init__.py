"""Report formats. Each takes the per-file results and returns text."""
