"""Developer scripts (not shipped): the test runner, the translation helper, the walk."""
