"""The spot-check checklist (明查暗访检查清单): categories, items and their rules.

A finding names its checklist item by a stable code such as "presence.empty". A hall
edits its checklist (adds items, rewords them, takes them out of use), but an item is
never deleted and a code never changes category: findings and letters recorded under
a code keep their meaning for as long as they are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from hallwatch.domain.errors import FieldError

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "DEFAULT_ITEMS",
    "MAX_LABEL",
    "SEVERITY_LABELS",
    "Checklist",
    "ChecklistItem",
    "check_items",
    "default_checklist",
    "merge_defaults",
]

# In walking order: what an inspector sees first comes first.
CATEGORIES = ("presence", "appearance", "behaviour", "service", "order")
CATEGORY_LABELS = {
    "presence": "在岗情况",
    "appearance": "仪容仪表",
    "behaviour": "工作纪律",
    "service": "服务规范",
    "order": "窗口秩序",
}
SEVERITY_LABELS = {1: "一般", 2: "较重", 3: "严重"}
MAX_LABEL = 120
# The findings table keeps the code in 40 characters.
MAX_CODE = 40
_CODE = re.compile(r"^([a-z]+)\.[a-z0-9_]+$")


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One thing an inspector checks at a window."""

    code: str  # stable: "<category>.<name>"
    category: str  # one of CATEGORIES
    label: str  # shown to people, Chinese
    severity: int = 1  # default severity of a finding: 1 一般, 2 较重, 3 严重
    # A finding under this item gets a rectification deadline (rules.rectify_days) by default.
    rectify: bool = False
    # False: no longer offered for new findings; old findings keep their code and label.
    active: bool = True

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "category": self.category,
            "label": self.label,
            "severity": self.severity,
            "rectify": self.rectify,
            "active": self.active,
        }


def _item(code: str, label: str, severity: int, rectify: bool | None = None) -> ChecklistItem:
    category = code.split(".", 1)[0]
    return ChecklistItem(
        code, category, label, severity, severity >= 2 if rectify is None else rectify
    )


# DOMAIN.md "Spot checks": the categories and the items halls commonly check.
DEFAULT_ITEMS: tuple[ChecklistItem, ...] = (
    _item("presence.empty", "空岗（无人顶岗、无暂停服务标识）", 2),
    _item("presence.left_post", "脱岗、离岗", 2),
    _item("presence.chatting", "串岗（到其他岗位聊天）", 1),
    _item("presence.not_arrived", "上班时间未到岗", 2),
    _item("presence.early_stop", "未到下班时间提前停止受理", 2),
    _item("appearance.no_badge", "未佩戴工作牌", 1),
    _item("appearance.no_uniform", "未按规定穿着工作服", 1),
    _item("appearance.improper_dress", "着装不整、仪容不端", 1),
    _item("appearance.chewing_gum", "嚼口香糖", 1),
    _item("behaviour.phone", "工作时间玩手机", 2),
    _item("behaviour.games", "玩游戏、看视频", 2),
    _item("behaviour.shares", "炒股、网购等与工作无关的上网", 2),
    _item("behaviour.snacks", "在窗口吃零食", 1),
    _item("behaviour.smoking", "在服务区域吸烟", 2),
    _item("behaviour.horseplay", "嬉笑打闹、大声喧哗", 1),
    _item("behaviour.dozing", "工作时间睡觉、打瞌睡", 2),
    _item("behaviour.private_business", "工作时间办理私事", 1),
    _item("service.polite_phrases", "未使用文明用语（您好、请、谢谢、再见）", 1),
    _item("service.forbidden_phrase", "使用服务忌语（如“自己看”“不知道”“下班了明天来”）", 3),
    _item("service.attitude", "服务态度生硬、推诿扯皮", 2),
    _item("service.first_asked", "未落实首问负责制", 2),
    _item("service.no_one_time_notice", "未一次性告知所需材料", 2),
    _item("service.fees", "未按规定收费", 3),
    _item("service.favours", "吃拿卡要", 3),
    _item("order.desk_untidy", "台面不整洁、私人物品随意摆放", 1),
    _item("order.forms_missing", "办事指南、申请表缺货", 1),
    _item("order.equipment", "设备故障未及时报修", 1),
    _item("order.queue_order", "未按叫号顺序办理、插队", 2),
)


