from gongkai.disclosure.models.catalogue import Basis, CatalogueEvent, CatalogueNode, Frequency
from gongkai.disclosure.models.items import (
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
from gongkai.disclosure.models.registers import DecisionCount, FeeIncome, NormativeDocument, RegisterEvent
from gongkai.disclosure.models.review import IndexCounter, IndexRule, ReviewStep, SensitiveWord, StepName

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
