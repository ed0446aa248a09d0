"""`weerbaar siting solve` as others script it: run as a subprocess, like they do."""

import json
import subprocess
import sys

import numpy as np
import pytest

from . import brute

KEYS = {"model", "selected", "objective", "bound", "gap", "seconds", "status"}


def run(*args):
    cmd = [sys.executable, "-m", "weerbaar.cli", "siting", "solve", *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The same small instance as .npy and .csv, weights as (n,), (n,1) and .csv."""
    root = tmp_path_factory.mktemp("siting")
    costs, weights = brute.instance(2, inf_share=0.05)
    np.save(root / "c.npy", costs)
    np.savetxt(root / "c.csv", costs, delimiter=",")
    np.save(root / "w.npy", weights)
    np.save(root / "w_col.npy", weights.reshape(-1, 1))
    np.savetxt(root / "w.csv", weights)
    return root, costs, weights


@pytest.mark.parametrize(
    ("model", "flags"),
    [("pmedian", ["--p", 2]), ("mclp", ["--p", 2, "--radius", 4]), ("pcenter", ["--p", 2])],
)
@pytest.mark.parametrize(("cfile", "wfile"), [("c.npy", "w_col.npy"), ("c.csv", "w.csv")])
def test_solves_and_prints_json(files, model, flags, cfile, wfile):
    root, costs, weights = files
    done = run("--costs", root / cfile, "--weights", root / wfile, "--model", model, *flags,
               "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert set(answer) >= KEYS and answer["model"] == model
    assert answer["status"] == "optimal" and answer["selected"] == sorted(answer["selected"])
    if model == "pmedian":
        assert answer["objective"] == pytest.approx(brute.pmedian(costs, weights, 2))


def test_lscp_fast_and_infeasible(files):
    root, costs, weights = files
    flags = ["--radius", 0.5, "--method", "fast", "--seed", 4, "--time-limit", 30, "--json"]
    done = run("--costs", root / "c.npy", "--weights", root / "w.npy", "--model", "lscp", *flags)
    answer = json.loads(done.stdout)
    assert done.returncode == 0
    assert answer["status"] == "infeasible" and answer["selected"] == []
    assert answer["objective"] is None and answer["bound"] is None and answer["gap"] is None
    assert answer["uncoverable_rows"]


def _write(root, name, array):
    path = root / name
    if name.endswith(".npy"):
        np.save(path, array)
    else:
        np.savetxt(path, array, delimiter=",")
    return path


BAD = {
    "nan cost": ("nan.csv", np.array([[1.0, np.nan], [1.0, 2.0]]), ["--p", 1]),
    "negative cost": ("neg.npy", np.array([[1.0, -2.0], [1.0, 2.0]]), ["--p", 1]),
    "p too large": ("ok.npy", np.ones((2, 2)), ["--p", 3]),
    "p zero": ("ok.npy", np.ones((2, 2)), ["--p", 0]),
    "p missing": ("ok.npy", np.ones((2, 2)), []),
    "radius with pmedian": ("ok.npy", np.ones((2, 2)), ["--p", 1, "--radius", 2]),
    "p not an integer": ("ok.npy", np.ones((2, 2)), ["--p", "two"]),
    "empty matrix": ("empty.npy", np.ones((0, 2)), ["--p", 1]),
    "one-dimensional costs": ("flat.npy", np.ones(2), ["--p", 1]),
    "unknown extension": ("c.txt", None, ["--p", 1]),
    "missing file": ("absent.npy", None, ["--p", 1]),
    "unknown method": ("ok.npy", np.ones((2, 2)), ["--p", 1, "--method", "slow"]),
    "bad time limit": ("ok.npy", np.ones((2, 2)), ["--p", 1, "--time-limit", -1]),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_one_line_exit_2(tmp_path, case):
    name, costs, flags = BAD[case]
    cpath = _write(tmp_path, name, costs) if costs is not None else tmp_path / name
    if name == "c.txt":
        cpath.write_text("1,2\n")
    wpath = _write(tmp_path, "w.npy", np.ones(2))
    done = run("--costs", cpath, "--weights", wpath, "--model", "pmedian", *flags, "--json")
    assert done.returncode == 2, done.stdout
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


@pytest.mark.parametrize(
    ("weights", "args"),
    [
        (np.ones(3), ["--model", "pmedian", "--p", 1, "--json"]),  # shape mismatch
        (-np.ones(2), ["--model", "pmedian", "--p", 1, "--json"]),  # negative weight
        (np.ones(2), ["--model", "lscp", "--radius", 1, "--p", 1, "--json"]),  # p with lscp
        (np.ones(2), ["--model", "mclp", "--p", 1, "--json"]),  # radius missing
        (np.ones(2), ["--model", "pmedian", "--p", 1]),  # --json missing
        (np.ones(2), ["--model", "nearest", "--p", 1, "--json"]),  # unknown model
        (np.ones((2, 2)), ["--model", "pmedian", "--p", 1, "--json"]),  # weights 2 columns
    ],
)
def test_bad_weights_and_flags(tmp_path, weights, args):
    cpath = _write(tmp_path, "c.npy", np.ones((2, 2)))
    wpath = _write(tmp_path, "w.npy", weights)
    done = run("--costs", cpath, "--weights", wpath, *args)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_corrupt_npy_and_empty_csv(tmp_path):
    junk = tmp_path / "junk.npy"
    junk.write_bytes(b"not an array")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    wpath = _write(tmp_path, "w.npy", np.ones(2))
    for path in (junk, empty):
        done = run("--costs", path, "--weights", wpath, "--model", "pmedian", "--p", 1, "--json")
        assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
