"""Statistics of a period and the series of its charts."""
