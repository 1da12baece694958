"""Deliberate misbehaviour of the training portal, for tests and training.

One seeded generator decides, per /api/v1 request, which fault (if any) applies,
so a run with the same seed and the same request order misbehaves the same way.
Every fault except ``FAIL_AFTER_COMMIT`` happens before the request is handled,
so it never changes the portal's data.
"""

from __future__ import annotations

import enum
import math
import random
import threading
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from sync.training_portal.problems import FieldError, validation_failed


class FaultKind(enum.Enum):
    NONE = "none"
    ERROR = "error"  # a 500/502/503 problem
    DROP = "drop"  # close the socket without a response
    STALL = "stall"  # wait stall_seconds, then drop
    RATE_LIMIT = "rate_limit"  # 429 with Retry-After
    GARBAGE = "garbage"  # 200 with a body that is not the contract's JSON
    FAIL_AFTER_COMMIT = "fail_after_commit"  # handle and commit, then drop


_RATE_FIELDS: tuple[tuple[str, FaultKind], ...] = (
    ("error_rate", FaultKind.ERROR),
    ("drop_rate", FaultKind.DROP),
    ("stall_rate", FaultKind.STALL),
    ("rate_limit_rate", FaultKind.RATE_LIMIT),
    ("garbage_rate", FaultKind.GARBAGE),
    ("fail_after_commit_rate", FaultKind.FAIL_AFTER_COMMIT),
)


@dataclass(frozen=True)
class FaultSettings:
    """Probabilities per request (their sum at most 1) and the knobs of each fault."""

    error_rate: float = 0.0
    drop_rate: float = 0.0
    stall_rate: float = 0.0
    rate_limit_rate: float = 0.0
    garbage_rate: float = 0.0
    fail_after_commit_rate: float = 0.0
    stall_seconds: float = 30.0
    retry_after: int = 1
    slow_ms: int = 0
    seed: int = 0

    def as_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, document: object) -> FaultSettings:
        """Build from a JSON object; omitted fields take their defaults.

        Raises a 422 :class:`~sync.training_portal.problems.ProblemError` listing
        every bad field.
        """
        if not isinstance(document, Mapping):
            raise validation_failed([FieldError("", "not_object", "Cần một đối tượng JSON.")])
        errors: list[FieldError] = []
        known = set(cls.__dataclass_fields__)
        for name in document:
            if name not in known:
                errors.append(FieldError(str(name), "unknown_field", "Trường không được hỗ trợ."))
        values: dict[str, float | int] = {}
        for name in known:
            if name not in document:
                continue
            raw = document[name]
            is_number = isinstance(raw, int | float) and not isinstance(raw, bool)
            if not is_number or not math.isfinite(raw):
                errors.append(FieldError(name, "not_number", "Cần một số."))
                continue
            if name.endswith("_rate"):
                if not 0.0 <= raw <= 1.0:
                    errors.append(FieldError(name, "out_of_range", "Cần một số từ 0 đến 1."))
                values[name] = float(raw)
            elif name in ("retry_after", "slow_ms", "seed"):
                if not isinstance(raw, int) or raw < 0:
                    errors.append(FieldError(name, "out_of_range", "Cần một số nguyên không âm."))
                values[name] = int(raw)
            else:
                if raw < 0:
                    errors.append(FieldError(name, "out_of_range", "Cần một số không âm."))
                values[name] = float(raw)
        if not errors:
            total = sum(float(values.get(name, 0.0)) for name, _ in _RATE_FIELDS)
            if total > 1.0 + 1e-9:
                errors.append(
                    FieldError(
                        "*_rate", "sum_over_one", "Tổng các tỉ lệ lỗi không được vượt quá 1."
                    )
                )
        if errors:
            raise validation_failed(errors)
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class FaultDecision:
    """What to do to one request; ``variant`` picks among shapes of one fault."""

    kind: FaultKind
    variant: int = 0


class FaultPlan:
    """Thread-safe holder of the settings and the seeded generator."""

    def __init__(self, settings: FaultSettings | None = None) -> None:
        self._lock = threading.Lock()
        self._settings = settings or FaultSettings()
        self._random = random.Random(self._settings.seed)

    @property
    def settings(self) -> FaultSettings:
        with self._lock:
            return self._settings

    def replace(self, settings: FaultSettings) -> None:
        """Use new settings and restart the generator from their seed."""
        with self._lock:
            self._settings = settings
            self._random = random.Random(settings.seed)

    def decide(self) -> FaultDecision:
        """Draw the fate of the next request."""
        with self._lock:
            draw = self._random.random()
            variant = self._random.randrange(1_000_000)
            threshold = 0.0
            for name, kind in _RATE_FIELDS:
                threshold += float(getattr(self._settings, name))
                if draw < threshold:
                    return FaultDecision(kind, variant)
            return FaultDecision(FaultKind.NONE, variant)
