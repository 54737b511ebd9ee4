"""Extract the commands that README.md promises, so that tests and CI run exactly those.

README.md holds three commands (open, test, site), each in its own fenced ``bash`` block right after a marker
line::

    <!-- command: open -->
    ```bash
    python3 -m course open
    ```

The README is the single copy of each command: ``tests/test_packaging.py`` checks them
and ``.ci/run`` runs the ``test`` command it gets from this module. Only the standard
library is used, so CI can run it with any ``python3`` before a venv exists::

    python3 tests/readme_commands.py test
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
"""The README of this checkout."""

KINDS = ("open", "test", "site")
"""The commands the README must contain."""

_MARKER = re.compile(r"^\s*<!--\s*command:\s*(?P<kind>[\w-]+)\s*-->\s*$")
_OPEN_FENCE = re.compile(r"^```(?:bash|sh|shell)\s*$")
_CLOSE_FENCE = "```"


def readme_command(kind: str, readme_path: str | Path = README) -> str:
    """Return the one-line command that follows ``<!-- command: KIND -->`` in a README.

    Parameters
    ----------
    kind : str
        Which command, ``"open"``, ``"test"`` or ``"site"``.
    readme_path : str or pathlib.Path, optional
        The Markdown file to read; defaults to this checkout's README.md.

    Returns
    -------
    str
        The command, stripped, with backslash-newline continuations joined.

    Raises
    ------
    ValueError
        If the marker is missing or repeated, is not followed by exactly one fenced
        ``bash`` block, or the block is not a single non-empty logical line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = "# T\\n<!-- command: test -->\\n```bash\\necho hi && \\\\\\n  echo there\\n```\\n"
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = pathlib.Path(d, "README.md")
    ...     _ = path.write_text(text)
    ...     readme_command("test", path)
    'echo hi && echo there'
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    path = Path(readme_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [
        i for i, line in enumerate(lines)
        if (m := _MARKER.match(line)) and m.group("kind") == kind
    ]
    if len(starts) != 1:
        raise ValueError(
            f"{path}: expected exactly one '<!-- command: {kind} -->' marker, "
            f"found {len(starts)}"
        )
    i = starts[0] + 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines) or not _OPEN_FENCE.match(lines[i].strip()):
        raise ValueError(
            f"{path}: the '{kind}' marker must be followed by a ```bash fence, "
            f"got {lines[i] if i < len(lines) else 'end of file'!r}"
        )
    body = []
    for line in lines[i + 1:]:
        if line.strip() == _CLOSE_FENCE:
            break
        body.append(line)
    else:
        raise ValueError(f"{path}: the '{kind}' code block is never closed")
    logical = _logical_lines(body)
    if len(logical) != 1:
        raise ValueError(
            f"{path}: the '{kind}' block must hold exactly one command line, "
            f"found {len(logical)}: {logical!r}"
        )
    return logical[0]


def _logical_lines(body: list[str]) -> list[str]:
    """Join backslash continuations; drop blank lines and ``#`` comments."""
    logical, current = [], ""
    for raw in body:
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            current += line[:-1].rstrip() + " "
            continue
        logical.append((current + line).strip())
        current = ""
    if current.strip():
        logical.append(current.strip())
    return logical


def main(argv: list[str]) -> int:
    """Print the command named by ``argv[0]`` (optionally from README ``argv[1]``)."""
    if len(argv) not in (1, 2) or argv[0] not in KINDS:
        print(f"usage: readme_commands.py {{{'|'.join(KINDS)}}} [README.md]", file=sys.stderr)
        return 2
    try:
        print(readme_command(*argv))
    except (OSError, ValueError) as error:
        print(f"readme_commands.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
