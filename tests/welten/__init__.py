"""The test world, one module per domain, each a typed dataclass of its objects and a builder.

``grundlage`` is Berlin with two coordinated regions, a shelter in each and one persona per
role; every domain builds on it (freiwilligenarbeit, jourfixe, fortbildung, netzwerk) and its
dataclass inherits the Grundlage's fields, so a test reads ``welt.rk_nord`` and
``welt.kurs_basis`` alike. ``Welt`` and ``GanzeWelt`` compose the domains for the tests that
walk everything; tests/conftest.py offers each as a fixture.
"""
