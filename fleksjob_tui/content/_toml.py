"""The one TOML reader of the package: tomli where installed, else the standard library's tomllib.

tomli is the same parser as tomllib, compiled (mypyc) on common platforms: big cases and the
content files load about three times faster. Both raise ``TOMLDecodeError`` (a ValueError) with
the same messages, so callers handle one error type.
"""

from __future__ import annotations

try:
    from tomli import TOMLDecodeError, loads
except ImportError:  # pragma: no cover - tomli is a dependency
    from tomllib import TOMLDecodeError, loads

__all__ = ["TOMLDecodeError", "loads"]
