"""检查: spot-check sessions."""
