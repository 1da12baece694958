"""Qt-free text-entry logic for the on-screen keyboard (Vietnamese tone placement).

Kept out of ``kiosk/ui`` so the rules run and are tested without a screen; the
keyboard widget only asks this package how a word changes when a key is tapped.
"""

from kiosk.text_input.vietnamese import (
    DEFAULT_STYLE,
    Tone,
    ToneStyle,
    apply_tone,
    reposition_tone,
    split_last_word,
    tone_of,
)

__all__ = [
    "DEFAULT_STYLE",
    "Tone",
    "ToneStyle",
    "apply_tone",
    "reposition_tone",
    "split_last_word",
    "tone_of",
]
