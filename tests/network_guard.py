"""No network for the notebooks' kernels: a guard that every kernel of a test run loads.

The root ``conftest.py`` calls :func:`install` when pytest starts (in every xdist worker
too): it writes :data:`GUARD` as the startup file of a fresh ``IPYTHONDIR`` and points
``IPYTHONDIR`` there, so every kernel this run starts (nbval's, the student copies',
the reproducibility checks') refuses connections to anything but loopback. A refused
attempt raises, and is also written to the kernel's stderr, which becomes an output of
the running cell: nbval compares each cell's outputs with the stored ones, so a notebook
that tried the network fails nbval even if it caught the error (nbval reports
"Unexpected output fields from running code: {'stderr'}" for that cell).

Kept free of imports from the repository and of third-party packages: the root conftest
loads it by path before anything else, and :data:`GUARD` runs inside the kernels.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

#: Loaded by IPython at kernel start (profile_default/startup). Kept free of imports
#: from the repository: it runs inside the notebooks' kernels.
GUARD = r'''
"""Refuse every network connection except to loopback (tests/network_guard.py)."""
import sys as _sys
import ipaddress as _ipaddress
import socket as _socket

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
_socket._alliances_blocked = []


def _alliances_is_local(host):
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    host = str(host).strip("[]").split("%")[0]
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return _ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _alliances_note(what):
    # Recorded, and said on stderr: in a kernel that becomes an output of the running
    # cell, which nbval does not find among the stored ones, so the notebook fails even
    # if it swallows the error.
    _socket._alliances_blocked.append(what)
    print(f"ALLIANCES-NETWORK refused: {what}", file=_sys.stderr, flush=True)


def _alliances_refuse(what):
    _alliances_note(what)
    raise ConnectionRefusedError(f"network access blocked while the notebooks run: {what}")


def _alliances_check(sock, address):
    if sock.family in (_socket.AF_INET, _socket.AF_INET6):
        host = address[0] if isinstance(address, tuple) else address
        if not _alliances_is_local(host):
            _alliances_refuse(f"connect to {address!r}")


_real_connect = _socket.socket.connect
_real_connect_ex = _socket.socket.connect_ex
_real_getaddrinfo = _socket.getaddrinfo


def _guarded_connect(self, address):
    _alliances_check(self, address)
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    _alliances_check(self, address)
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if not _alliances_is_local(host):
        _alliances_note(f"look up {host!r}")
        raise _socket.gaierror(_socket.EAI_NONAME,
                               f"network access blocked while the notebooks run: {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


_guarded_connect._alliances_guard = True
_socket.socket.connect = _guarded_connect
_socket.socket.connect_ex = _guarded_connect_ex
_socket.getaddrinfo = _guarded_getaddrinfo
'''


#: The file name of the guard in ``profile_default/startup``.
STARTUP_NAME = "00-no-network.py"


def write_guard(directory: Path) -> Path:
    """Make ``directory`` an IPYTHONDIR whose default profile loads :data:`GUARD`."""
    startup = Path(directory) / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    (startup / STARTUP_NAME).write_text(GUARD, encoding="utf-8")
    return Path(directory)


def install() -> Path:
    """A fresh guarded IPYTHONDIR, set in ``os.environ`` for every kernel started later."""
    directory = write_guard(Path(tempfile.mkdtemp(prefix="alliances-ipython-")))
    os.environ["IPYTHONDIR"] = str(directory)
    return directory


def uninstall(directory: Path, previous: str | None) -> None:
    """Remove the directory and restore the earlier IPYTHONDIR (or none)."""
    if previous is None:
        os.environ.pop("IPYTHONDIR", None)
    else:
        os.environ["IPYTHONDIR"] = previous
    shutil.rmtree(directory, ignore_errors=True)
