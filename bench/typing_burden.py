"""Typing burden: characters a citizen types for a birth registration with a card scan.

The citizen of :mod:`bench.citizen` walks the same birth registration as
``tests/ui/test_ui_e2e_birth.py``, card scanned, and types on the on-screen
keyboard only what the wizard does not already hold. The baseline is the
paper form: the characters of every answer as the review screen shows it
(what a citizen would have written by hand on the declaration). The key taps
(shift, tone and page keys included) are reported beside the characters.
"""

from __future__ import annotations

from bench.citizen import (
    Bot,
    Citizen,
    application,
    card_for,
    open_kiosk,
    wait_for_background_jobs,
)
from bench.common import Row, temporary_home, verdict
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import open_store

TARGET = 0.15


def run() -> list[Row]:
    application()
    with temporary_home() as home:
        store = open_store(HomeLayout(home), KioskConfig(key_store="file"))
        bot = Bot()
        try:
            kiosk = open_kiosk(store, bot)
            result = Citizen(kiosk, bot).register_birth(card_for(1))
            wait_for_background_jobs(kiosk)
        finally:
            bot.close_all()
            store.close()
    typed, paper = result.typing.characters, result.paper_characters
    ratio = typed / paper
    return [
        Row(
            "typing burden, birth registration with card scan",
            f"{typed} characters ({result.typing.taps} key taps)",
            f"{paper} characters on paper",
            f"{ratio:.1%}",
            f"< {TARGET:.0%}",
            verdict(ratio < TARGET),
        )
    ]


if __name__ == "__main__":
    from bench.common import print_table

    print_table(run())
