"""Official letters (GB/T 9704-2012) as PDF bytes: fonts, layout, rendering. Qt-free."""

from hallwatch.letters.fonts import FontRole, LetterFontError, LetterTextError, font_map
from hallwatch.letters.render import (
    AppendixPhoto,
    LetterContent,
    LetterKind,
    format_date,
    format_number,
    letter_pages,
    render_letter,
)

__all__ = [
    "AppendixPhoto",
    "FontRole",
    "LetterContent",
    "LetterFontError",
    "LetterKind",
    "LetterTextError",
    "font_map",
    "format_date",
    "format_number",
    "letter_pages",
    "render_letter",
]
