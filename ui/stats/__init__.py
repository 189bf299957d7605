"""统计: statistics and charts."""
