"""Every line the commands print goes through :func:`say`: a path, a title or an error from a
case file may hold a terminal's escape sequences (a file named with ESC, issue 22), and none of
them reaches the terminal."""

from __future__ import annotations

import sys

from ..case.clean import printable


def say(*parts: object, file=None, sep: str = " ", end: str = "\n", flush: bool = False) -> None:
    """``print`` without control characters (line breaks kept)."""
    text = printable(sep.join(str(p) for p in parts))
    print(text, file=file if file is not None else sys.stdout, end=end, flush=flush)
