"""设置: the set-up screens of a hall (details, units, windows, staff, hours, holidays, rules)."""

from ui.settings.settings_view import SettingsView

__all__ = ["SettingsView"]
