"""The bundle's content rules (packaging/bundle_contents.py) and build helper, without building.

Both files are loaded by path, as kiosk.spec does: ``packaging/`` is not a
Python package (it would shadow the ``packaging`` distribution).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load(name: str, relative: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


contents = load("cdkv_bundle_contents_under_test", "packaging/bundle_contents.py")
builder = load("cdkv_build_bundle_under_test", "packaging/build_bundle.py")


# -- Qt plugins -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
        "PySide6/Qt/plugins/texttospeech/libqtexttospeech_speechd.so",
        "PySide6/Qt/plugins/generic/libqevdevtouchplugin.so",
        "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "libpython3.12.so.1.0",
    ],
)
def test_plugins_the_kiosk_uses_are_kept(dest: str) -> None:
    assert contents.is_dropped_binary(dest) is False


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/plugins/platforminputcontexts/qtvirtualkeyboardplugin.dll",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so",
        "PySide6/Qt/plugins/imageformats/libqwebp.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6\\plugins\\tls\\qschannelbackend.dll",
        "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so",
    ],
)
def test_plugins_the_kiosk_never_loads_are_dropped(dest: str) -> None:
    assert contents.is_dropped_binary(dest) is True


# -- data files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("babel/locale-data/vi.dat", True),
        ("babel/locale-data/root.dat", True),
        ("babel/locale-data/en.dat", True),
        ("babel/locale-data/en_US_POSIX.dat", True),
        ("babel/locale-data/fr.dat", False),
        ("babel/locale-data/zh_Hant_HK.dat", False),
        ("babel/global.dat", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_vi.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/translations/qt_help_pt_BR.qm", False),
        ("assets/translations/kiosk_en.qm", True),
        ("assets/translations/kiosk_en.ts", False),
        ("assets/procedures/birth.json", True),
        ("kiosk/store/migrations/script.py.mako", True),
        ("kiosk/store/migrations/__pycache__/env.cpython-312.pyc", False),
        ("certifi/cacert.pem", True),
    ],
)
def test_data_filter(dest: str, kept: bool) -> None:
    assert contents.keep_data(dest) is kept


def test_kept_babel_locales_include_every_parent() -> None:
    # babel resolves en_US -> en -> root, vi_VN -> vi -> root: a kept child needs its parents.
    for locale in contents.KEPT_BABEL_LOCALES:
        parts = locale.split("_")
        for length in range(1, len(parts)):
            assert "_".join(parts[:length]) in contents.KEPT_BABEL_LOCALES
    assert "root" in contents.KEPT_BABEL_LOCALES


def test_the_test_suite_and_build_tools_are_excluded() -> None:
    for module in ("tests", "pytest", "_pytest", "pytestqt", "hypothesis", "PyInstaller"):
        assert module in contents.EXCLUDED_MODULES
    # ... but nothing the kiosk imports lazily.
    assert not set(contents.LAZY_QT_MODULES) & set(contents.EXCLUDED_MODULES)


def test_each_executable_gets_the_runtime_hooks_and_only_its_own_script() -> None:
    scripts = [
        ("pyi_rth_pyside6", "/hooks/a.py", "PYSOURCE"),
        ("pyi_rth_inspect", "/hooks/b.py", "PYSOURCE"),
        ("run_kiosk", "/e/run_kiosk.py", "PYSOURCE"),
        ("run_kiosk_sync", "/e/run_kiosk_sync.py", "PYSOURCE"),
        ("run_training_portal", "/e/run_training_portal.py", "PYSOURCE"),
    ]
    chosen = contents.scripts_for("kiosk-sync", scripts)
    assert [entry[0] for entry in chosen] == [
        "pyi_rth_pyside6",
        "pyi_rth_inspect",
        "run_kiosk_sync",
    ]
    for name, script in contents.EXECUTABLES.items():
        assert (ROOT / "packaging" / "entrypoints" / f"{script}.py").is_file(), name
        assert contents.scripts_for(name, scripts)[-1][0] == script


def test_entry_scripts_cannot_shadow_the_packages() -> None:
    # A script folder comes first on sys.path during analysis: kiosk.py would hide `kiosk`.
    names = {path.stem for path in (ROOT / "packaging" / "entrypoints").glob("*.py")}
    assert not names & {"kiosk", "sync"}
    assert not (ROOT / "packaging" / "__init__.py").exists()


# -- pruning libraries only dropped plugins needed -------------------------------------


def graph(edges: dict[str, list[str]]) -> Callable[[str], Iterable[str]]:
    return lambda source: edges.get(source, [])


def entry(name: str) -> tuple[str, str, str]:
    return (name, f"/src/{name}", "BINARY")


def test_prune_removes_dropped_plugins_and_libraries_only_they_needed() -> None:
    binaries = [
        entry("PySide6/Qt/plugins/platformthemes/libqgtk3.so"),
        entry("libgtk-3.so.0"),
        entry("libcairo.so.2"),
        entry("libglib-2.0.so.0"),
        entry("PySide6/Qt/lib/libQt6Core.so.6"),
        entry("libdlopened.so"),  # nobody links it: loaded at run time, must stay
    ]
    edges = {
        "/src/PySide6/Qt/plugins/platformthemes/libqgtk3.so": [
            "/src/libgtk-3.so.0",
            "/src/libglib-2.0.so.0",
        ],
        "/src/libgtk-3.so.0": ["/src/libcairo.so.2", "/src/libglib-2.0.so.0"],
        "/src/PySide6/Qt/lib/libQt6Core.so.6": ["/src/libglib-2.0.so.0", "/usr/lib/libc.so.6"],
    }
    kept, removed = contents.prune_binaries(binaries, graph(edges))
    assert {e[0] for e in removed} == {
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "libgtk-3.so.0",
        "libcairo.so.2",
    }
    assert {e[0] for e in kept} == {
        "libglib-2.0.so.0",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "libdlopened.so",
    }


def test_prune_keeps_a_library_reached_through_a_kept_plugin() -> None:
    # The camera plugin links QtQuick too: dropping the virtual keyboard must not take it.
    binaries = [
        entry("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so"),
        entry("PySide6/Qt/lib/libQt6VirtualKeyboard.so.6"),
        entry("PySide6/Qt/lib/libQt6Quick.so.6"),
        entry("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so"),
    ]
    edges = {
        "/src/PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so": [
            "/src/PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
            "/src/PySide6/Qt/lib/libQt6Quick.so.6",
        ],
        "/src/PySide6/Qt/lib/libQt6VirtualKeyboard.so.6": ["/src/PySide6/Qt/lib/libQt6Quick.so.6"],
        "/src/PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so": [
            "/src/PySide6/Qt/lib/libQt6Quick.so.6"
        ],
    }
    kept, removed = contents.prune_binaries(binaries, graph(edges))
    assert "PySide6/Qt/lib/libQt6Quick.so.6" in {e[0] for e in kept}
    assert "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6" in {e[0] for e in removed}


def test_prune_survives_dependency_cycles() -> None:
    binaries = [entry("PySide6/Qt/plugins/tls/libqopensslbackend.so"), entry("a.so"), entry("b.so")]
    edges = {
        "/src/PySide6/Qt/plugins/tls/libqopensslbackend.so": ["/src/a.so"],
        "/src/a.so": ["/src/b.so"],
        "/src/b.so": ["/src/a.so"],
    }
    kept, removed = contents.prune_binaries(binaries, graph(edges))
    assert kept == []
    assert len(removed) == 3


def test_only_the_interpreters_own_libraries_are_stripped() -> None:
    binaries = [
        ("libpython3.12.so.1.0", "/py/lib/libpython3.12.so.1.0", "BINARY"),
        ("python3.12/lib-dynload/_ssl.cpython-312-x86_64-linux-gnu.so", "/py/x.so", "EXTENSION"),
        ("PySide6/Qt/lib/libavutil.so.61", "/site/libavutil.so.61", "BINARY"),
        ("numpy.libs/libscipy_openblas.so", "/site/openblas.so", "BINARY"),
    ]
    assert contents.interpreter_binaries(binaries) == [
        "libpython3.12.so.1.0",
        "python3.12/lib-dynload/_ssl.cpython-312-x86_64-linux-gnu.so",
    ]


# -- the build helper -------------------------------------------------------------------


def fake_checkout(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    for name in ("kiosk/app.py", "sync/cli.py", "assets/procedures/birth.json", "kiosk.spec"):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    return root


def set_mtime(path: Path, when: float) -> None:
    os.utime(path, (when, when))


def test_a_missing_bundle_is_stale(tmp_path: Path) -> None:
    assert builder.is_stale(fake_checkout(tmp_path)) is True


def test_bundle_is_fresh_until_a_source_changes_after_the_build_started(tmp_path: Path) -> None:
    root = fake_checkout(tmp_path)
    started = time.time() - 100
    for path in root.rglob("*"):
        if path.is_file():
            set_mtime(path, started - 50)
    kiosk = builder.executable("kiosk", root / "dist" / "cdkv-kiosk")
    kiosk.parent.mkdir(parents=True)
    kiosk.write_text("binary", encoding="utf-8")
    stamp = root / "dist" / "cdkv-kiosk.stamp"
    stamp.touch()
    set_mtime(stamp, started)
    assert builder.is_stale(root) is False

    # A cache file does not count; a saved source does.
    cache = root / "kiosk" / "__pycache__" / "app.cpython-312.pyc"
    cache.parent.mkdir()
    cache.write_text("", encoding="utf-8")
    assert builder.is_stale(root) is False
    set_mtime(root / "assets" / "procedures" / "birth.json", started + 10)
    assert builder.is_stale(root) is True


def test_bundle_without_its_executable_is_stale(tmp_path: Path) -> None:
    root = fake_checkout(tmp_path)
    (root / "dist").mkdir()
    (root / "dist" / "cdkv-kiosk.stamp").touch()
    assert builder.is_stale(root) is True


def test_directory_size_counts_files_once(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"x" * 1000)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b").write_bytes(b"y" * 24)
    (tmp_path / "link").symlink_to(tmp_path / "a")
    assert builder.directory_size(tmp_path) == 1024


def test_build_helper_refuses_clearly_without_pyinstaller(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Mocked: this environment may well have PyInstaller; the refusal path is what is tested.
    monkeypatch.setattr(builder.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(builder, "is_stale", lambda root=None: True)
    assert builder.main(["--if-stale"]) == builder.EXIT_CANNOT_BUILD
    assert "PyInstaller is not installed" in capsys.readouterr().err


def test_build_helper_names_binutils_when_objcopy_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Mocked: this machine has binutils; the message for one without it is what is tested.
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux builds need objcopy")
    real_which = builder.shutil.which
    monkeypatch.setattr(
        builder.shutil, "which", lambda tool: None if tool == "objcopy" else real_which(tool)
    )
    monkeypatch.setattr(builder.importlib.util, "find_spec", lambda name: object())
    reason = builder.cannot_build_reason()
    assert reason is not None and "objcopy" in reason and "binutils" in reason
