"""预警: alerts raised on this workstation."""
