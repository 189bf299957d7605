"""Benchmarks at named scales, reported as ratios against raw limits (DESIGN §10)."""
