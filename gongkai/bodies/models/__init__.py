"""The models of the app, one module per subject; importing them here is how Django finds them."""

from gongkai.bodies.models.bodies import Body, BodyChange, StaffMembership, subtrees

__all__ = [
    "Body",
    "BodyChange",
    "StaffMembership",
    "subtrees",
]
