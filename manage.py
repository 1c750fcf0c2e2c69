#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    # Management commands are a developer's tool first: on a laptop they run in debug mode (a development secret key,
    # mail to the console) without any set-up. The web server (portal/wsgi.py) and the Celery processes keep the
    # secure default, and production sets DJANGO_DEBUG=false in its environment for everything.
    os.environ.setdefault("DJANGO_DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
