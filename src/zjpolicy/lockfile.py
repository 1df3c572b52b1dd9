"""The lock that serialises writers of one database: a lock file beside it, gone when the write ends.

The lock is an flock on DB.lock. Its holder deletes the file before letting go, so
lock files do not pile up next to databases. That is safe because a taker checks,
once it holds the lock, that the file it locked is still the one at DB.lock: a
taker that waited on a file its holder has since deleted holds a lock nobody else
can see, so it lets go and tries again on the file now there (or a new one).
Only the holder deletes the file, so two takers never both pass that check.
A writer killed with kill -9 leaves its lock file behind, unlocked; the next
writer takes it and deletes it in turn.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Literal, Self

from zjpolicy.errors import ZjpolicyError

# Lock files this process holds: a forked worker closes its copies (loader's worker pool),
# so that a worker outliving a killed load does not keep its lock.
HELD_LOCKS: set[int] = set()
# How often a waiting writer tries the lock again (seconds).
POLL = 0.1


def lock_path(db_path: Path) -> Path:
    return Path(str(db_path) + ".lock")


class db_lock:
    """Serialise writers of db_path. on_wait is told once, with one line, when another holds the lock."""

    def __init__(
        self, db_path: Path, timeout: float = 60.0, *, on_wait: Callable[[str], None] | None = None
    ) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self.timeout = timeout
        self.on_wait = on_wait
        self.fd: int | None = None

    def __enter__(self) -> Self:
        import time

        deadline = time.monotonic() + self.timeout
        told = False
        while True:
            fd = self._open()
            taken = self._take(fd)
            if taken == "held":
                self.fd = fd
                HELD_LOCKS.add(fd)
                return self
            os.close(fd)
            if taken == "gone":
                continue  # the file its last holder deleted: take the one there now
            if time.monotonic() > deadline:
                raise ZjpolicyError(
                    f"another load into {self.db_path} has held the lock for {self.timeout:.0f} s; try again later"
                )
            if not told and self.on_wait is not None:
                self.on_wait(f"waiting for another load into {self.db_path}…")
                told = True
            time.sleep(POLL)

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
        except OSError as e:
            raise ZjpolicyError(f"{self.path}: cannot create lock file ({e.strerror})") from None

    def _take(self, fd: int) -> Literal["held", "busy", "gone"]:
        """Lock fd without waiting: held, busy (another holds it), or gone (its holder deleted it meanwhile)."""
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return "busy"
        if self._is_current(fd):
            return "held"
        fcntl.flock(fd, fcntl.LOCK_UN)
        return "gone"

    def _is_current(self, fd: int) -> bool:
        try:
            here = os.stat(self.path)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)

    def __exit__(self, *exc: object) -> None:
        import fcntl

        fd = self.fd
        if fd is None:
            return
        self.fd = None
        HELD_LOCKS.discard(fd)
        try:
            if self._is_current(fd):
                os.unlink(self.path)  # while still holding it: nobody else can be past the check
        except OSError:
            pass  # a folder we may not write to: the file stays, the lock still works
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
