"""Export the Drenthe demand layer and proxy candidate sites to an .npz (project venv).

    cd /work/main && .venv/bin/python bench/export_drenthe.py --out /tmp/drenthe.npz

Writes ``demand_xy`` (n, 2, RD metres), ``residents`` (n,), ``cand_xy`` (m, 2, RD metres,
from lon/lat via ``weerbaar.engines.travel.to_rd``) and ``cand_code`` (m,). Reads the
project's database (var/weerbaar.sqlite3 by default) read-only.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("WEERBAAR_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.config.settings")
    import django

    django.setup()
    from weerbaar.apps.regions.models import DemandPoint
    from weerbaar.apps.supportpoints.models import CandidateSite
    from weerbaar.engines.travel import to_rd

    dp = list(DemandPoint.objects.order_by("code").values_list("x", "y", "residents"))
    cs = list(CandidateSite.objects.order_by("code").values_list("code", "lon", "lat"))
    if not dp or not cs:
        sys.exit(
            "no demand points or candidate sites: load the reference data first "
            "(weerbaar migrate && weerbaar load-reference && weerbaar load-supportpoints)"
        )
    demand = np.array(dp, dtype=np.float64)
    lon = np.array([c[1] for c in cs])
    lat = np.array([c[2] for c in cs])
    cx, cy = to_rd(lon, lat)
    np.savez(
        args.out,
        demand_xy=demand[:, :2],
        residents=demand[:, 2],
        cand_xy=np.column_stack([cx, cy]),
        cand_code=np.array([c[0] for c in cs]),
    )
    print(f"{len(dp)} demand points ({int(demand[:, 2].sum())} residents), {len(cs)} candidates")


if __name__ == "__main__":
    main()
