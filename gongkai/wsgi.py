"""The WSGI application that `gongkai start` serves with waitress."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

application = get_wsgi_application()
