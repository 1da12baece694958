"""The kiosk's one main window: full screen, no decorations, screens in a stack.

Layout from top to bottom: the training banner (training mode only), the
ward server banner (only while a ward's shared database is out of reach), the
screen stack, the on-screen keyboard dock. The window holds widgets only;
:class:`kiosk.ui.controller.Controller` decides which screen shows.

No way out for a citizen: in live mode the window refuses to close and an
application-wide filter swallows the usual escape shortcuts (Alt+F4, Alt+Tab,
Alt+Space (the window menu), Alt with any F-key (desktop run dialogs and window
moves), Ctrl+Alt with any F-key (switching to a text console), Ctrl+Alt+Backspace
and Delete, Ctrl+Q, Ctrl+W, the Windows key) until :meth:`MainWindow.allow_close`
is called (the controller's admin quit). Keys the system grabs before any window
sees them (a console switch on some set-ups) must be turned off in the system
itself: docs/operations.md says how.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import KioskConfig
from kiosk.ui.keyboard import KeyboardDock
from kiosk.ui.ward_server_banner import WardServerBanner
from kiosk.ui.welcome import WelcomeScreen
from kiosk.ui.widgets import name_widget

TRAINING_BANNER_TEXT = "TRAINING / BẢN DÙNG THỬ"

_FUNCTION_KEYS = frozenset(Qt.Key(Qt.Key.Key_F1.value + n) for n in range(35))
_BLOCKED_WITH_ALT = (
    frozenset({Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape, Qt.Key.Key_Space})
    | _FUNCTION_KEYS
)
_BLOCKED_WITH_CONTROL_ALT = frozenset({Qt.Key.Key_Backspace, Qt.Key.Key_Delete}) | _FUNCTION_KEYS
_BLOCKED_WITH_CONTROL = frozenset({Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_Escape})
_BLOCKED_ALONE = frozenset({Qt.Key.Key_Meta, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R})


def is_escape_shortcut(event: QKeyEvent) -> bool:
    """True for the key combinations a citizen could use to leave the kiosk."""
    key = event.key()
    modifiers = event.modifiers()
    if key in _BLOCKED_ALONE:
        return True
    control_alt = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    if (modifiers & control_alt) == control_alt and key in _BLOCKED_WITH_CONTROL_ALT:
        return True
    if modifiers & Qt.KeyboardModifier.AltModifier and key in _BLOCKED_WITH_ALT:
        return True
    if modifiers & Qt.KeyboardModifier.ControlModifier and key in _BLOCKED_WITH_CONTROL:
        return True
    return bool(modifiers & Qt.KeyboardModifier.MetaModifier)


class EscapeShortcutGuard(QObject):
    """Application event filter that swallows :func:`is_escape_shortcut` keys."""

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            return is_escape_shortcut(event)
        return False


class MainWindow(QMainWindow):
    """Frameless window with ``stack`` (screens), ``keyboard_dock`` and ``welcome``.

    ``locked`` (default: live mode) refuses closing and installs the shortcut
    guard while the window is shown.
    """

    def __init__(
        self,
        config: KioskConfig,
        parent: QWidget | None = None,
        *,
        locked: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Công dân không viết"))
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self._locked = (config.mode == "live") if locked is None else locked
        self._guard = EscapeShortcutGuard(self)
        self._guard_installed = False

        central = QWidget()
        central.setObjectName("main_central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.training_banner = QLabel(TRAINING_BANNER_TEXT)
        name_widget(self.training_banner, "training_ribbon")
        self.training_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Fixed colours on purpose: the banner looks the same in every theme
        # (black on yellow, 15.8:1).
        self.training_banner.setStyleSheet(
            "background-color: #FFE14D; color: #000000; font-size: 14pt; font-weight: bold;"
            " padding: 2px;"
        )
        self.training_banner.setVisible(config.training)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screen_stack")
        # A screen taller than what is left above the keyboard must not push the
        # full-screen window past the bottom of the display: the stack takes the
        # space there is (screens scroll their own content).
        self.stack.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.keyboard_dock = KeyboardDock()
        self.server_banner = WardServerBanner()
        layout.addWidget(self.training_banner)
        layout.addWidget(self.server_banner)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.keyboard_dock)
        self.setCentralWidget(central)

        self.welcome = WelcomeScreen(config.ward.name)
        self.stack.addWidget(self.welcome)

    # -- screens ----------------------------------------------------------------------

    def add_screen(self, screen: QWidget) -> QWidget:
        """Put ``screen`` in the stack (once); returns it."""
        if self.stack.indexOf(screen) < 0:
            self.stack.addWidget(screen)
        return screen

    def show_screen(self, screen: QWidget) -> None:
        self.add_screen(screen)
        self.stack.setCurrentWidget(screen)

    def current_screen(self) -> QWidget:
        screen = self.stack.currentWidget()
        if screen is None:  # the welcome screen is added in __init__ and never removed
            raise RuntimeError("the screen stack is empty")
        return screen

    # -- staying open -----------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self._locked

    def allow_close(self) -> None:
        """Let the next close succeed (admin quit) and stop swallowing shortcuts."""
        self._locked = False
        self._remove_guard()

    def _remove_guard(self) -> None:
        app = QCoreApplication.instance()
        if self._guard_installed and app is not None:
            app.removeEventFilter(self._guard)
        self._guard_installed = False

    def showEvent(self, event: QShowEvent) -> None:
        app = QCoreApplication.instance()
        if self._locked and not self._guard_installed and app is not None:
            app.installEventFilter(self._guard)
            self._guard_installed = True
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._locked:
            event.ignore()
            return
        self._remove_guard()
        super().closeEvent(event)
