"""Computational engines that run without Django (no database, no settings).

Each sub-package is plain Python on NumPy/SciPy so that the ``weerbaar`` command can
dispatch to it before Django is set up.
"""
