"""Fee quotes from a definition's fee rule and the current answers.

Amounts are data in the definition (a province's council may change them);
this module only does the arithmetic and explains it. Every amount is a
whole number of VND. A quote is ``complete`` only when every answer the rule
needs is present; an incomplete quote still has the amount known so far
(the UI labels it "dự kiến", estimated).

Certified copies follow Circular 226/2016/TT-BTC: per copy, 2,000 VND for
each of pages 1-2 and 1,000 VND for each further page, at most 200,000 VND
per copy; times the number of copies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from kiosk.office_day import office_today
from kiosk.payments.money import format_vnd_in_text
from kiosk.procedures.base import Answers, JsonValue, LocalText
from kiosk.procedures.model import (
    ByChannelFee,
    ByChoiceFee,
    ConditionalFee,
    FeeRule,
    FixedFee,
    FreeFee,
    PerPageFee,
    PerUnitFee,
    ProcedureDefinition,
    SumFee,
)
from kiosk.procedures.rules import lookup

type Channel = Literal["in_person", "online"]
"""How the dossier is filed: at the counter (the kiosk) or through the portal."""

CHANNELS: tuple[Channel, ...] = ("in_person", "online")


@dataclass(frozen=True)
class FeeLine:
    """One line of a quote, e.g. "Chứng thực bản sao: 5 trang × 2 bản" 14,000 VND."""

    label: LocalText
    amount_vnd: int


@dataclass(frozen=True)
class FeeQuote:
    """The fee for a case: total, explanation for the citizen, and the lines behind it."""

    amount_vnd: int
    explanation: LocalText
    lines: tuple[FeeLine, ...]
    complete: bool = True


_FREE = LocalText("Miễn lệ phí", "Free of charge")
_FEE = LocalText("Lệ phí", "Fee")
_UNKNOWN = LocalText(
    "Chưa đủ thông tin để tính lệ phí", "Not enough information yet to work out the fee"
)


def copy_fee(pages: int, first_pages: int, first_rate: int, next_rate: int, cap: int | None) -> int:
    """Fee for one certified copy of a document with ``pages`` pages."""
    if pages <= 0:
        return 0
    fee = min(pages, first_pages) * first_rate + max(pages - first_pages, 0) * next_rate
    return fee if cap is None else min(fee, cap)


def _count(value: JsonValue) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


@dataclass
class _Quoting:
    answers: Answers
    channel: Channel
    today: dt.date
    complete: bool = True

    def lines(self, rule: FeeRule, reason: LocalText | None = None) -> list[FeeLine]:
        match rule:
            case FreeFee(label=label):
                return [FeeLine(_join(label or _FREE, reason), 0)]
            case FixedFee(amount=amount, label=label):
                return [FeeLine(_join(label or _FEE, reason), amount)]
            case PerUnitFee():
                return self._per_unit(rule, reason)
            case PerPageFee():
                return self._per_page(rule)
            case ByChannelFee(in_person=in_person, online=online):
                return self.lines(in_person if self.channel == "in_person" else online, reason)
            case ByChoiceFee(field=field, cases=cases):
                chosen = self.answers.get(field)
                for value, sub_rule in cases:
                    if value == chosen:
                        return self.lines(sub_rule, reason)
                self.complete = False
                return [FeeLine(_UNKNOWN, 0)]
            case ConditionalFee(cases=cases, otherwise=otherwise):
                if any(
                    lookup(path, self.answers) is None
                    for case in cases
                    for path in case.when.variables
                ):
                    self.complete = False
                for case in cases:
                    if case.when.holds(self.answers, today=self.today):
                        return self.lines(case.fee, case.reason)
                return self.lines(otherwise, rule.otherwise_reason)
            case SumFee(parts=parts):
                return [line for part in parts for line in self.lines(part)]
        raise AssertionError(f"unknown fee rule {rule!r}")  # pragma: no cover

    def _per_unit(self, rule: PerUnitFee, reason: LocalText | None) -> list[FeeLine]:
        count = _count(self.answers.get(rule.count_field))
        if count is None:
            self.complete = False
            return []
        if count == 0:
            return []
        label = rule.label or _FEE
        text = LocalText(
            f"{label.vi}: {count} × {format_vnd_in_text(rule.rate, 'vi')}",
            f"{label.en}: {count} × {format_vnd_in_text(rule.rate, 'en')}",
        )
        return [FeeLine(_join(text, reason), count * rule.rate)]

    def _per_page(self, rule: PerPageFee) -> list[FeeLine]:
        if rule.group is None:
            items: list[tuple[str | None, JsonValue, JsonValue]] = [
                (None, self.answers.get(rule.pages_field), self.answers.get(rule.copies_field))
            ]
        else:
            members = self.answers.get(rule.group)
            items = []
            for member in members if isinstance(members, list) else []:
                if isinstance(member, dict):
                    name = member.get(rule.name_field) if rule.name_field else None
                    items.append(
                        (
                            name if isinstance(name, str) else None,
                            member.get(rule.pages_field),
                            member.get(rule.copies_field),
                        )
                    )
            if not items:
                self.complete = False
        result: list[FeeLine] = []
        label = rule.label or LocalText("Chứng thực bản sao", "Certified copy")
        for name, raw_pages, raw_copies in items:
            pages, copies = _count(raw_pages), _count(raw_copies)
            if pages is None or copies is None:
                self.complete = False
                continue
            per_copy = copy_fee(
                pages, rule.first_pages, rule.first_rate, rule.next_rate, rule.cap_per_copy
            )
            prefix_vi = f"{label.vi} – {name}" if name else label.vi
            prefix_en = f"{label.en} – {name}" if name else label.en
            result.append(
                FeeLine(
                    LocalText(
                        f"{prefix_vi}: {pages} trang × {copies} bản",
                        f"{prefix_en}: {pages} {_plural(pages, 'page')} × {copies} "
                        f"{_plural(copies, 'copy', 'copies')}",
                    ),
                    per_copy * copies,
                )
            )
        return result


def _plural(count: int, one: str, many: str | None = None) -> str:
    return one if count == 1 else (many or f"{one}s")


def _join(label: LocalText, reason: LocalText | None) -> LocalText:
    if reason is None:
        return label
    return LocalText(f"{label.vi} ({reason.vi})", f"{label.en} ({reason.en})")


def quote_rule(
    rule: FeeRule,
    answers: Answers,
    *,
    channel: Channel = "in_person",
    today: dt.date | None = None,
) -> FeeQuote:
    """A quote for a bare fee rule (what :func:`compute_fee` does for a definition)."""
    quoting = _Quoting(answers, channel, today or office_today())
    lines = tuple(quoting.lines(rule))
    total = sum(line.amount_vnd for line in lines)
    return FeeQuote(total, _explain(total, lines), lines, quoting.complete)


def compute_fee(
    definition: ProcedureDefinition,
    answers: Answers,
    channel: Channel = "in_person",
    today: dt.date | None = None,
) -> FeeQuote:
    """The fee for a case of ``definition`` with these answers.

    ``channel`` selects in-person or online rates where the rule has both;
    ``today`` (default: today) matters for rules such as "free within 60 days".
    """
    return quote_rule(definition.fee, answers, channel=channel, today=today)


def _explain(total: int, lines: tuple[FeeLine, ...]) -> LocalText:
    if total == 0:
        reasons = [line.label for line in lines if line.label != _FREE]
        if not reasons:
            return _FREE
        return LocalText(
            "; ".join(line.vi for line in reasons), "; ".join(line.en for line in reasons)
        )
    details_vi = "; ".join(
        f"{line.label.vi}: {format_vnd_in_text(line.amount_vnd, 'vi')}" for line in lines
    )
    details_en = "; ".join(
        f"{line.label.en}: {format_vnd_in_text(line.amount_vnd, 'en')}" for line in lines
    )
    return LocalText(
        f"Tổng cộng {format_vnd_in_text(total, 'vi')} ({details_vi})",
        f"Total {format_vnd_in_text(total, 'en')} ({details_en})",
    )
