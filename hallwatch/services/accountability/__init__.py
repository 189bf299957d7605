"""Accountability: bad-rating follow-ups, suggestions, alerts."""
