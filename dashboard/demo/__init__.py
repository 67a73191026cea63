"""The deterministic demo data set: ECHO India's real institutions at its published scale.

`catalogue` lists the real-world names (institutions, topics, cadres, remote
districts), `generate` turns them into frames with numpy, `build` writes the
frames into a migrated store in one transaction.
"""

from dashboard.demo.build import build_demo

__all__ = ["build_demo"]
