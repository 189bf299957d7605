"""Use cases: one function per action, `Session` first (STYLE.md)."""
