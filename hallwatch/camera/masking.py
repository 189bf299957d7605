"""Keep camera credentials out of every label, log line and message."""

from __future__ import annotations

import logging
import re

MASK = "***"

# scheme://user:pass@host — the user info runs to the last "@" before the path, so a
# password with an unencoded "@" in it is masked whole.
_USERINFO = re.compile(r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)(?P<userinfo>[^/\s?#]*)@")
# Query parameters that carry a secret: password=, pwd=, loginpas= (Dahua), token= …
_SECRET_PARAM = re.compile(
    r"(?P<name>[?&;][^=&;\s#]*(?:pas|pwd|secret|token|auth|key)[^=&;\s#]*=)[^&;\s#]*",
    re.IGNORECASE,
)


def mask_credentials(text: str) -> str:
    """Return text with every URL's password and secret query parameters replaced by ***."""

    def userinfo(match: re.Match[str]) -> str:
        user, has_password, _password = match["userinfo"].partition(":")
        shown = f"{user}:{MASK}" if has_password else user
        return f"{match['scheme']}{shown}@"

    return _SECRET_PARAM.sub(lambda m: f"{m['name']}{MASK}", _USERINFO.sub(userinfo, text))


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
