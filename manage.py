#!/usr/bin/env python
"""Django's manage.py; `fating` is the same with a few extra subcommands."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fating.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
