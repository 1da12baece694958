"""Read-aloud: engine created off the GUI thread, hidden when absent, mock engine for speech.

QtTextToSpeech's ``mock`` engine (shipped with PySide6-Addons) stands in for a
real voice: the test machine has no audio server. It offers English locales
only, which also lets us test the "no Vietnamese voice" refusal for real.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.speech import ReadAloud, ReadAloudButton, SpeechState

# Loading the speechd plug-in (or listing engines) makes QtMultimedia warn that PipeWire
# is absent; the mock engine usually does not, but the warning is harmless either way.
pytestmark = pytest.mark.qt_log_ignore("pipewire")


@pytest.fixture
def read_aloud_factory() -> Iterator[Any]:
    made: list[ReadAloud] = []

    def make(**options: Any) -> ReadAloud:
        made.append(ReadAloud(**options))
        return made[-1]

    yield make
    for speech in made:
        speech.shutdown()


def test_mock_engine_becomes_available_and_speaks(read_aloud_factory: Any, qtbot: QtBot) -> None:
    speech = read_aloud_factory(engine_name="mock", locale_name="en_US")
    assert not speech.say("chưa có máy đọc")
    with qtbot.waitSignal(speech.available, timeout=5000):
        speech.start()
    assert speech.is_available()
    states: list[bool] = []
    speech.speaking_changed.connect(states.append)
    assert speech.say("Xin chào quý vị")
    qtbot.waitUntil(lambda: states == [True, False], timeout=5000)
    assert not speech.say("   ")


def test_engine_without_vietnamese_is_unavailable(read_aloud_factory: Any, qtbot: QtBot) -> None:
    speech = read_aloud_factory(engine_name="mock")  # wants vi_VN by default
    page = QWidget()
    qtbot.addWidget(page)
    button = ReadAloudButton(speech, lambda: "Trang đầu", page)
    page.show()
    with qtbot.waitSignal(speech.unavailable, timeout=5000) as blocker:
        pass
    assert "vi_VN" in blocker.args[0]
    assert speech.state is SpeechState.UNAVAILABLE
    assert not button.isVisible()


def test_a_hanging_engine_times_out_without_blocking(read_aloud_factory: Any, qtbot: QtBot) -> None:
    release = threading.Event()

    def hanging_factory(_name: str | None) -> None:
        release.wait(10)  # what speech-dispatcher does without an audio server

    speech = read_aloud_factory(timeout_ms=200, engine_factory=hanging_factory)
    with qtbot.waitSignal(speech.unavailable, timeout=3000) as blocker:
        speech.start()
    assert "timed out" in blocker.args[0]
    assert not speech.say("không có gì")
    release.set()


def test_missing_module_names_the_packages(read_aloud_factory: Any, qtbot: QtBot) -> None:
    def no_module(_name: str | None) -> None:
        raise ImportError("No module named 'PySide6.QtTextToSpeech'")

    speech = read_aloud_factory(engine_factory=no_module)
    with qtbot.waitSignal(speech.unavailable, timeout=3000) as blocker:
        speech.start()
    assert "libpulse0" in blocker.args[0]
    assert "PySide6-Addons" in blocker.args[0]


def test_button_appears_reads_and_stops(read_aloud_factory: Any, qtbot: QtBot) -> None:
    speech = read_aloud_factory(engine_name="mock", locale_name="en_GB")
    page = QWidget()
    qtbot.addWidget(page)
    asked: list[str] = []

    def page_text() -> str:
        asked.append("Nộp hồ sơ khai sinh")
        return asked[-1]

    with qtbot.waitSignal(speech.available, timeout=5000):
        button = ReadAloudButton(speech, page_text, page)
        page.show()
    assert button.isVisible()
    assert button.objectName() == button.accessibleName() == "read_aloud_button"
    assert button.height() >= 60
    with qtbot.waitSignal(speech.speaking_changed, timeout=5000) as started:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert started.args == [True]
    assert asked == ["Nộp hồ sơ khai sinh"]
    assert button.text() == "Dừng đọc"
    qtbot.waitUntil(lambda: not speech.is_speaking(), timeout=5000)
    assert button.text() == "Đọc to trang này"
