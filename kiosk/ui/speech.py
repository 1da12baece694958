"""Read a page aloud when the kiosk has a Vietnamese voice; stay invisible otherwise.

QtTextToSpeech (PySide6-Addons) ships the ``speechd`` and ``mock`` engines.
Without an audio server, speech-dispatcher can hang while the engine is being
created, so :class:`ReadAloud` creates it lazily on a daemon thread and gives
up after ``timeout_ms``: the GUI never waits, and a hung thread is simply
abandoned at exit. The engine is handed to the GUI thread once it exists.
Only an engine offering the wanted locale (Vietnamese by default) counts as
available; an English voice reading Vietnamese helps nobody.

:class:`ReadAloudButton` (``read_aloud_button``) stays hidden until the engine
is available. Tests use the ``mock`` engine with an English locale.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import Enum
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QLocale,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.identity.text import to_nfc
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import BIG_BUTTON_PX, name_widget, set_role

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_MS = 4000
MAX_SPOKEN_CHARACTERS = 4000
MISSING_MODULE_HINT = (
    "QtTextToSpeech could not be imported: install PySide6-Addons (pip) and the "
    "Debian package libpulse0; speech itself needs speech-dispatcher and "
    "speech-dispatcher-espeak-ng"
)

# Builds an engine in the loader thread: (engine name or None) -> QTextToSpeech.
EngineFactory = Callable[[str | None], Any]


class SpeechState(Enum):
    NOT_STARTED = 0
    LOADING = 1
    AVAILABLE = 2
    UNAVAILABLE = 3


def _default_factory(engine_name: str | None) -> Any:
    from PySide6.QtTextToSpeech import QTextToSpeech  # lazy: Addons, pulls QtMultimedia

    return QTextToSpeech(engine_name) if engine_name else QTextToSpeech()


class _Bridge(QObject):
    """Lives in the GUI thread; the speech thread reports through it (queued)."""

    loaded = Signal(str)
    failed = Signal(str)
    state_changed = Signal(str)


class _SpeechWorker(QObject):
    """Lives in the speech thread with the engine; the GUI talks to it by signals."""

    def __init__(
        self, engine: Any, bridge: _Bridge, loop: QEventLoop, locale_name: str | None
    ) -> None:
        super().__init__()
        self._engine = engine
        self._bridge = bridge
        self._loop = loop
        self._locale_name = locale_name
        self._announced = False
        engine.stateChanged.connect(self._on_state)

    def check(self) -> None:
        """Report the engine usable, or why not, once it has left NotReady."""
        state = self._engine.state()
        name = getattr(state, "name", str(state))
        if name == "NotReady" or self._announced:
            return
        self._announced = True
        if name == "Error":
            _emit_if_alive(self._bridge, "failed", f"engine error: {self._engine.errorString()}")
            return
        locale = _matching_locale(self._engine, self._locale_name)
        if locale is None:
            reason = f"speech engine {self._engine.engine()!r} has no {self._locale_name} voice"
            _emit_if_alive(self._bridge, "failed", reason)
            return
        self._engine.setLocale(locale)
        _emit_if_alive(self._bridge, "loaded", str(self._engine.engine()))

    def _on_state(self, state: Any) -> None:
        if not self._announced:
            self.check()
            return
        _emit_if_alive(self._bridge, "state_changed", getattr(state, "name", str(state)))

    @Slot(str)
    def say(self, text: str) -> None:
        self._engine.say(text)

    @Slot()
    def stop(self) -> None:
        self._engine.stop()

    @Slot()
    def quit(self) -> None:
        self._engine.stop()
        self._loop.quit()


def _emit_if_alive(bridge: _Bridge, signal_name: str, value: str) -> None:
    """Emit from the speech thread unless the kiosk already deleted the receiver."""
    try:
        if shiboken6.isValid(bridge):
            getattr(bridge, signal_name).emit(value)
    except RuntimeError:
        log.info("speech thread reported after its owner was deleted")


def _matching_locale(engine: Any, locale_name: str | None) -> QLocale | None:
    locales: list[QLocale] = list(engine.availableLocales())
    if not locales:
        return None
    if locale_name is None:
        return QLocale(engine.locale())
    wanted = QLocale(locale_name)
    for locale in locales:
        if locale.name() == wanted.name():
            return locale
    for locale in locales:
        if locale.language() == wanted.language():
            return locale
    return None


class ReadAloud(QObject):
    """One text-to-speech engine for the whole kiosk, created on first need.

    The engine lives on its own daemon thread with its own event loop (an
    engine's timers and callbacks belong to the thread that created it);
    :meth:`say` and :meth:`stop` reach it through queued signals. Signals:
    ``available`` (engine ready), ``unavailable(str)`` (English reason for the
    log: no module, no engine, no Vietnamese voice, timed out),
    ``speaking_changed(bool)``. Call :meth:`shutdown` when the kiosk quits.
    """

    available = Signal()
    unavailable = Signal(str)
    speaking_changed = Signal(bool)
    _say_requested = Signal(str)
    _stop_requested = Signal()
    _quit_requested = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        engine_name: str | None = None,
        locale_name: str | None = "vi_VN",
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        engine_factory: EngineFactory = _default_factory,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("read_aloud")
        self._engine_name = engine_name
        self._locale_name = locale_name
        self._factory = engine_factory
        self._state = SpeechState.NOT_STARTED
        self._speaking = False
        self._thread: threading.Thread | None = None
        self._bridge = _Bridge(self)
        self._bridge.loaded.connect(self._on_loaded, Qt.ConnectionType.QueuedConnection)
        self._bridge.failed.connect(self._fail, Qt.ConnectionType.QueuedConnection)
        self._bridge.state_changed.connect(
            self._on_engine_state, Qt.ConnectionType.QueuedConnection
        )
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.setInterval(max(1, timeout_ms))
        self._timeout.timeout.connect(lambda: self._fail("timed out creating the speech engine"))

    @property
    def state(self) -> SpeechState:
        return self._state

    def is_available(self) -> bool:
        return self._state is SpeechState.AVAILABLE

    def is_speaking(self) -> bool:
        return self._speaking

    def start(self) -> None:
        """Begin creating the engine in the background (only the first call does)."""
        if self._state is not SpeechState.NOT_STARTED:
            return
        if QCoreApplication.instance() is None:
            self._fail("no Qt application")
            return
        self._state = SpeechState.LOADING
        self._timeout.start()
        self._thread = threading.Thread(
            target=self._run, args=(self._bridge,), name="kiosk-speech", daemon=True
        )
        self._thread.start()

    def _run(self, bridge: _Bridge) -> None:
        """Speech thread: build the engine, then serve say/stop until told to quit."""
        try:
            engine = self._factory(self._engine_name)
        except ImportError as error:
            _emit_if_alive(bridge, "failed", f"{MISSING_MODULE_HINT} ({error})")
            return
        except Exception as error:  # a plug-in may fail in many ways; speech is optional
            _emit_if_alive(bridge, "failed", f"engine failed to start: {type(error).__name__}")
            return
        if engine is None:
            _emit_if_alive(bridge, "failed", "no speech engine")
            return
        loop = QEventLoop()
        worker = _SpeechWorker(engine, bridge, loop, self._locale_name)
        queued = Qt.ConnectionType.QueuedConnection
        try:
            self._say_requested.connect(worker.say, queued)
            self._stop_requested.connect(worker.stop, queued)
            self._quit_requested.connect(worker.quit, queued)
        except RuntimeError:
            return  # the kiosk deleted us while the engine was starting
        worker.check()
        loop.exec()
        shiboken6.delete(worker)
        shiboken6.delete(engine)

    def _on_loaded(self, engine_name: str) -> None:
        self._timeout.stop()
        if self._state is SpeechState.AVAILABLE:
            return
        if self._state is SpeechState.UNAVAILABLE:
            log.info("speech engine arrived after the timeout; using it")
        self._state = SpeechState.AVAILABLE
        log.info("read-aloud available (%s)", engine_name)
        self.available.emit()

    def _on_engine_state(self, state_name: str) -> None:
        speaking = state_name == "Speaking"
        if speaking != self._speaking:
            self._speaking = speaking
            self.speaking_changed.emit(speaking)

    def _fail(self, reason: str) -> None:
        self._timeout.stop()
        if self._state is SpeechState.UNAVAILABLE:
            return
        self._state = SpeechState.UNAVAILABLE
        log.info("read-aloud unavailable: %s", reason)
        self.unavailable.emit(reason)

    def say(self, text: str) -> bool:
        """Speak ``text`` (NFC, cut to a sane length); False when there is no engine."""
        if not self.is_available():
            return False
        spoken = to_nfc(text).replace("\x00", " ")[:MAX_SPOKEN_CHARACTERS].strip()
        if not spoken:
            return False
        self._say_requested.emit(spoken)
        return True

    def stop(self) -> None:
        self._stop_requested.emit()

    def shutdown(self, wait_seconds: float = 2.0) -> None:
        """Stop speaking and end the speech thread (a hung engine start is abandoned)."""
        self._timeout.stop()
        self._quit_requested.emit()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(wait_seconds)


class ReadAloudButton(Retranslated, QPushButton):
    """The per-page "Đọc to" button: hidden unless speech is available.

    ``page_text`` is called on each tap and returns what to read (the page's
    title and question, never the citizen's personal data). Tapping while
    speaking stops the speech.
    """

    def __init__(
        self,
        read_aloud: ReadAloud,
        page_text: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        name_widget(self, "read_aloud_button")
        set_role(self, "secondary")
        self.setMinimumHeight(BIG_BUTTON_PX)
        self._read_aloud = read_aloud
        self._page_text = page_text
        self.clicked.connect(self._toggle)
        read_aloud.available.connect(self._on_available)
        read_aloud.unavailable.connect(self._on_unavailable)
        read_aloud.speaking_changed.connect(self._on_speaking_changed)
        self.setVisible(read_aloud.is_available())
        self.retranslate()
        read_aloud.start()

    def retranslate(self) -> None:
        speaking = self._read_aloud.is_speaking()
        self.setText(self.tr("Dừng đọc") if speaking else self.tr("Đọc to trang này"))

    def _toggle(self) -> None:
        if self._read_aloud.is_speaking():
            self._read_aloud.stop()
        else:
            self._read_aloud.say(self._page_text())

    def _on_available(self) -> None:
        self.show()

    def _on_unavailable(self, _reason: str) -> None:
        self.hide()

    def _on_speaking_changed(self, _speaking: bool) -> None:
        self.retranslate()
