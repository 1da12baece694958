"""One configuration's walk, inside its own private D-Bus session (see ``__main__``).

    dbus-run-session -- python3 -m scripts.walk.run_config DISPLAY OUT_DIR HOME <configuration>

Starts Xvfb and the kiosk, walks each procedure of the configuration from the welcome
screen to the done screen, then looks the last dossier up by the reference the done
screen showed (typed on the number pad), stops the kiosk. Prints one line per procedure:
``ok <procedure>`` or ``FAILED <procedure>: <why>``; exit 1 when one failed.
"""

from __future__ import annotations

import re
import sys
import time
import traceback
from pathlib import Path

from .atspi import KioskTree
from .citizen import Citizen, WalkFailed
from .configs import Configuration
from .display import Display
from .kiosk_process import APPLICATION_NAME, Kiosk
from .plans import PLANS


def choose_settings(c: Citizen, config: Configuration) -> None:
    """On the welcome screen, as the citizen would: language, large text, high contrast."""
    c.see("welcome_submit_button", timeout=30)
    english = not any(w.spoken.startswith("Xin chào") for w in c.tree.showing())
    if english != (config.language == "en"):
        c.tap("language_toggle")
    for toggle, wanted in (
        ("large_text_toggle", config.large_text),
        ("high_contrast_toggle", config.high_contrast),
    ):
        if c.see(toggle).checked != wanted:
            c.tap(toggle)
    time.sleep(0.5)  # the theme is applied to every widget


# A local reference as the done screen shows it (kiosk.cases.references).
REFERENCE = re.compile(r"\d{5}-\d{6}-\d{2}-\d{4}-[0-9A-Z]")


def walk_procedure(c: Citizen, config: Configuration, procedure: str, first: bool) -> str:
    """The walk from the welcome screen to the done screen; the dossier's reference."""
    plan = PLANS[procedure]
    choose_settings(c, config)
    if first:
        c.shot("welcome")
    c.tap("welcome_submit_button")
    c.see(f"scan_sample_card_{plan.card}")
    if first:
        c.shot("scan")
    c.tap(f"scan_sample_card_{plan.card}")
    c.see("scan_confirm_button")
    c.shot("scan-confirm")
    c.tap("scan_confirm_button")
    c.see(f"procedure_tile_{procedure}")
    if first:
        c.shot("catalogue")
    c.tap(f"procedure_tile_{procedure}")
    c.see("start_procedure_button")
    c.shot("procedure-summary")
    c.tap("start_procedure_button")
    plan.answer(c)
    after_wizard = c.tree.find_any(["documents_continue_button", "review_confirm_button"])
    if after_wizard.name == "documents_continue_button":
        bring_or_capture(c, capture=procedure == "birth")
    c.see("review_confirm_button")
    c.shot("review")
    c.tap("review_confirm_button")
    c.see("consent_confirm_button")
    c.shot("consent")
    c.tap("consent_confirm_button")
    c.shot("consent-given")
    c.tap("submit_button")
    outcome = c.tree.find_any(["payment_continue_button", "finish_button"], timeout=30)
    if outcome.name == "payment_continue_button":
        c.shot("payment")
        c.tap("payment_continue_button")
    c.see("finish_button", timeout=30)
    time.sleep(2)  # the receipt job ends (printed, or the printer problem shown)
    c.shot("done")
    references = [w.spoken for w in c.tree.showing() if REFERENCE.fullmatch(w.spoken)]
    if len(references) != 1:
        c.fail(f"the done screen shows {len(references)} references, not one")
    c.tap("finish_button")
    c.see("welcome_submit_button", timeout=30)
    return references[0]


def look_up(c: Citizen, reference: str) -> None:
    """From the welcome screen: the dossier found by its reference, typed as printed."""
    c.tap("welcome_lookup_button")
    c.see("lookup_code_input")
    c.shot("lookup")
    c.type_reference("lookup_code_input", reference)
    c.shot("lookup-typed")
    c.tap("keyboard_key_done")
    c.tap("lookup_find_button")
    c.see("lookup_back_button")
    c.shot("lookup-found")
    # The result panel shows only for a dossier found; not found shows the message.
    c.see("lookup_status_label")
    if c.sees("lookup_message_label"):
        c.fail(f"the look-up did not find {reference}")
    c.tap("lookup_back_button")
    c.see("welcome_submit_button", timeout=30)


def bring_or_capture(c: Citizen, capture: bool) -> None:
    """The supporting documents: the first one scanned (training: a sample paper) when
    ``capture``, every other one promised for the counter."""
    c.shot("documents")
    for index, slot in enumerate(c.showing_names("document_slot_")):
        c.tap(slot)
        if capture and index == 0 and c.sees("document_capture_button"):
            c.tap("document_capture_button")
            c.see("document_done_button", timeout=30)
            c.shot("documents-capture")
            c.tap("document_done_button")
        elif c.sees("document_bring_later_button"):
            c.tap("document_bring_later_button")
    c.shot("documents-chosen")
    c.tap("documents_continue_button")


# What the kiosk prints on stderr that is not a problem: Qt's AT-SPI bridge naming a
# D-Bus method the walk's client asks for and Qt does not offer.
EXPECTED_OUTPUT = ("Qt: AtSpiAdaptor::applicationInterface does not implement",)


def unexpected_output(log: Path) -> list[str]:
    """The kiosk's stderr lines a walk must not produce (tracebacks, Qt warnings, errors)."""
    if not log.exists():
        return []
    return [
        line
        for line in log.read_text(errors="replace").splitlines()
        if line.strip() and not line.startswith(EXPECTED_OUTPUT)
    ]


def main(argv: list[str]) -> int:
    display_number, out_dir, home = int(argv[0]), Path(argv[1]), Path(argv[2])
    config = Configuration.from_args(argv[3:])
    display = Display(display_number, config.width, config.height)
    failures = 0
    try:
        kiosk = Kiosk(display.name, home, out_dir / "kiosk.log")
        try:
            tree = KioskTree.wait_for(APPLICATION_NAME, timeout=60)
            reference = ""
            for index, procedure in enumerate(config.procedures):
                citizen = Citizen(
                    tree, display, out_dir, prefix=f"{procedure}-", language=config.language
                )
                try:
                    reference = walk_procedure(citizen, config, procedure, first=index == 0)
                except WalkFailed as error:
                    failures += 1
                    print(f"FAILED {procedure}: {error}", flush=True)
                    break  # the kiosk is somewhere mid-walk; the next would start wrong
                except Exception:
                    failures += 1
                    print(f"FAILED {procedure}: {traceback.format_exc()}", flush=True)
                    break
                print(f"ok {procedure} ({citizen.taps} taps, {len(citizen.shots)} screenshots)")
            if reference and not failures:
                citizen = Citizen(tree, display, out_dir, prefix="", language=config.language)
                try:
                    look_up(citizen, reference)
                    print(f"ok look-up of {reference} ({citizen.taps} taps)")
                except WalkFailed as error:
                    failures += 1
                    print(f"FAILED look-up: {error}", flush=True)
        finally:
            code = kiosk.stop()
            if code not in (0, -15):
                print(f"FAILED kiosk exited with {code} (see {out_dir / 'kiosk.log'})")
                failures += 1
            for line in unexpected_output(out_dir / "kiosk.log"):
                print(f"FAILED the kiosk said: {line}")
                failures += 1
    finally:
        display.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
