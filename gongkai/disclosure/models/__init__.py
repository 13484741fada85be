from .catalogue import Basis, CatalogueEvent, CatalogueNode, Frequency
from .items import (
    Attachment,
    Channel,
    Disclosure,
    Item,
    ItemChange,
    ItemChannel,
    ItemEvent,
    ItemVersion,
    Validity,
)
from .registers import DecisionCount, FeeIncome, NormativeDocument, RegisterEvent
from .review import IndexCounter, IndexRule, ReviewStep, SensitiveWord, StepName

__all__ = [
    "Attachment",
    "Basis",
    "CatalogueEvent",
    "CatalogueNode",
    "Channel",
    "DecisionCount",
    "Disclosure",
    "FeeIncome",
    "Frequency",
    "IndexCounter",
    "IndexRule",
    "Item",
    "ItemChange",
    "ItemChannel",
    "ItemEvent",
    "ItemVersion",
    "NormativeDocument",
    "RegisterEvent",
    "ReviewStep",
    "SensitiveWord",
    "StepName",
    "Validity",
]
