"""The demo hall: its generator, vocabulary and letters (not a use case)."""
