"""Importing rosters and punch files: the dialog over hallwatch.services.imports."""
