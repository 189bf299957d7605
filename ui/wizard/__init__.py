"""The first-run wizard: create the hall, or open the demo hall."""

from ui.wizard.first_run_wizard import FirstRunWizard

__all__ = ["FirstRunWizard"]
