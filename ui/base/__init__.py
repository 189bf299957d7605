"""What every screen builds on: the translated-widget mixin (more with issue 12's ops layer)."""
