"""Official letters (GB/T 9704-2012) as PDF bytes: fonts, layout, rendering. Qt-free.

Import the modules themselves (letters.render, letters.fonts, letters.templates):
this package imports nothing, so reading a template does not load ReportLab.
"""
