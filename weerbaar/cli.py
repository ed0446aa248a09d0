"""The `weerbaar` command.

Sub-commands are Django management commands (`weerbaar load-reference` runs
`load_reference`). Engines that need no database (the siting solver, a later issue) are
dispatched before Django is set up, because their start-up time counts.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["siting"]:
        # The siting engine is pure NumPy/SciPy/HiGHS: skip Django's start-up entirely.
        from weerbaar.engines.siting.cli import main as siting_main

        sys.exit(siting_main(args[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.config.settings")
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["weerbaar", *args])


if __name__ == "__main__":
    main()
