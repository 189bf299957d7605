"""The data folder as a whole: backup and restore, audit, what it holds."""
