"""信息处理费 under 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号), pure Python.

Both methods are 超额累进 (办法第三条): each unit is priced by the band it falls in, like income
tax brackets, so the fee for "the next n" depends on how many came before. The bands are data
(``PER_PIECE``, ``PER_VOLUME``); one generic walk over them prices any range of units without
looping per unit (a request of 100,000 pages costs four steps).

Charging is discretionary (条例第四十二条 "可以"); this module only prices a decision already
taken. The 办法 lists no waivers; ``apply_waiver`` exists for local rules that add them and
always records why.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Literal, NamedTuple

from gongkai.requests.rules.deadlines import FEE_PAYMENT_DAYS

if TYPE_CHECKING:
    from gongkai.workdays.rules.calendar import WorkCalendar

Method = Literal["per_piece", "per_volume"]
METHODS: dict[Method, str] = {"per_piece": "按件计收", "per_volume": "按量计收"}
ARTICLES: dict[Method, str] = {"per_piece": "第四条", "per_volume": "第五条"}

MEASURE = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


class FeeError(ValueError):
    """A fee rule refused the input; the message is Chinese and can be shown to staff."""


@dataclass(frozen=True)
class Band:
    """Units ``first``–``last`` (inclusive; ``last`` None = open-ended) cost ``price`` yuan each."""

    first: int
    last: int | None
    price: int


@dataclass(frozen=True)
class Schedule:
    """A progressive tariff: fixed bands, then optionally bands of ``step_width`` units whose
    price rises by ``step_price`` each (办法第四条第（三）项: "以10件为一档，每增加一档，收费标准提高100元/件")."""

    unit: str  # 件 or 页
    bands: tuple[Band, ...]
    step_width: int = 0
    step_price: int = 0

    def band_of(self, k: int) -> Band:
        """The band holding the k-th unit (k ≥ 1)."""
        for band in self.bands:
            if band.last is None or k <= band.last:
                return band
        start = (self.bands[-1].last or 0) + 1  # reached only when the last fixed band is closed
        index = (k - start) // self.step_width
        first = start + index * self.step_width
        return Band(first, first + self.step_width - 1, self.bands[-1].price + self.step_price * (index + 1))

    def split(self, before: int, count: int) -> Iterator[tuple[Band, int, int]]:
        """(band, first, last) for units before+1 … before+count, one entry per band crossed."""
        k, end = before + 1, before + count
        while k <= end:
            band = self.band_of(k)
            last = end if band.last is None else min(end, band.last)
            yield band, k, last
            k = last + 1


# 办法第四条: per applicant, per natural month, cumulative.
PER_PIECE = Schedule(
    unit="件",
    bands=(Band(1, 10, 0), Band(11, 30, 100)),
    step_width=10,
    step_price=100,
)

# 办法第五条: per application, by pages.
PER_VOLUME = Schedule(
    unit="页",
    bands=(Band(1, 30, 0), Band(31, 100, 10), Band(101, 200, 20), Band(201, None, 40)),
)

SCHEDULES: dict[Method, Schedule] = {"per_piece": PER_PIECE, "per_volume": PER_VOLUME}

BASIS: dict[Method, str] = {
    "per_piece": (
        f"依据{MEASURE}{ARTICLES['per_piece']}按件计收：同一申请人一个自然月内累计申请10件以下（含10件）的不收费，"
        "11—30件（含30件）的部分每件100元，31件以上的部分以10件为一档、每增加一档每件提高100元。"
    ),
    "per_volume": (
        f"依据{MEASURE}{ARTICLES['per_volume']}按量计收：同一申请30页以下（含30页）的不收费，31—100页（含100页）的部分"
        "每页10元，101—200页（含200页）的部分每页20元，201页以上的部分每页40元。"
    ),
}


class FeeBand(NamedTuple):
    """One line of the breakdown on the 收费通知书."""

    label: str  # 第11—30件
    unit_price: int
    quantity: int
    subtotal: int


@dataclass(frozen=True)
class FeeQuote:
    """The fee for one decision, with its breakdown and legal basis."""

    method: Method
    amount: int  # yuan
    bands: tuple[FeeBand, ...]
    basis: str
    quantity: int  # applications (按件) or pages (按量) priced by this quote
    counted_before: int = 0  # 按件: the applicant's earlier applications in the same month
    waiver_reason: str = ""
    waived_amount: int = 0  # what would have been due without the waiver

    @property
    def waived(self) -> bool:
        return bool(self.waiver_reason)

    def describe(self) -> str:
        """The fee sentence of the 收费通知书."""
        unit = SCHEDULES[self.method].unit
        if self.method == "per_piece":
            numbered = _range(self.counted_before + 1, self.counted_before + self.quantity, unit)
            head = f"申请人本自然月内此前已提出政府信息公开申请{self.counted_before}件，本次申请"
            head += f"计为本月{numbered}" if self.quantity == 1 else f"{self.quantity}件，计为本月{numbered}"
        else:
            head = f"本次申请提供政府信息共{self.quantity}页"
        lines = "；".join(_band_text(b, unit) for b in self.bands)
        text = f"{head}。依据《政府信息公开信息处理费管理办法》{ARTICLES[self.method]}{METHODS[self.method]}：{lines}。"
        if self.waived:
            return (
                text + f"按上述标准应收信息处理费{self.waived_amount}元，因{self.waiver_reason}，予以免收。"
            )
        if self.amount == 0:
            return text + "未超过免费范围，不收取信息处理费。"
        return text + f"应缴纳信息处理费{self.amount}元。"


def per_piece_rate(k: int) -> int:
    """Yuan charged for the applicant's k-th application of a natural month (办法第四条)."""
    _require_count(k, "件数")
    return PER_PIECE.band_of(k).price


