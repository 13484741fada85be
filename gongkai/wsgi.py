"""The WSGI application that `gongkai start` serves with waitress.

Before the first request: jieba's dictionary is loaded (the first search would wait 1–3 s for it),
every view module imported and the portal's templates compiled; then the heap built so far is frozen
(``gc.freeze``). Why: CPython's full collections walk every tracked object, ~0.6 µs each here, and
the ~80,000 objects of a started Django process made each one a 40–130 ms pause of every thread, hit
by the requests in flight (the p99 of item pages at 300 req/s went from ~15 to 60–135 ms in runs
with one). Frozen objects are never walked again; what requests leave in cycles still is.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

application = get_wsgi_application()


def _warm_up() -> None:
    from django.template import engines
    from django.urls import reverse

    from gongkai.portal.rules import segment

    segment.load()
    reverse("gk:search")  # imports every view module and builds the URL resolver
    portal = engines["portal"]
    env = portal.env  # type: ignore[attr-defined]  # the Jinja2 backend's environment
    for name in env.list_templates(filter_func=lambda n: n.startswith("portal/")):
        env.get_template(name)


_warm_up()
gc.collect()
gc.freeze()
