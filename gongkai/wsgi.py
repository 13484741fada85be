"""The WSGI application that `gongkai start` serves with waitress.

jieba's dictionary is loaded before the first request, which would otherwise wait 1–3 s for it.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

application = get_wsgi_application()

from gongkai.portal import segment  # noqa: E402  (needs the settings loaded above)

segment.load()
