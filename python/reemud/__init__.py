"""reemud — deep-sea rare-earth mud assessment, from Python.

A binding over the C library libreemud (cffi, ABI mode): the same engine and
the same results as the ``reemud`` command line.

    import reemud
    r = reemud.krige(coords, values, targets, "0.05 Nug + 0.59 Sph(897)", nmax=24)
    p = reemud.Project("examples/minamitorishima/project.ini")
    est = p.estimate()            # est["blockmodel"] is an xarray.Dataset

See docs/python.md.
"""
from ._lib import (ReemudError, InputError, PhysicsError, OutputExistsError,
                   ReemudIOError, NumericalError, ffi as _ffi, lib as _lib, library_path)
from .geostat import Grid, krige, vario, variogram_model
from .project import Project, lift, open_blockmodel, read_csv_columns

__version__ = _ffi.string(_lib.rm_version()).decode()

__all__ = ["Grid", "krige", "vario", "variogram_model", "Project", "lift",
           "open_blockmodel", "read_csv_columns", "ReemudError", "InputError",
           "PhysicsError", "OutputExistsError", "ReemudIOError", "NumericalError",
           "library_path", "__version__"]
