"""The models of the app, one module per subject; importing them here is how Django finds them."""

from gongkai.portal.models.search import SearchDocument

__all__ = [
    "SearchDocument",
]
