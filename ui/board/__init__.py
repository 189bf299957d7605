"""看板: the hall's windows at a glance, with quick attendance actions per window."""