@dataclass(frozen=True, slots=True)
class Checklist:
    """A hall's checklist: every item ever used, in order (inactive ones too)."""

    items: tuple[ChecklistItem, ...]

    def item(self, code: str) -> ChecklistItem | None:
        """Return the item with this code (active or not), None for an unknown code."""
        return next((item for item in self.items if item.code == code), None)

    def active_items(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for item in self.items if item.active)

    def by_category(
        self, include_inactive: bool = False
    ) -> list[tuple[str, tuple[ChecklistItem, ...]]]:
        """Return (category, items) in walking order; categories without items are left out."""
        groups = []
        for category in CATEGORIES:
            items = tuple(
                item
                for item in self.items
                if item.category == category and (item.active or include_inactive)
            )
            if items:
                groups.append((category, items))
        return groups

    def label(self, code: str) -> str:
        """Return the item's label, or the code itself when no item has it."""
        found = self.item(code)
        return found.label if found else code

    def as_json(self) -> dict[str, Any]:
        return {"version": 1, "items": [item.as_json() for item in self.items]}

    @classmethod
    def from_json(cls, value: Any) -> Checklist:
        """Read a stored checklist; raise FieldError('items', …) when it is damaged."""
        items = value.get("items") if isinstance(value, Mapping) else None
        if not isinstance(items, list):
            raise FieldError(
                "items", "the saved checklist is damaged", "save the checklist again",
                code="checklist_damaged",
            )  # fmt: skip
        parsed = []
        for raw in items:
            if not isinstance(raw, Mapping):
                raise FieldError(
                    "items", "the saved checklist is damaged", code="checklist_damaged"
                )
            parsed.append(
                ChecklistItem(
                    code=str(raw.get("code", "")),
                    category=str(raw.get("category", "")),
                    label=str(raw.get("label", "")),
                    severity=raw.get("severity", 1),
                    rectify=bool(raw.get("rectify", False)),
                    active=bool(raw.get("active", True)),
                )
            )
        return cls(check_items(parsed))

    # --- edits: each returns a new checklist, checked ------------------------------

    def add(
        self,
        category: str,
        label: str,
        *,
        severity: int = 1,
        rectify: bool = False,
        code: str | None = None,
    ) -> Checklist:
        """Return the checklist with a new item; its code is made up when not given."""
        if category not in CATEGORIES:
            raise FieldError(
                "category",
                f"category {category!r} is not a checklist category",
                f"choose one of: {', '.join(CATEGORIES)}",
                code="unknown_category",
                params=(category,),
            )
        if code is None:
            taken = {item.code for item in self.items}
            number = 1
            while f"{category}.item_{number}" in taken:
                number += 1
            code = f"{category}.item_{number}"
        elif self.item(code) is not None:
            raise FieldError(
                "code",
                f"checklist code {code} is already used",
                "a code keeps its meaning for good: choose another",
                code="code_taken",
                params=(code,),
            )
        new = ChecklistItem(code, category, label.strip(), severity, rectify)
        return Checklist(check_items([*self.items, new]))

    def edit(
        self,
        code: str,
        *,
        label: str | None = None,
        severity: int | None = None,
        rectify: bool | None = None,
        active: bool | None = None,
    ) -> Checklist:
        """Return the checklist with one item reworded, re-rated, or taken out of (back in) use."""
        found = self.item(code)
        if found is None:
            raise FieldError(
                "code", f"no checklist item {code}", code="unknown_item", params=(code,)
            )
        changed = replace(
            found,
            label=found.label if label is None else label.strip(),
            severity=found.severity if severity is None else severity,
            rectify=found.rectify if rectify is None else rectify,
            active=found.active if active is None else active,
        )
        return Checklist(
            check_items([changed if item.code == code else item for item in self.items])
        )

    def deactivate(self, code: str) -> Checklist:
        return self.edit(code, active=False)


def default_checklist() -> Checklist:
    """Return the checklist a hall starts with."""
    return Checklist(DEFAULT_ITEMS)


def check_items(items: Iterable[ChecklistItem]) -> tuple[ChecklistItem, ...]:
    """Return the items if every one holds together, else raise FieldError naming the field."""
    seen: set[str] = set()
    checked = []
    for item in items:
        match = _CODE.match(item.code)
        if not match or len(item.code) > MAX_CODE:
            raise FieldError(
                "code",
                f"checklist code {item.code!r} is not valid",
                f"write it as category.name in lower case, at most {MAX_CODE} characters, "
                "e.g. service.attitude",
                code="invalid_code",
                params=(item.code,),
            )
        if item.category not in CATEGORIES:
            raise FieldError(
                "category",
                f"category {item.category!r} of {item.code} is not a checklist category",
                f"choose one of: {', '.join(CATEGORIES)}",
                code="unknown_category",
                params=(item.category,),
            )
        if match.group(1) != item.category:
            raise FieldError(
                "code",
                f"checklist code {item.code} does not start with its category {item.category}",
                code="code_category",
                params=(item.code, item.category),
            )
        if item.code in seen:
            raise FieldError(
                "code",
                f"checklist code {item.code} appears twice",
                code="code_taken",
                params=(item.code,),
            )
        seen.add(item.code)
        if not item.label:
            raise FieldError(
                "label", f"checklist item {item.code} has no label", code="required",
                params=(item.code,),
            )  # fmt: skip
        if len(item.label) > MAX_LABEL:
            raise FieldError(
                "label",
                f"the label of {item.code} is longer than {MAX_LABEL} characters",
                code="too_long",
                params=(MAX_LABEL,),
            )
        severity = item.severity
        if isinstance(severity, bool) or not isinstance(severity, int) or not 1 <= severity <= 3:
            raise FieldError(
                "severity",
                f"severity {severity!r} of {item.code} is not 1–3",
                "1 一般, 2 较重, 3 严重",
                code="range",
                params=(1, 3),
            )
        checked.append(item)
    if not any(item.active for item in checked):
        raise FieldError(
            "items",
            "the checklist has no item in use",
            "keep at least one item active",
            code="checklist_empty",
        )
    return tuple(checked)


def merge_defaults(stored: Checklist) -> Checklist:
    """Return a stored checklist with the default items it lacks appended (new releases)."""
    codes = {item.code for item in stored.items}
    extra = tuple(item for item in DEFAULT_ITEMS if item.code not in codes)
    return Checklist(stored.items + extra) if extra else stored
