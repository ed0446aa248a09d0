"""``weerbaar siting solve``: the siting engine from the command line (no Django).

    weerbaar siting solve --costs FILE --weights FILE --model {pmedian,mclp,lscp,pcenter}
        [--p N] [--radius R] [--method {auto,exact,fast}] [--seed N] [--time-limit S] --json

Prints one JSON object (model, selected, objective, bound, gap, seconds, status, plus
uncoverable_rows and info). Bad input: one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

import numpy as np

from ._base import SpecificationError

MODELS = ("pmedian", "mclp", "lscp", "pcenter")
#: Which of --p / --radius each model needs; the other one is refused.
NEEDS = {
    "pmedian": {"p"},
    "mclp": {"p", "radius"},
    "lscp": {"radius"},
    "pcenter": {"p"},
}


class UsageError(Exception):
    """A command-line mistake, reported as one line with exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting (one line only)."""

    def error(self, message):
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="weerbaar siting", description="Siting optimizer (no database).")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    solve = sub.add_parser("solve", help="solve one siting model and print JSON")
    solve.add_argument("--costs", required=True, help=".npy or headerless .csv, rows x columns")
    solve.add_argument("--weights", required=True, help=".npy (n,) or (n,1), or one-column .csv")
    solve.add_argument("--model", required=True, choices=MODELS)
    solve.add_argument("--p", type=int, help="columns to select (pmedian, mclp, pcenter)")
    solve.add_argument("--radius", type=float, help="coverage radius (mclp, lscp)")
    solve.add_argument("--method", default="auto", choices=("auto", "exact", "fast"))
    solve.add_argument("--seed", type=int, default=0)
    solve.add_argument("--time-limit", type=float, default=None, dest="time_limit")
    solve.add_argument("--json", action="store_true", required=True, help="print JSON")
    return parser


def load_array(path: str) -> np.ndarray:
    """Read a .npy file or a headerless comma-separated .csv file."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in (".npy", ".csv"):
        raise UsageError(f"{path}: unknown file type (use .npy or .csv)")
    try:
        if suffix == ".npy":
            return np.load(file, allow_pickle=False)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an empty file is reported below, not warned
            return np.loadtxt(file, delimiter=",", dtype=np.float64, ndmin=2)
    except (OSError, ValueError, EOFError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from None


def make_model(args):
    """The model object for the parsed arguments (checks which flags apply)."""
    from . import LSCP, MCLP, PCenter, PMedian

    needs = NEEDS[args.model]
    for flag in ("p", "radius"):
        given = getattr(args, flag) is not None
        if flag in needs and not given:
            raise UsageError(f"--{flag} is required for --model {args.model}")
        if flag not in needs and given:
            raise UsageError(f"--{flag} does not apply to --model {args.model}")
    if args.model == "pmedian":
        return PMedian(args.p)
    if args.model == "mclp":
        return MCLP(args.p, args.radius)
    if args.model == "lscp":
        return LSCP(args.radius)
    return PCenter(args.p)


def run(argv: list[str]) -> dict:
    """Parse, load, solve; return the JSON-ready answer (raises on bad input)."""
    args = build_parser().parse_args(argv)
    model = make_model(args)
    costs = load_array(args.costs)
    weights = load_array(args.weights)
    if weights.ndim == 2 and weights.shape[0] == 1 and weights.shape[1] > 1:
        raise UsageError(f"{args.weights}: weights must be one column, got one row")
    result = model.solve(
        costs, weights, method=args.method, seed=args.seed, time_limit=args.time_limit
    )
    return result.to_dict()


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 2 bad input, 1 internal error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        answer = run(argv)
    except (UsageError, SpecificationError) as exc:
        return _fail(str(exc), 2)
    except Exception as exc:  # noqa: BLE001 - the contract is one line, never a traceback
        return _fail(f"internal error: {type(exc).__name__}: {exc}", 1)
    print(json.dumps(answer, default=_plain))
    return 0


def _fail(message: str, code: int) -> int:
    line = " ".join(message.split())
    print(f"weerbaar siting: error: {line}", file=sys.stderr)
    return code


def _plain(value):
    """JSON for NumPy scalars that slipped into `info`."""
    return value.item() if hasattr(value, "item") else str(value)


if __name__ == "__main__":
    sys.exit(main())
