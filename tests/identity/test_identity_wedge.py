"""Timing rules that tell a wedge scanner's burst from a person typing (no Qt)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.identity.wedge import WedgeDetector, WedgeStep

PAYLOAD = "049090001234|205123456|Nguyễn Văn An|15031990|Nam|Quảng Nam|20042021"


def feed(
    detector: WedgeDetector[int], text: str, start_ms: float, gap_ms: float
) -> tuple[list[WedgeStep[int]], float]:
    steps = []
    now = start_ms
    for index, char in enumerate(text):
        steps.append(detector.text_key(char, now, index))
        now += gap_ms
    return steps, now - gap_ms


def test_fast_burst_with_enter_is_a_scan_and_every_key_is_swallowed() -> None:
    detector: WedgeDetector[int] = WedgeDetector(max_gap_ms=40, min_scan_chars=8)
    steps, last = feed(detector, PAYLOAD, 1000.0, 3.0)
    assert all(step.swallow and not step.replay for step in steps)
    done = detector.enter_key(last + 3)
    assert done == WedgeStep(swallow=True, payload=PAYLOAD)
    assert not detector.holding and detector.deadline_ms is None


def test_slow_typing_is_replayed_key_by_key_and_enter_passes() -> None:
    detector: WedgeDetector[int] = WedgeDetector(max_gap_ms=40, min_scan_chars=8)
    steps, last = feed(detector, "hello world", 0.0, 150.0)
    # Each key is held only until the next one shows the gap was human.
    assert steps[0].replay == ()
    assert [step.replay for step in steps[1:]] == [(i,) for i in range(len(steps) - 1)]
    final = detector.enter_key(last + 150)
    assert final.payload is None and not final.swallow
    assert final.replay == (len(steps) - 1,)


def test_deadline_replays_a_lone_key() -> None:
    detector: WedgeDetector[int] = WedgeDetector(max_gap_ms=40)
    detector.text_key("a", 100.0, 7)
    assert detector.deadline_ms == 140.0
    assert detector.expire(120.0) == WedgeStep()  # too early: nothing happens
    assert detector.expire(140.0).replay == (7,)
    assert not detector.holding


def test_two_quick_keys_from_a_person_are_replayed_together() -> None:
    detector: WedgeDetector[int] = WedgeDetector(max_gap_ms=40, min_scan_chars=8)
    detector.text_key("a", 0.0, 1)
    detector.text_key("b", 25.0, 2)
    step = detector.enter_key(30.0)  # too few characters for a scan
    assert step.replay == (1, 2) and not step.swallow and step.payload is None


def test_burst_that_stops_without_enter_is_a_broken_scan() -> None:
    detector: WedgeDetector[int] = WedgeDetector(max_gap_ms=40, min_scan_chars=8)
    _, last = feed(detector, PAYLOAD[:20], 0.0, 2.0)
    step = detector.expire(last + 41)
    assert step.broken_scan and step.replay == ()


def test_late_enter_after_a_burst_passes_through_and_reports_breakage() -> None:
    detector: WedgeDetector[int] = WedgeDetector(max_gap_ms=40, min_scan_chars=8)
    _, last = feed(detector, PAYLOAD, 0.0, 2.0)
    step = detector.enter_key(last + 500)
    assert step.broken_scan and not step.swallow and step.payload is None


def test_other_key_ends_a_pending_sequence() -> None:
    detector: WedgeDetector[int] = WedgeDetector(max_gap_ms=40, min_scan_chars=8)
    detector.text_key("x", 0.0, 1)
    assert detector.other_key(5.0) == WedgeStep(replay=(1,))
    assert detector.other_key(6.0) == WedgeStep()


def test_flood_is_cut_off_and_swallowed() -> None:
    detector: WedgeDetector[int] = WedgeDetector(max_gap_ms=40, min_scan_chars=8, max_scan_chars=50)
    steps, last = feed(detector, "x" * 200, 0.0, 1.0)
    assert all(step.swallow for step in steps)
    step = detector.enter_key(last + 1)
    assert step.broken_scan and step.payload is None


def test_reset_returns_held_keys() -> None:
    detector: WedgeDetector[int] = WedgeDetector()
    detector.text_key("a", 0.0, 1)
    detector.text_key("b", 1.0, 2)
    assert detector.reset() == (1, 2)
    assert not detector.holding


def test_inconsistent_limits_are_refused() -> None:
    with pytest.raises(ValueError):
        WedgeDetector(max_gap_ms=0)
    with pytest.raises(ValueError):
        WedgeDetector(min_scan_chars=10, max_scan_chars=5)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["text", "enter", "other", "expire"]),
            st.floats(min_value=0, max_value=200),
        ),
        max_size=60,
    )
)
def test_no_key_is_ever_lost_or_duplicated(events: list[tuple[str, float]]) -> None:
    """Every text key ends up exactly once: replayed, or inside a scan or a broken scan."""
    detector: WedgeDetector[int] = WedgeDetector(max_gap_ms=40, min_scan_chars=4)
    now = 0.0
    fed: list[int] = []
    replayed: list[int] = []
    consumed = 0
    pending_since_last_resolution: list[int] = []

    def account(step: WedgeStep[int]) -> None:
        nonlocal consumed
        replayed.extend(step.replay)
        for token in step.replay:
            pending_since_last_resolution.remove(token)
        if step.payload is not None or step.broken_scan:
            consumed += len(pending_since_last_resolution)
            pending_since_last_resolution.clear()

    for kind, gap in events:
        now += gap
        if kind == "text":
            token = len(fed)
            fed.append(token)
            step = detector.text_key("x", now, token)
            # The new key is held: it is not part of what this step resolved.
            pending_since_last_resolution.append(token)
            before = [t for t in pending_since_last_resolution if t != token]
            if step.broken_scan:
                consumed += len(before)
                pending_since_last_resolution[:] = [token]
                replayed.extend(step.replay)
                continue
            for t in step.replay:
                pending_since_last_resolution.remove(t)
            replayed.extend(step.replay)
            continue
        if kind == "enter":
            account(detector.enter_key(now))
        elif kind == "other":
            account(detector.other_key(now))
        else:
            account(detector.expire(now))
    account(WedgeStep(replay=detector.reset()))
    assert sorted(replayed) == sorted(set(replayed))
    assert len(replayed) + consumed == len(fed)
    assert replayed == sorted(replayed)  # a person's keys keep their order
