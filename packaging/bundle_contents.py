"""What goes into the one-folder bundle, decided as plain data and pure functions.

``kiosk.spec`` loads this file by path (``packaging/`` is deliberately not a
Python package: its name would shadow the ``packaging`` distribution that
PyInstaller itself imports). Keeping the choices here lets
``tests/bundle/test_bundle_contents.py`` check them in milliseconds without building.

The rules, and why:

* Qt plugins: only what a widgets kiosk on X11/Wayland/Windows uses. The
  virtual-keyboard input context drags in QtQuick and QtQml (~20 MB) although
  the kiosk has its own keyboard widget; the GTK platform theme drags in GTK,
  Cairo and Pango although the kiosk draws its own theme; eglfs/linuxfb/vnc
  are for devices without a window system; TLS and network-information
  plugins serve QtNetwork sockets, which the kiosk never opens (requests does
  the HTTP).
* Libraries that only the dropped plugins linked are pruned as well
  (:func:`prune_binaries`); a library any kept binary still needs stays.
* Locale data: babel's 1,100 locale files (35 MB) shrink to the root,
  English and Vietnamese ones; Qt's own translations to English and
  Vietnamese (Qt ships no Vietnamese catalogue today; the filter takes one
  when it appears).
* Python modules never needed at run time: the test tools, build tools,
  phonenumbers' geocoding/carrier/time-zone tables (38 MB of source; the
  kiosk only validates and formats numbers), Pillow's AVIF/WebP/Tk glue.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath

#: One entry of a PyInstaller TOC: (destination in the bundle, source path, type code).
TocEntry = tuple[str, str, str]

#: Name of the folder in ``dist/``.
BUNDLE_NAME = "cdkv-kiosk"

#: Executable name -> its entry script in ``packaging/entrypoints/``. The scripts are
#: not called ``kiosk.py`` etc.: a script's folder comes first on ``sys.path`` during
#: analysis, and ``kiosk.py`` there would hide the ``kiosk`` package.
EXECUTABLES: dict[str, str] = {
    "kiosk": "run_kiosk",
    "kiosk-sync": "run_kiosk_sync",
    "kiosk-training-portal": "run_training_portal",
}

#: Python modules (and their submodules) left out of every executable.
EXCLUDED_MODULES: tuple[str, ...] = (
    # the test suite and its tools
    "tests",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "pypdf",
    "mypy",
    "ruff",
    # build tools that hooks or stray imports would otherwise pull in
    "setuptools",
    "pkg_resources",
    "_distutils_hack",
    "distutils",
    "pip",
    "PyInstaller",
    "tkinter",
    "_tkinter",
    "pydoc_data",
    # Declared for a kiosk run from a checkout (key_store = "auto"/"keyring"), but left
    # out of the bundle: its D-Bus and Windows backends are more to ship and test, and a
    # bundled kiosk keeps the key in secrets/field.key (kiosk/store/keys.py falls back when
    # keyring cannot be imported; see docs/operations.md).
    "keyring",
    # phonenumbers: geocoding, carrier and time-zone tables the kiosk never asks for
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
    # Pillow image formats and GUI glue the receipts and QR codes never use
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL.ImageTk",
    "PIL._imagingtk",
    "PIL.ImageQt",
    "numpy.f2py",
    # Mako's optional plugins (syntax highlighting of template errors): pulls in pygments
    "mako.ext",
    "pygments",
    # Qt modules the kiosk does not use (the big ones first)
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtWebView",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DExtras",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DRender",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtGraphs",
    "PySide6.QtGraphsWidgets",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtSql",
    "PySide6.QtBluetooth",
    "PySide6.QtNfc",
    "PySide6.QtLocation",
    "PySide6.QtPositioning",
    "PySide6.QtSensors",
    "PySide6.QtSerialBus",
    "PySide6.QtSerialPort",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtStateMachine",
    "PySide6.QtHttpServer",
    "PySide6.QtNetworkAuth",
    "PySide6.QtSpatialAudio",
    "PySide6.QtVirtualKeyboard",
    "PySide6.QtTest",
    "PySide6.QtAxContainer",
)

#: Qt modules imported lazily (camera, read-aloud) that static analysis cannot see.
LAZY_QT_MODULES: tuple[str, ...] = (
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtTextToSpeech",
    "PySide6.QtSvg",
    "PySide6.QtPrintSupport",
)

# Linux wheels keep Qt under PySide6/Qt/, Windows wheels directly under PySide6/.
_QT_PLUGIN_DIRS = ("PySide6/Qt/plugins/", "PySide6/plugins/")
_QT_TRANSLATION_DIRS = ("PySide6/Qt/translations/", "PySide6/translations/")

#: Whole plugin folders the kiosk never loads.
DROPPED_PLUGIN_TYPES = frozenset(
    {
        "egldeviceintegrations",  # eglfs only
        "platformthemes",  # GTK / desktop portal look; the kiosk has its own theme
        "networkinformation",
        "tls",
        "qmltooling",
        "sqldrivers",
        "designer",
    }
)

#: Single plugins left out, by folder; matched on the name without "lib"/"q" and suffix.
DROPPED_PLUGINS: dict[str, frozenset[str]] = {
    "platforms": frozenset({"eglfs", "linuxfb", "minimalegl", "vkkhrdisplay", "vnc"}),
    "platforminputcontexts": frozenset({"tvirtualkeyboardplugin", "virtualkeyboardplugin"}),
    "imageformats": frozenset({"icns", "tga", "tiff", "wbmp", "webp", "pdf"}),
}

#: babel locale files kept (their parents included: en_US -> en -> root).
KEPT_BABEL_LOCALES = frozenset({"root", "en", "en_001", "en_US", "en_US_POSIX", "vi", "vi_VN"})
KEPT_QT_LANGUAGES = frozenset({"en", "vi"})


def scripts_for(executable: str, scripts: Sequence[TocEntry]) -> list[TocEntry]:
    """The run-time hooks of one Analysis followed by ``executable``'s own script only."""
    programs = set(EXECUTABLES.values())
    own = EXECUTABLES[executable]
    return [entry for entry in scripts if entry[0] not in programs or entry[0] == own]


