"""Official letters (GB/T 9704-2012) as PDF bytes: fonts, layout, rendering. Qt-free."""

from hallwatch.letters.fonts import FontRole, LetterFontError, LetterTextError, font_map
from hallwatch.letters.render import (
    LetterContent,
    LetterKind,
    format_date,
    format_number,
    render_letter,
)

__all__ = [
    "FontRole",
    "LetterContent",
    "LetterFontError",
    "LetterKind",
    "LetterTextError",
    "font_map",
    "format_date",
    "format_number",
    "render_letter",
]
