"""Keep camera credentials out of every label, log line and message.

`mask_credentials` is the one function that turns a camera address (or any text that
holds one, such as an error message or an FFmpeg log line) into something fit to show
or log. Settings, the check screen, snapshots' labels, CameraError and the log all use it.
"""

from __future__ import annotations

import logging
import re

MASK = "***"

# scheme://user:pass@host… — a camera's password is often typed unencoded, with "@", ":",
# "/" or "?" in it. The user info runs to the last "@" before the first "/" of the address;
# when there is none there (a "/" in the password), to the last "@" that a host follows.
# Masking a little too much is harmless; showing a piece of a password is not.
_ADDRESS = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://(?P<rest>\S*)")
_HOST_AFTER = re.compile(r"@(?:[A-Za-z0-9_.~%-]+|\[[0-9A-Fa-f:.]+\])(?::\d+)?(?:[/?#;,'\")\]]|$)")
# Query (or matrix) parameters that carry a secret: password=, pwd=, passwd=, pw=,
# loginpas= (cheap IP cameras), token=, auth=, key=, secret=, sig=, signature= …
_SECRET_PARAM = re.compile(
    r"(?P<name>[?&;](?:[^=&;\s#]*(?:pas|pwd|secret|token|auth|key|sig)[^=&;\s#]*|pw)=)"
    r"[^&;\s#]*",
    re.IGNORECASE,
)


def mask_credentials(text: str) -> str:
    """Return text with every URL's password and secret query parameters replaced by ***."""
    return _SECRET_PARAM.sub(lambda m: f"{m['name']}{MASK}", _ADDRESS.sub(_mask_userinfo, text))


def _mask_userinfo(match: re.Match[str]) -> str:
    rest = match["rest"]
    head = rest.split("/", 1)[0]
    at = head.rfind("@")
    if at < 0:
        ends = [m.start() for m in _HOST_AFTER.finditer(rest)]
        at = ends[-1] if ends else -1
    if at < 0:
        return match[0]
    info = rest[:at]
    if ":" not in info and "@" not in info:
        return match[0]  # a user name alone (rtsp://admin@host) is no secret
    user = info.partition(":")[0]
    if "@" in user:  # "a@b:…" has no plain user name to keep
        user = ""
    scheme = match[0][: match.start("rest") - match.start()]
    return f"{scheme}{user}:{MASK}{rest[at:]}"


class CredentialFilter(logging.Filter):
    """Mask credentials in the records of a library that logs URLs (httpx logs each request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the library's bug, not ours to hide
            return True
        masked = mask_credentials(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


_FILTERED: set[str] = set()


def guard_library_logs(*names: str) -> None:
    """Install the credential filter on these loggers (once each)."""
    for name in names:
        if name not in _FILTERED:
            logging.getLogger(name).addFilter(CredentialFilter())
            _FILTERED.add(name)