def _plugin_key(file_name: str) -> str:
    """``libqxcb.so`` / ``qxcb.dll`` / ``libqtvirtualkeyboardplugin.so`` -> ``xcb`` ..."""
    stem = file_name.split(".", 1)[0]
    stem = stem.removeprefix("lib")
    return stem.removeprefix("q")


def is_dropped_binary(dest: str) -> bool:
    """True for a Qt plugin the kiosk never loads (see the module docstring)."""
    path = dest.replace("\\", "/")
    prefix = next((p for p in _QT_PLUGIN_DIRS if path.startswith(p)), None)
    if prefix is None:
        return False
    parts = PurePosixPath(path[len(prefix) :]).parts
    if len(parts) < 2:
        return False
    folder, file_name = parts[0], parts[-1]
    if folder in DROPPED_PLUGIN_TYPES:
        return True
    return _plugin_key(file_name) in DROPPED_PLUGINS.get(folder, frozenset())


def keep_data(dest: str) -> bool:
    """False for data files the kiosk never reads (foreign locales, caches, sources)."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if "__pycache__" in path.parts or path.suffix == ".pyc":
        return False
    text = path.as_posix()
    if text.startswith("babel/locale-data/") and path.suffix == ".dat":
        return path.stem in KEPT_BABEL_LOCALES
    if text.startswith(_QT_TRANSLATION_DIRS) and path.suffix == ".qm":
        language = path.stem.rsplit("_", 1)[-1]
        return language in KEPT_QT_LANGUAGES
    if text.startswith("assets/translations/"):
        return path.suffix == ".qm"  # the compiled catalogues, not the .ts sources
    return True


def prune_binaries(
    binaries: Sequence[TocEntry],
    imports_of: Callable[[str], Iterable[str]],
    drop: Callable[[str], bool] = is_dropped_binary,
) -> tuple[list[TocEntry], list[TocEntry]]:
    """Split ``binaries`` into (kept, removed).

    Removed: every entry ``drop`` names, plus every library that only those
    entries needed. ``imports_of(source_path)`` gives the source paths a binary
    links against (PyInstaller's ``bindepend.get_imports``; a fake graph in the
    tests). A library that any kept binary reaches stays, so a library loaded
    with ``dlopen`` (never linked) is kept unless a dropped plugin linked it.
    """
    by_source = {entry[1]: entry for entry in binaries}
    dropped = {entry[1] for entry in binaries if drop(entry[0])}

    def closure(roots: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        pending = [root for root in roots if root in by_source]
        while pending:
            source = pending.pop()
            if source in seen:
                continue
            seen.add(source)
            pending.extend(dep for dep in imports_of(source) if dep in by_source)
        return seen

    candidates = closure(dropped) - dropped
    kept_roots = [source for source in by_source if source not in dropped | candidates]
    still_needed = closure(kept_roots)
    removed_sources = dropped | (candidates - still_needed)
    kept = [entry for entry in binaries if entry[1] not in removed_sources]
    removed = [entry for entry in binaries if entry[1] in removed_sources]
    return kept, removed


def interpreter_binaries(binaries: Iterable[TocEntry]) -> list[str]:
    """Destinations of the Python interpreter's own libraries: libpython and lib-dynload.

    Only those are stripped: a self-built Python (pyenv) leaves ~30 MB of debug
    information in them, the wheels' libraries are lean already, and some of
    those (PySide6's FFmpeg, edited with patchelf) are corrupted by ``strip``.
    """
    chosen = []
    for dest, _source, _kind in binaries:
        path = PurePosixPath(dest.replace("\\", "/"))
        if path.name.startswith("libpython") or "lib-dynload" in path.parts:
            chosen.append(dest)
    return chosen


def strip_debug_info(internal_dir: Path, destinations: Iterable[str]) -> Iterator[tuple[str, int]]:
    """``strip --strip-debug`` each file (Linux only); yields (destination, bytes saved)."""
    strip = shutil.which("strip")
    if not sys.platform.startswith("linux") or strip is None:
        return
    for dest in destinations:
        path = internal_dir / dest
        if not path.is_file() or path.is_symlink():
            continue
        before = path.stat().st_size
        result = subprocess.run([strip, "--strip-debug", str(path)], check=False)
        if result.returncode == 0 and path.stat().st_size < before:
            yield dest, before - path.stat().st_size


def beside_programs(root: Path, platform: str) -> dict[str, list[Path]]:
    """Files copied next to the executables, by folder relative to the bundle's root.

    ``setup/`` gets this platform's service files (``packaging/linux`` or
    ``packaging/windows``), ``docs/`` the IT officer's guide; the changelog and the
    licence go to the root. A file listed here that is missing is an error (KeyError
    would hide it; FileNotFoundError names it).
    """
    setup_source = root / "packaging" / ("windows" if platform == "win32" else "linux")
    chosen = {
        "setup": sorted(path for path in setup_source.iterdir() if path.is_file()),
        "docs": [root / "docs" / "operations.md"],
        ".": [root / "CHANGELOG.md", root / "LICENSE"],
    }
    for files in chosen.values():
        for path in files:
            if not path.is_file():
                raise FileNotFoundError(f"bundle file missing: {path}")
    return chosen
