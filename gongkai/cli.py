"""The `gongkai` command: `gongkai report …` for the report tools, any Django command otherwise."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Dispatch on the first argument; `gongkai migrate`, `gongkai start`, … reach Django."""
    if sys.argv[1:3] == ["report", "import"] and "--queue" in sys.argv:
        # The queued batch needs the database: `gongkai import_reports PATH... --body ID --user NAME`.
        sys.argv = [sys.argv[0], "import_reports", *(a for a in sys.argv[3:] if a != "--queue")]
    elif len(sys.argv) > 1 and sys.argv[1] == "report":
        from gongkai.report_format.cli import main as report_main

        sys.exit(report_main(sys.argv[2:]))

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
