"""rmcheck.py — numeric checks shared by the CLI tests' Python snippets.

The rule is the unit tests' (tests/unit/rm_test.h): a check fails on any
value that is not a finite number.  `abs(a - b) > tol` is False for NaN, so
failure tests are written as `not close(...)`; load_json refuses NaN and
Infinity, which json.load would otherwise accept.
"""
import json
import math


def finite(x):
    """True for a finite int or float (bool is not a number here)."""
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def close(a, b, tol):
    """True when a and b are finite and |a - b| <= tol."""
    return finite(a) and finite(b) and abs(a - b) <= tol


def rel_close(a, b, rel):
    """True when a and b are finite and |a - b| <= rel * |b|."""
    return finite(a) and finite(b) and abs(a - b) <= rel * abs(b)


def _refuse(name):
    raise ValueError(f"non-finite number {name} in JSON")


def load_json(path):
    """Parse a JSON file, failing on NaN, Infinity or -Infinity anywhere."""
    with open(path) as fp:
        return json.load(fp, parse_constant=_refuse)


def assert_close(what, a, b, tol):
    """Assert close(a, b, tol) with a message naming what."""
    assert close(a, b, tol), f"{what}: {a!r}, expected {b!r} ± {tol!r}"


def assert_rel(what, a, b, rel):
    """Assert rel_close(a, b, rel) with a message naming what."""
    assert rel_close(a, b, rel), f"{what}: {a!r}, expected {b!r} within {rel:.3g} relative"
