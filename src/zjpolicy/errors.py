"""The one exception the library raises; the CLI turns it into a one-line error."""


class ZjpolicyError(Exception):
    """A problem the user can act on; its message is shown as one line."""

    exit_code = 2



def cannot_read(name: str, error: OSError, *, kind: str = "file") -> ZjpolicyError:
    """The one-line error for a file that could not be read (`kind` names what the file was to be)."""
    if isinstance(error, PermissionError):
        return ZjpolicyError(f"{name}: permission denied")
    if isinstance(error, IsADirectoryError):
        return ZjpolicyError(f"{name}: is a folder" + ("" if kind == "file" else f", not a {kind}"))
    if isinstance(error, FileNotFoundError):
        return ZjpolicyError(f"{name}: no such {kind}")
    return ZjpolicyError(f"{name}: cannot read ({error.strerror})")
