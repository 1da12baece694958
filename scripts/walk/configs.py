"""The configurations the walk covers (issue 15's acceptance): every procedure in
Vietnamese at 1366x768, then one procedure in English, large text, high contrast,
large text with high contrast, and at 1920x1080."""

from __future__ import annotations

from dataclasses import dataclass

ALL_PROCEDURES = ("birth", "certified_copy", "death", "marital_status", "residence_ct01")


@dataclass(frozen=True)
class Configuration:
    name: str
    width: int
    height: int
    language: str  # "vi" or "en", chosen on the welcome screen
    large_text: bool
    high_contrast: bool
    procedures: tuple[str, ...]

    def as_args(self) -> list[str]:
        return [
            self.name,
            f"{self.width}x{self.height}",
            self.language,
            "large" if self.large_text else "normal",
            "contrast" if self.high_contrast else "plain",
            ",".join(self.procedures),
        ]

    @classmethod
    def from_args(cls, args: list[str]) -> Configuration:
        name, size, language, text, look, procedures = args
        width, height = (int(part) for part in size.split("x"))
        return cls(
            name,
            width,
            height,
            language,
            text == "large",
            look == "contrast",
            tuple(p for p in procedures.split(",") if p),
        )


CONFIGURATIONS = (
    Configuration("vi-1366x768", 1366, 768, "vi", False, False, ALL_PROCEDURES),
    Configuration("en-1366x768", 1366, 768, "en", False, False, ("marital_status",)),
    Configuration("large-1366x768", 1366, 768, "vi", True, False, ("death",)),
    Configuration("contrast-1366x768", 1366, 768, "vi", False, True, ("residence_ct01",)),
    Configuration("large-contrast-1366x768", 1366, 768, "vi", True, True, ("certified_copy",)),
    Configuration("vi-1920x1080", 1920, 1080, "vi", False, False, ("birth",)),
    Configuration("en-1920x1080", 1920, 1080, "en", False, False, ("certified_copy",)),
)
