"""Reads in plain SQL where the ORM is too slow for a screen, returning plain values.

Each module serves one capability's screens (spot_checks: the check screen's window
walk and its side facts …). Queries bind and read stored values through
storage.convert, run on the local SQLite file (storage.direct.dbapi gives the
connection under a session), and return domain values: UUIDs, aware datetimes,
dataclasses. Nothing outside hallwatch.storage writes SQL text
(tests/core/test_stored_forms.py).
"""
