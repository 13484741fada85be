"""Which text of the 《条例》 governs a request, chosen by its receipt date, and the periods each sets.

The 2007 条例 (国务院令第492号, in force 2008-05-01) was revised by 国务院令第711号, in force
2019-05-15 (ogi-rules.md, the 条例 row). A request received before 2019-05-15 is handled under the
2007 text, one received on or after that day under the revised text:

- reply period: 15 working days, extended by at most 15 (2007 第二十四条第二款); 20 and at most 20
  under the revision (第三十三条第二款);
- time spent consulting third parties is not counted under both (2007 第二十四条第三款; 2019
  第三十三条第三款, which adds other agencies);
- the 2007 text sets no period for the 补正 notice (第二十一条第（四）项 only says the agency tells the
  applicant to change or add to the request) and none for the third party's answer (第二十三条);
  the 7 and 15 working days are the revision's (第三十条, 第三十二条). ``None`` means "no period".

The periods live here and nowhere else; ``deadlines.compute`` and the actions read them through
``regime_for``. No Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Regime:
    key: str
    in_force: date
    name: str  # shown to staff, e.g. 2007年《条例》
    decree: str
    reply_days: int
    max_extension_days: int
    correction_notice_days: int | None  # None: this text sets no period for the 补正 notice
    consultation_days: int | None  # None: this text gives the third party no answer period
    # Where each rule stands, as the explanation cites it.
    receipt_basis: str
    reply_basis: str
    correction_basis: str
    consultation_basis: str

    @property
    def label(self) -> str:
        """适用2007年《条例》 — what the case page shows beside its deadline."""
        return f"适用{self.name}"

    @property
    def is_current(self) -> bool:
        return self is CURRENT

    @property
    def summary(self) -> str:
        return (
            f"{self.label}（{self.decree}）：答复期限{self.reply_days}个工作日，"
            f"延长最长不超过{self.max_extension_days}个工作日（{self.reply_basis}）"
        )


REGIME_2007 = Regime(
    key="2007",
    in_force=date(2008, 5, 1),
    name="2007年《条例》",
    decree="国务院令第492号",
    reply_days=15,
    max_extension_days=15,
    correction_notice_days=None,
    consultation_days=None,
    receipt_basis="",  # the 2007 text has no article on the receipt date
    reply_basis="2007年《条例》第二十四条第二款",
    correction_basis="",  # nor one on the period after a 补正; counted as under the revision
    consultation_basis="2007年《条例》第二十四条第三款",
)

REGIME_2019 = Regime(
    key="2019",
    in_force=date(2019, 5, 15),
    name="2019年修订的《条例》",
    decree="国务院令第711号修订",
    reply_days=20,
    max_extension_days=20,
    correction_notice_days=7,
    consultation_days=15,
    receipt_basis="第三十一条",
    reply_basis="第三十三条第二款",
    correction_basis="第三十条",
    consultation_basis="第三十三条第三款",
)

# Oldest first; a request falls under the last text in force on its receipt date.
REGIMES: tuple[Regime, ...] = (REGIME_2007, REGIME_2019)
CURRENT = REGIMES[-1]


def regime_for(received_on: date | None) -> Regime:
    """The text governing a request received on ``received_on`` (the current one while unconfirmed)."""
    if received_on is None:
        return CURRENT
    found = REGIMES[0]
    for regime in REGIMES:
        if received_on >= regime.in_force:
            found = regime
    return found
