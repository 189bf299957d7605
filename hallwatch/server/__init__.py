"""The HallWatch server (FastAPI): shares the core's models and rules."""
