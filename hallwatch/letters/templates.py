"""Letter templates: the wording a hall starts a draft from, one per kind.

The defaults are TOML files in resources/letters/ (warning.toml …); a hall's
changes are kept as a setting per kind and laid over them, key by key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, fields
from functools import cache
from typing import Any

from hallwatch.domain.enums import LetterKind
from hallwatch.domain.errors import FieldError, InputError
from hallwatch.resources import resources_dir

# Placeholders a template's text may use; filled when a draft is made ({deadline}: when
# the letter prints).
PLACEHOLDERS = ("name", "staff_no", "unit", "window", "deadline", "days")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Longest text per field, in characters, for templates and drafts alike: what the
# GB/T 9704 layout has room for (the signer fits the line it shares with the seal
# space, the printing office the 版记 line it shares with the printing date).
FIELD_LIMITS = {
    "title": 40,
    "code": 16,
    "issuing_body": 30,
    "signer_body": 26,
    "addressee": 120,
    "copied_to": 300,
    "printed_by": 16,
    "verify_base": 200,
}
_TEXT_LIMIT = 2000
MAX_RECTIFY_DAYS = 60


@dataclass(frozen=True, slots=True)
class LetterTemplate:
    title: str
    code: str  # 机关代字
    issuing_body: str
    signer_body: str
    addressee: str
    intro: str
    basis: str
    decision: str
    requirements: str
    consequences: str
    rectify_days: int
    copied_to: str
    printed_by: str
    verify_base: str = ""

    def validate(self) -> LetterTemplate:
        """Return self, or raise FieldError naming the first bad field."""
        for name in ("title", "code", "issuing_body", "signer_body"):
            if not str(getattr(self, name)).strip():
                raise FieldError(name, f"template {name} must not be empty", code="required")
        for item in fields(self):
            value = getattr(self, item.name)
            if not isinstance(value, str):
                continue
            limit = FIELD_LIMITS.get(item.name, _TEXT_LIMIT)
            if len(value) > limit:
                raise FieldError(
                    item.name,
                    f"template {item.name} is longer than {limit} characters",
                    code="too_long",
                    params=(limit,),
                )
            _check_placeholders(item.name, value)
        if any(ch in self.code for ch in "〔〕[]（）() "):
            raise FieldError(
                "code",
                f"template code {self.code!r} holds brackets or spaces",
                "give the 机关代字 alone, e.g. 效告; the number adds 〔year〕n号",
                code="invalid",
            )
        if not 1 <= self.rectify_days <= MAX_RECTIFY_DAYS:
            raise FieldError(
                "rectify_days",
                f"template rectify_days {self.rectify_days} is outside 1..{MAX_RECTIFY_DAYS}",
                code="out_of_range",
                params=(1, MAX_RECTIFY_DAYS),
            )
        if self.verify_base and not self.verify_base.startswith(("https://", "http://")):
            raise FieldError(
                "verify_base",
                f"template verify_base {self.verify_base!r} is not a web address",
                "start it with https://",
                code="invalid",
            )
        return self

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _check_placeholders(name: str, text: str) -> None:
    """Braces only around a known placeholder: {deadline}, not {deadline:>9} nor {foo}."""
    for found in _PLACEHOLDER.findall(text):
        if found not in PLACEHOLDERS:
            raise FieldError(
                name,
                f"template {name} uses an unknown placeholder {{{found}}}",
                "use one of: " + ", ".join("{" + p + "}" for p in PLACEHOLDERS),
                code="unknown_placeholder",
                params=(found,),
            )
    if "{" in _PLACEHOLDER.sub("", text) or "}" in _PLACEHOLDER.sub("", text):
        raise FieldError(
            name,
            f"template {name} has an unmatched brace",
            "write braces only around a placeholder, e.g. {deadline}",
            code="invalid",
        )


def setting_key(kind: LetterKind) -> str:
    """The settings key that holds a hall's changes to a kind's template."""
    return f"letters.template.{kind.value}"


@cache
def default_template(kind: LetterKind) -> LetterTemplate:
    """Return the shipped template of a kind (resources/letters/KIND.toml)."""
    path = resources_dir() / "letters" / f"{kind.value}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(
            f"letter template {path} cannot be read: {error.strerror}",
            "reinstall HallWatch, or set HALLWATCH_RESOURCES to its resources folder",
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"letter template {path} is not valid TOML: {error}") from None
    return from_values(data, origin=str(path))


def from_values(data: dict[str, Any], origin: str = "template") -> LetterTemplate:
    """Build a template from a mapping, naming the first missing or mistyped key."""
    values: dict[str, Any] = {}
    for item in fields(LetterTemplate):
        if item.name not in data:
            if item.name == "verify_base":
                continue
            raise FieldError(item.name, f"{origin}: {item.name} is missing", code="required")
        value = data[item.name]
        wanted = int if item.name == "rectify_days" else str
        if not isinstance(value, wanted) or isinstance(value, bool):
            raise FieldError(
                item.name,
                f"{origin}: {item.name} should be {'a whole number' if wanted is int else 'text'}",
                code="invalid",
            )
        values[item.name] = value
    return LetterTemplate(**values).validate()


def merged(kind: LetterKind, overrides: dict[str, Any] | None) -> LetterTemplate:
    """Lay a hall's changes (a mapping of some keys) over the shipped template."""
    base = default_template(kind)
    if not overrides:
        return base
    known = {item.name for item in fields(LetterTemplate)}
    changes = {k: v for k, v in overrides.items() if k in known}
    return from_values({**base.as_dict(), **changes}, origin=f"{kind.value} template setting")


def changes_from_default(template: LetterTemplate, kind: LetterKind) -> dict[str, Any]:
    """Return only the keys that differ from the shipped template (what a hall stores)."""
    base = default_template(kind).as_dict()
    return {k: v for k, v in template.as_dict().items() if base.get(k) != v}


def fill(text: str, values: dict[str, str]) -> str:
    """Fill a template text's placeholders; one without a value is left as it is.

    {deadline} is left for the letter to fill when it prints, from its own deadline
    (which issuing may still move): drafting passes no value for it.
    """
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


__all__ = [
    "FIELD_LIMITS",
    "PLACEHOLDERS",
    "LetterTemplate",
    "changes_from_default",
    "default_template",
    "fill",
    "from_values",
    "merged",
    "setting_key",
]
