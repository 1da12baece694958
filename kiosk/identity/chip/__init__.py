"""The ID card's chip over PC/SC: access control, secure messaging, data groups, verification.

Qt-free and store-free: the UI runs :func:`read_card` off the GUI thread and
shows the :class:`ChipReadResult`; the case records only how identity was
established. See docs/architecture.md, "Chip".
"""
