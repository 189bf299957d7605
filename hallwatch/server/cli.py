"""The `hallwatch-server` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    """Return the server's argument parser."""
    parser = argparse.ArgumentParser(prog="hallwatch-server", description="HallWatch server")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the HallWatch API until interrupted."""
    args = build_parser().parse_args(argv)
    try:
        import uvicorn

        from hallwatch.server.app import create_app
    except ImportError as error:
        print(
            f"hallwatch-server: the server packages are not installed ({error.name}); "
            "install with: pip install 'hallwatch[server]'",
            file=sys.stderr,
        )
        return 1
    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="info")
    return 0
