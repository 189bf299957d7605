"""The Qt (PySide6) desktop front end. Imports hallwatch, never the reverse."""
