"""holidays: the package finds a country's module by name at run time.

``holidays.country_holidays("VN")`` imports ``holidays.countries.vietnam`` through
its registry (``importlib``), which PyInstaller cannot see; the module and the
Vietnamese and English names of the holidays (gettext catalogues) are named here.
The other countries come along anyway: ``holidays.countries`` imports them all.
"""

from PyInstaller.utils.hooks import collect_data_files  # type: ignore[import-untyped]

hiddenimports = ["holidays.countries.vietnam", "holidays.countries"]
datas = collect_data_files(
    "holidays", includes=["locale/vi/**/*.mo", "locale/en_US/**/*.mo"]
)
