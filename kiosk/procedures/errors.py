"""Errors raised by the form engine.

Two families, as everywhere in the kiosk:

* :class:`DefinitionError` is *our* fault (a broken file in ``assets/procedures``):
  its ``str()`` names the file, the JSON pointer inside it and the reason, e.g.
  ``"birth.json: /steps/2/fields/0/type: 'foo' is not one of [...]"``.
* :class:`AnswerError` is the citizen's input that cannot be accepted; it carries
  a plain Vietnamese message (and an English one) meant to be shown on screen.
"""

from __future__ import annotations

from kiosk.procedures.base import LocalText


class DefinitionError(Exception):
    """A procedure definition (or a rule inside it) is invalid.

    ``source`` is the file name (or another label), ``pointer`` a JSON pointer
    such as ``/steps/0/fields/3/visible_when`` (empty for the whole document)
    and ``reason`` a short English explanation for the developer or IT officer.
    """

    def __init__(self, source: str, pointer: str, reason: str) -> None:
        self.source = source
        self.pointer = pointer
        self.reason = reason
        location = f"{source}: {pointer}" if pointer else source
        super().__init__(f"{location}: {reason}")


class RuleError(Exception):
    """A rule expression is malformed (unknown operator, wrong arity...).

    ``pointer`` is relative to the rule's root; the loader prefixes it with the
    rule's place in the definition and re-raises a :class:`DefinitionError`.
    """

    def __init__(self, pointer: str, reason: str) -> None:
        self.pointer = pointer
        self.reason = reason
        super().__init__(f"{pointer or '/'}: {reason}")


class AnswerError(ValueError):
    """An answer cannot be accepted; ``message`` says why in plain words.

    ``str(error)`` is the Vietnamese message so that a log line or a bare
    ``except`` still shows something meaningful (it never contains the
    rejected value itself: answers are personal data).
    """

    def __init__(self, message: LocalText) -> None:
        self.message = message
        super().__init__(message.vi)
