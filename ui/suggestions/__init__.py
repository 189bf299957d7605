"""The accountability suggestions list (效能问责建议)."""
