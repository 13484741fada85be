"""The WSGI application that `gongkai start` serves with waitress.

Before it answers anything, jieba's dictionary is loaded (else the first search waits 1–3 s for it),
and everything loaded so far is moved out of the garbage collector's way (``gc.freeze``): a full
collection walked the hundreds of thousands of objects of Django, Jinja and jieba, 50–75 ms added
to whichever request it fell in.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

application = get_wsgi_application()

from gongkai.portal import segment  # noqa: E402  (needs the settings loaded above)

segment.load()
gc.freeze()
