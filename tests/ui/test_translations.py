"""The English translation (assets/translations/kiosk_en.ts) is complete and works.

Vietnamese is the source language of every ``tr()`` call in ``kiosk/ui``; the
committed ``kiosk_en.ts`` holds the English. These tests fail when

* a message in the .ts is unfinished or empty, or its ``{placeholders}`` or
  line breaks differ from the Vietnamese (``str.format`` would raise or drop
  a value at run time);
* a string in the current sources has no finished English (lupdate is run on
  ``kiosk/ui`` into a temporary file, exactly as ``make translations-update``
  does): run ``make translations-update`` and translate what is new;
* the compiled .qm does not turn a real screen into English.

Nothing is mocked: the real lupdate and lrelease shipped in the PySide6 wheel
run on the real sources.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

import kiosk.ui.controller as controller_module
from kiosk.store.database import Store
from kiosk.ui.screens.error import ErrorScreen
from kiosk.ui.welcome import WelcomeScreen
from tests.ui_shell_support import build_kiosk, find, tap

REPO = Path(__file__).resolve().parents[2]
TS_PATH = REPO / "assets" / "translations" / "kiosk_en.ts"
UI_SOURCES = REPO / "kiosk" / "ui"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@dataclass(frozen=True)
class Message:
    """One ``<message>`` of a .ts file; ``translations`` has one entry per numerus form."""

    context: str
    source: str
    comment: str
    translations: tuple[str, ...]
    state: str  # "" (finished), "unfinished", "vanished" or "obsolete"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    @property
    def current(self) -> bool:
        """False for messages lupdate no longer finds in the sources."""
        return self.state not in ("vanished", "obsolete")

    @property
    def finished(self) -> bool:
        return (
            self.state == ""
            and bool(self.translations)
            and all(text.strip() for text in self.translations)
        )

    def describe(self) -> str:
        return f"[{self.context}] {self.source!r}"


def read_ts(path: Path) -> list[Message]:
    """Every message of the .ts file at ``path``."""
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        context_name = context.findtext("name") or ""
        for element in context.iter("message"):
            translation = element.find("translation")
            if translation is None:
                texts: tuple[str, ...] = ()
                state = "unfinished"
            else:
                forms = translation.findall("numerusform")
                if forms:
                    texts = tuple(form.text or "" for form in forms)
                else:
                    texts = (translation.text or "",)
                state = translation.get("type", "")
            messages.append(
                Message(
                    context=context_name,
                    source=element.findtext("source") or "",
                    comment=element.findtext("comment") or "",
                    translations=texts,
                    state=state,
                )
            )
    return messages


def qt_tool(name: str) -> list[str]:
    """The command for Qt's ``lupdate``/``lrelease`` from the PySide6 wheel of this venv.

    The wheel ships the binaries next to ``PySide6/__init__.py`` (``.exe`` on
    Windows); the ``pyside6-<name>`` scripts are thin wrappers around them.
    The scripts are the fall-back (found next to ``sys.executable``, which is
    ``bin/`` or ``Scripts/`` of the venv).
    """
    suffix = ".exe" if sys.platform == "win32" else ""
    binary = Path(PySide6.__file__).resolve().parent / f"{name}{suffix}"
    if binary.is_file():
        return [str(binary)]
    script = Path(sys.executable).with_name(f"pyside6-{name}{suffix}")
    if script.is_file():
        return [str(script)]
    pytest.fail(f"Qt's {name} is missing: neither {binary} nor {script} exists")


def run_tool(command: list[str]) -> str:
    finished = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert finished.returncode == 0, f"{command[0]} failed:\n{finished.stdout}{finished.stderr}"
    return finished.stdout + finished.stderr


def ui_sources() -> list[str]:
    return sorted(str(path) for path in UI_SOURCES.rglob("*.py"))


@pytest.fixture(scope="module")
def committed() -> list[Message]:
    assert TS_PATH.is_file(), f"{TS_PATH} is missing"
    return [message for message in read_ts(TS_PATH) if message.current]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> list[Message]:
    """What lupdate finds in today's ``kiosk/ui`` sources (the Makefile's options)."""
    target = tmp_path_factory.mktemp("lupdate") / "kiosk_en.ts"
    run_tool(
        [
            *qt_tool("lupdate"),
            *ui_sources(),
            "-no-obsolete",
            "-source-language",
            "vi_VN",
            "-target-language",
            "en_GB",
            "-ts",
            str(target),
        ]
    )
    return read_ts(target)


@pytest.fixture(scope="module")
def compiled_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("lrelease") / "kiosk_en.qm"
    run_tool([*qt_tool("lrelease"), str(TS_PATH), "-qm", str(target)])
    assert target.is_file() and target.stat().st_size > 0
    return target


@pytest.fixture
def english(qapp: QApplication, compiled_qm: Path) -> Iterator[QTranslator]:
    """The compiled English translator, installed for one test only."""
    translator = QTranslator()
    assert translator.load(str(compiled_qm)), f"Qt could not load {compiled_qm}"
    yield translator
    QCoreApplication.removeTranslator(translator)


# -- the committed .ts ---------------------------------------------------------------


def test_the_ts_file_holds_the_ui_strings(committed: list[Message]) -> None:
    assert len(committed) > 150
    contexts = {message.context for message in committed}
    assert {"WelcomeScreen", "ErrorScreen", "ScanScreen", "Controller"} <= contexts


def test_every_message_has_a_finished_english_translation(committed: list[Message]) -> None:
    unfinished = [message.describe() for message in committed if not message.finished]
    assert unfinished == [], "translate these in kiosk_en.ts:\n" + "\n".join(unfinished)


def test_placeholders_and_line_breaks_match_the_vietnamese(committed: list[Message]) -> None:
    problems = []
    for message in committed:
        wanted = Counter(_PLACEHOLDER.findall(message.source))
        for text in message.translations:
            got = Counter(_PLACEHOLDER.findall(text))
            if got != wanted:
                problems.append(f"{message.describe()}: {dict(got)} instead of {dict(wanted)}")
            if text.count("\n") != message.source.count("\n"):
                problems.append(f"{message.describe()}: line breaks differ in {text!r}")
    assert problems == []


def test_no_vietnamese_is_left_in_the_english(committed: list[Message]) -> None:
    # Letters only Vietnamese uses. The tone keys ("á  acute") show the accented
    # letter on purpose, and the product name stays as it is.
    vietnamese = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ]|[ảẻỉỏủỷạẹịọụỵ]|[ấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữự]")
    kept_on_purpose = {"Công dân không viết"}
    leftovers = [
        f"{message.describe()} -> {text!r}"
        for message in committed
        if message.context != "OnScreenKeyboard" and message.source not in kept_on_purpose
        for text in message.translations
        if vietnamese.search(text)
    ]
    assert leftovers == []


# -- the current sources ----------------------------------------------------------


def test_every_string_in_the_sources_is_translated(
    committed: list[Message], extracted: list[Message]
) -> None:
    finished = {message.key for message in committed if message.finished}
    missing = sorted(message.describe() for message in extracted if message.key not in finished)
    assert missing == [], (
        "run `make translations-update` and translate in assets/translations/kiosk_en.ts:\n"
        + "\n".join(missing)
    )


def tr_calls(path: Path) -> Iterator[tuple[int, ast.expr]]:
    """(line, text argument) of every ``x.tr(...)`` and ``QCoreApplication.translate(...)``."""
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        position = {"tr": 0, "translate": 1}.get(node.func.attr)
        if position is None or len(node.args) <= position:
            continue
        if node.func.attr == "translate" and ast.unparse(node.func.value) != "QCoreApplication":
            continue
        yield node.lineno, node.args[position]


def test_lupdate_can_read_every_tr_call(extracted: list[Message]) -> None:
    """tr(variable), tr(f"...") or tr() inside an f-string is invisible to lupdate,
    so the string would never be translated: the text must be one literal."""
    readable = {message.source for message in extracted}
    problems = []
    for path in sorted(UI_SOURCES.rglob("*.py")):
        where = path.relative_to(REPO)
        for line, argument in tr_calls(path):
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                problems.append(f"{where}:{line}: not a literal: {ast.unparse(argument)}")
            elif argument.value not in readable:
                problems.append(f"{where}:{line}: lupdate cannot see {argument.value!r}")
    assert problems == [], (
        'write self.tr("... {name} ...").format(name=...) as a call of its own:\n'
        + "\n".join(problems)
    )


# -- the compiled .qm on real screens ----------------------------------------------


def test_the_welcome_screen_turns_english_and_back(
    qtbot: QtBot, qapp: QApplication, english: QTranslator
) -> None:
    screen = WelcomeScreen("Phường Hải Châu", today=dt.date(2026, 5, 20))  # a Wednesday
    qtbot.addWidget(screen)
    assert screen.buttons["submit"].text() == "Nộp hồ sơ"
    assert QCoreApplication.installTranslator(english)
    screen.set_language("en")  # what the controller does after installing the translator
    assert screen.buttons["submit"].text() == "Submit a dossier"
    assert screen.buttons["lookup"].text() == "Check a dossier"
    assert screen.greeting_label.text() == "Hello! What would you like to do today?"
    assert screen.large_text_toggle.text() == "Large text"
    assert screen.date_label.text().startswith("Wednesday, ")
    assert screen.language_toggle.text() == "Tiếng Việt"
    assert QCoreApplication.removeTranslator(english)
    screen.set_language("vi")
    assert screen.buttons["submit"].text() == "Nộp hồ sơ"
    assert screen.date_label.text().startswith("Thứ Tư, ")


def test_an_installed_translator_retranslates_a_screen_already_shown(
    qtbot: QtBot, english: QTranslator
) -> None:
    screen = ErrorScreen()
    qtbot.addWidget(screen)
    screen.show()
    assert screen.title_label.text() == "Đã có lỗi xảy ra"
    QCoreApplication.installTranslator(english)
    # Qt posts LanguageChange to every widget; the screen's changeEvent retranslates.
    qtbot.waitUntil(lambda: screen.title_label.text() == "Something went wrong")
    assert screen.home_button.text() == "Back to home screen"
    assert "Your answers have been saved" in screen.body_label.text()


def test_contexts_are_told_apart(english: QTranslator) -> None:
    """The same Vietnamese may read differently in English depending on the screen."""
    QCoreApplication.installTranslator(english)
    assert QCoreApplication.translate("WelcomeScreen", "Nộp hồ sơ") == "Submit a dossier"
    assert QCoreApplication.translate("ConsentScreen", "Nộp hồ sơ") == "Submit dossier"
    assert QCoreApplication.translate("NoSuchContext", "Nộp hồ sơ") == "Nộp hồ sơ"


# -- the whole kiosk, switched by the controller -------------------------------------


@pytest.fixture
def english_assets(
    tmp_path: Path, compiled_qm: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """An assets folder holding only the compiled English, as `make` would build it."""
    folder = tmp_path / "assets" / "translations"
    folder.mkdir(parents=True)
    shutil.copy(compiled_qm, folder / "kiosk_en.qm")
    monkeypatch.setattr(controller_module, "asset_dir", lambda: tmp_path / "assets")
    yield folder


def test_the_language_toggle_turns_the_screens_english(
    qtbot: QtBot, store: Store, english_assets: Path
) -> None:
    kiosk = build_kiosk(qtbot, store)
    controller, window = kiosk.controller, kiosk.window
    try:
        tap(qtbot, window, "language_toggle")
        assert controller.language == "en"
        assert find(window, "welcome_submit_button", QPushButton).text() == "Submit a dossier"
        tap(qtbot, window, "welcome_submit_button")
        assert controller.current_screen_name() == "scan"
        title = find(window, "scan_title_label", QLabel).text()
        assert title == "Please scan the QR code on your ID card"
        controller.go("error")
        assert find(window, "error_title_label", QLabel).text() == "Something went wrong"
        controller.reset_session()  # back to the kiosk's own language
        assert find(window, "welcome_submit_button", QPushButton).text() == "Nộp hồ sơ"
    finally:
        controller.set_language("vi")


def test_the_keyboard_and_the_idle_warning_follow_the_language(
    qtbot: QtBot, store: Store, english_assets: Path
) -> None:
    kiosk = build_kiosk(qtbot, store)
    controller, window = kiosk.controller, kiosk.window
    try:
        controller.set_language("en")
        QApplication.processEvents()  # LanguageChange events are posted, not sent
        assert find(window, "keyboard_key_space", QPushButton).text() == "Space"
        assert find(window, "idle_continue_button", QPushButton).text() == "I'm still here"
    finally:
        controller.set_language("vi")


def test_citizens_who_choose_english_leave_no_translator_behind(
    qtbot: QtBot, store: Store, english_assets: Path
) -> None:
    """Each English session installed a new translator, a child of the controller that
    was removed from the application but never deleted: it kept its loaded catalogue
    for the rest of the day (found by the memory run of issue 19)."""
    kiosk = build_kiosk(qtbot, store)
    controller = kiosk.controller
    try:
        for _ in range(5):
            tap(qtbot, kiosk.window, "language_toggle")
            assert controller.language == "en"
            assert len(controller.findChildren(QTranslator)) >= 1
            controller.reset_session()  # the citizen leaves; the kiosk's own language again
        qtbot.waitUntil(lambda: not controller.findChildren(QTranslator))
    finally:
        controller.set_language("vi")
