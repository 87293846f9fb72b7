"""Shared set-up of the Python tests: where the sources, the command line
and a scratch folder are (ctest sets REEMUD, REEMUD_SOURCE_DIR,
REEMUD_TEST_TMP; run by hand, PYTHONPATH=python REEMUD=build/reemud)."""
import csv
import os
import shutil
import subprocess

import pytest

SRC = os.environ.get("REEMUD_SOURCE_DIR",
                     os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
EXAMPLE = os.path.join(SRC, "examples", "minamitorishima", "project.ini")
GSTAT = os.path.join(SRC, "tests", "data", "gstat")


@pytest.fixture(scope="session")
def cli():
    exe = os.environ.get("REEMUD") or os.path.join(SRC, "build", "reemud")
    if not os.path.exists(exe):
        pytest.skip("no reemud command line at %s" % exe)

    def run(*args, check=True):
        r = subprocess.run([exe, "-q"] + [str(a) for a in args], capture_output=True,
                           text=True)
        if check and r.returncode != 0:
            raise AssertionError("reemud %s: exit %d\n%s" % (" ".join(map(str, args)),
                                                             r.returncode, r.stderr))
        return r
    return run


@pytest.fixture(scope="session")
def scratch():
    base = os.path.join(os.environ.get("REEMUD_TEST_TMP", "/tmp/reemud-test"), "python")
    shutil.rmtree(base, ignore_errors=True)
    os.makedirs(base)
    return base


def read_csv_text(path):
    """A CSV file as a header and rows of cell texts."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]
