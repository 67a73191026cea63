"""A read-only SQLite store's file, followed by its identity on disk.

Someone may replace the store under a running server (a restored backup, a store built
elsewhere and moved into place) or move it away for a moment. Connections opened on the
old file would go on reading it, and SQLite asked to open a missing file would create an
empty one. So before each read the path is looked at (one `stat`, a microsecond): a
missing file makes the store unavailable until it is back, and a file of another
identity (device and inode) tells the store to drop its connections and open the new one.
"""

import os
import threading
from pathlib import Path

Identity = tuple[int, int]  # (device, inode)


class FollowedFile:
    """The file at `path`, and which file it was at the last look."""

    def __init__(self, path: Path):
        self.path = path
        self.identity: Identity | None = None
        self._lock = threading.Lock()

    def replaced(self) -> bool:
        """Look at the path: True when another file has taken the place of the one read
        before (the caller reopens); FileNotFoundError while there is no file."""
        found = os.stat(self.path)
        identity = (found.st_dev, found.st_ino)
        with self._lock:
            replaced = self.identity is not None and identity != self.identity
            self.identity = identity
        return replaced