def per_piece_fee(count_in_month_before: int, new_count: int = 1) -> FeeQuote:
    """The fee for the next ``new_count`` applications of an applicant who has already filed
    ``count_in_month_before`` in the same natural month (after "一事一申请" splitting)."""
    _require_count(count_in_month_before, "本月此前申请件数", minimum=0)
    _require_count(new_count, "本次申请件数")
    return _quote("per_piece", count_in_month_before, new_count)


def per_volume_fee(pages: int) -> FeeQuote:
    """The fee for one application providing ``pages`` pages (办法第五条)."""
    _require_count(pages, "页数")
    return _quote("per_volume", 0, pages)


def choose_method(methods: Collection[str]) -> Method:
    """The one method an application is charged by; both together is refused (办法第三条)."""
    chosen = set(methods)
    unknown = chosen - set(METHODS)
    if unknown:
        raise FeeError(f"未知的收费方式：{'、'.join(sorted(unknown))}")
    if not chosen:
        raise FeeError("请选择收费方式：按件计收或者按量计收")
    if len(chosen) > 1:
        raise FeeError(
            "同一申请只能选择按件计收或者按量计收中的一种标准，不得同时按照两种标准重复计算（办法第三条）"
        )
    return next(m for m in METHODS if m in chosen)


def apply_waiver(quote: FeeQuote, reason: str) -> FeeQuote:
    """The quote reduced to 0 yuan, keeping the breakdown and why it was waived."""
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        raise FeeError("免收信息处理费必须写明理由")
    original = quote.waived_amount if quote.waived else quote.amount
    return replace(quote, amount=0, waiver_reason=reason, waived_amount=original)


def payment_due(notice_received: date, calendar: WorkCalendar) -> date:
    """Last day to pay: the 20th working day counted from the day after the applicant received the
    收费通知 (收到收费通知次日起20个工作日内)."""
    return calendar.add_working_days(notice_received, FEE_PAYMENT_DAYS).due


def _quote(method: Method, before: int, count: int) -> FeeQuote:
    schedule = SCHEDULES[method]
    bands = tuple(
        FeeBand(
            _range(first, last, schedule.unit), band.price, last - first + 1, band.price * (last - first + 1)
        )
        for band, first, last in schedule.split(before, count)
    )
    return FeeQuote(
        method=method,
        amount=sum(b.subtotal for b in bands),
        bands=bands,
        basis=BASIS[method],
        quantity=count,
        counted_before=before,
    )


def _range(first: int, last: int, unit: str) -> str:
    return f"第{first}{unit}" if first == last else f"第{first}—{last}{unit}"


def _band_text(band: FeeBand, unit: str) -> str:
    if band.unit_price == 0:
        return f"{band.label}免费"
    if band.quantity == 1:
        return f"{band.label}{band.unit_price}元"
    return f"{band.label}每{unit}{band.unit_price}元，共{band.quantity}{unit}计{band.subtotal}元"


def _require_count(n: int, what: str, minimum: int = 1) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < minimum:
        raise FeeError(f"{what}应为正整数" if minimum == 1 else f"{what}应为不小于{minimum}的整数")
