"""python -m bench [NAME...] [--scale tiny|S] [--json]."""

from __future__ import annotations

import sys

from bench.runner import main

sys.exit(main())
