"""Halls and what every use case reads about one: its calendar and rules."""
