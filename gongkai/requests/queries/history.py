"""An applicant's history at a body: likely duplicates (第三十六条第（六）项) and monthly counts
(第三十五条). Shown at intake and on the case page; staff decide, nothing here decides for them."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.db.models import Q

from gongkai.requests.models import Request
from gongkai.requests.rules.similarity import likely_duplicates


def duplicates_of(r: Request) -> list[tuple[Request, float]]:
    """Earlier requests of the same applicant, and the body's last 12 months, that ask the same."""
    since = r.arrived_on - timedelta(days=365)
    earlier = (
        Request.objects.filter(body=r.body)
        .filter(Q(applicant=r.applicant) | Q(arrived_on__gte=since))
        .exclude(pk=r.pk)
        .prefetch_related("items")
    )
    by_pk = {c.pk: c for c in earlier}
    found = likely_duplicates(_text(r), [(c.pk, _text(c)) for c in by_pk.values()])
    return [(by_pk[pk], score) for pk, score in found]


def _text(r: Request) -> str:
    return " ".join([r.subject, *(i.description for i in r.items.all())])


def monthly_counts(r: Request) -> Counter[str]:
    """How many requests the applicant filed with this body in each month ("2025-09": 3)."""
    dates = Request.objects.filter(body=r.body, applicant=r.applicant).values_list("arrived_on", flat=True)
    return Counter(d.strftime("%Y-%m") for d in dates)
