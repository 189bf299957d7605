"""Spot checks (明查暗访): sessions, findings, checklist, snapshots."""
