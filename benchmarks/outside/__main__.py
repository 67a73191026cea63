"""python -m benchmarks.outside: see benchmarks/outside/run.py."""

import sys

from benchmarks.outside.run import main

sys.exit(main())
