"""Cases (办件): open cases and due dates, manual entry, the cases view."""
