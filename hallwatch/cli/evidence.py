"""`hallwatch snapshot`: take one photo (or import one) as evidence, without the GUI."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import uuid

    from hallwatch.storage.folder import DataFolder


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add this module's commands to the `hallwatch` parser."""
    snapshot = commands.add_parser(
        "snapshot", help="take one photo of a window as evidence; prints its id and sha256"
    )
    where = snapshot.add_mutually_exclusive_group()
    where.add_argument(
        "--source",
        metavar="SRC",
        help="camera: device index (0), rtsp://… (TCP, else UDP; ?transport=udp forces UDP), "
        "http://…/picture, file:VIDEO, synthetic:NAME (default: the window's camera, "
        "then its snapshot address)",
    )
    where.add_argument(
        "--photo", metavar="FILE", help="import this JPEG instead (its EXIF time is checked)"
    )
    snapshot.add_argument(
        "--snapshot-url",
        metavar="URL",
        help="the camera's JPEG picture address, tried when the stream fails "
        "(default: the window's snapshot address, unless --source is given)",
    )
    snapshot.add_argument("--window", metavar="NO", required=True, help="window number, e.g. A01")
    snapshot.add_argument("--finding", metavar="ID", help="link the photo to this finding")
    snapshot.add_argument("--hall", metavar="CODE", help="the hall (needed when there are several)")
    snapshot.add_argument(
        "--timeout", type=float, default=5.0, metavar="S", help="camera timeout in seconds"
    )
    snapshot.add_argument("--json", action="store_true", help="stable JSON output for scripts")
    snapshot.set_defaults(handler=cmd_snapshot)


def _finding_id(text: str | None) -> uuid.UUID | None:
    import uuid

    from hallwatch.domain.errors import InputError

    if text is None:
        return None
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise InputError(
            f"--finding {text!r} is not a finding id",
            "give the id that 'hallwatch finding add' printed",
        ) from None


def cmd_snapshot(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.domain.errors import InputError
    from hallwatch.services.checks.snapshots import find_window, import_photo, take_snapshot
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.storage.database import Database
    from hallwatch.storage.models import Window

    if args.timeout <= 0:
        raise InputError("--timeout must be more than 0 seconds")
    empty = {"--source": args.source, "--snapshot-url": args.snapshot_url, "--photo": args.photo}
    for option, value in empty.items():
        if value is not None and not value.strip():
            # An empty value is a script's unset variable, not "the window's camera".
            raise InputError(
                f"{option} is empty",
                "give a JPEG file"
                if option == "--photo"
                else f"give a camera address, or leave out {option} to use the window's own",
            )
    finding_id = _finding_id(args.finding)
    with Database.open(folder, create=False) as db:
        with db.read() as session:
            hall = find_hall(session, args.hall)
            window_id = find_window(session, hall.id, args.window)
            camera = session.get(Window, window_id)
            configured = camera.camera_source if camera is not None else ""
            configured_url = camera.camera_snapshot_url if camera is not None else ""
        warning = ""
        if args.photo:
            imported = import_photo(
                db, hall.id, Path(args.photo), window_id=window_id, finding_id=finding_id
            )
            info = imported.snapshot
            if imported.exif_gap is None:
                warning = "the photo has no EXIF time: check when it was taken"
            elif imported.time_suspicious:
                minutes = imported.exif_gap.total_seconds() / 60
                warning = f"the photo's EXIF time is {minutes:.0f} min from the finding's"
        else:
            source = args.source or configured
            # An explicit --source stands alone unless --snapshot-url backs it up.
            fallback = args.snapshot_url or ("" if args.source else configured_url)
            if not source and not fallback:
                raise InputError(
                    f"window {args.window} has no camera set",
                    "give one with --source, or set it in the window's settings",
                )
            info = take_snapshot(
                db,
                hall.id,
                source,
                window_id=window_id,
                finding_id=finding_id,
                timeout=args.timeout,
                snapshot_url=fallback,
            )
            if info.capture_path == "snapshot_url" and source:
                warning = "the stream gave no picture: the photo came from the snapshot address"
    if args.json:
        payload = {
            "id": str(info.id),
            "sha256": info.original_sha256,
            "captioned_sha256": info.captioned_sha256,
            "size": info.original_size,
            "width": info.width,
            "height": info.height,
            "window": args.window,
            "finding": str(info.finding_id) if info.finding_id else None,
            "source": info.source_label,
            "imported": info.imported,
            "capture_path": info.capture_path,
            "warning": warning or None,
        }
        print(json.dumps(payload, ensure_ascii=False, sort_keys=True), file=out)
    else:
        print(f"snapshot {info.id} sha256 {info.original_sha256}", file=out)
        if warning:
            print(f"warning: {warning}", file=out)
    return 0
