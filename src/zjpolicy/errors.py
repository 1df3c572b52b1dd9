"""The one exception the library raises; the CLI turns it into a one-line error."""


class ZjpolicyError(Exception):
    """A problem the user can act on; its message is shown as one line."""

    exit_code = 2

