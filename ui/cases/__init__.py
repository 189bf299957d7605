"""办件: the cases view."""
