"""The volunteers' and the IT officer's screens: sign-in, staff home and its panels.

Thin views over :mod:`kiosk.volunteers` and :mod:`kiosk.admin`; the controller's
:class:`kiosk.ui.staff.desk.StaffDesk` wires them into the kiosk window.
"""
