"""Warning letters and notices (公文) and the register of their numbers."""
