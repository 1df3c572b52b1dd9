"""Long output on a terminal goes through a pager, as `git log` does.

The pager is ZJPOLICY_PAGER, else PAGER, else `less`, run by the shell (so `less -S` works);
LESS defaults to FRX (quit when the text fits one screen, keep colours, leave the text on
the screen). An empty value or `cat` turns paging off, as `--no-pager` does. A pager that
is not installed is no error: the text is written as it is.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from typing import TextIO


def pager_command() -> str | None:
    """The shell command of the user's pager, or None when paging is off or there is none."""
    command = os.environ.get("ZJPOLICY_PAGER", os.environ.get("PAGER", "less")).strip()
    try:
        program = shlex.split(command)[0] if command else ""
    except ValueError:
        return None
    if program in ("", "cat") or shutil.which(program) is None:
        return None
    return command


def page(text: str, out: TextIO) -> bool:
    """Show text through the pager when it has more lines than the terminal; False when not paged."""
    try:
        height = os.get_terminal_size(out.fileno()).lines
    except (OSError, ValueError):
        return False
    command = pager_command()
    if command is None or text.count("\n") < height:
        return False
    env = {**os.environ}
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    out.flush()
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert pager.stdin is not None
    try:
        pager.stdin.write(text.encode(getattr(out, "encoding", None) or "utf-8", "replace"))
        pager.stdin.close()
    except BrokenPipeError:  # the reader quit before the end: not an error
        pass
    while True:
        try:
            pager.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C is the pager's to handle (less stays open); wait for it to end
            continue
