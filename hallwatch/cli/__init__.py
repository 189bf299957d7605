"""The command line: thin calls into the core services."""
