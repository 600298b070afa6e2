"""Running the ``sysdesign`` command in tests: in this process (``cli``), or as the installed
console script or ``python -m sysdesign_core`` in a child process (``cli_process``), which the
tests about the entry points, exit codes and terminals use."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys

from sysdesign_core import cli as sysdesign_cli


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``sysdesign ARGS`` run by ``cli.main`` in this process (no interpreter start per call):
    the same exit status, stdout and stderr as the command, as a CompletedProcess."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = sysdesign_cli.main(list(args))
        except SystemExit as done:  # argparse's --help and usage errors
            code = done.code if isinstance(done.code, int) else 0 if done.code is None else 2
    return subprocess.CompletedProcess(["sysdesign", *args], code, out.getvalue(), err.getvalue())


def cli_process(*args: str, module: bool = False) -> subprocess.CompletedProcess[str]:
    """``sysdesign ARGS`` (or ``python -m sysdesign_core ARGS``) in a child process."""
    command = [sys.executable, "-m", "sysdesign_core"] if module else ["sysdesign"]
    return subprocess.run([*command, *args], capture_output=True, text=True, check=False)
