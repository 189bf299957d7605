"""The server's application factory."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from hallwatch import __version__
from hallwatch.domain.timeutil import utcnow
from hallwatch.storage import migrate


def create_app() -> FastAPI:
    """Return the server application."""
    app = FastAPI(title="HallWatch server", version=__version__)
    head = migrate.head_revision()

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        # Every answer carries the server's time so devices can measure their offset.
        return {
            "status": "ok",
            "version": __version__,
            "schema": head,
            "time": utcnow().isoformat(),
        }

    return app
