"""Helpers for the demo data that every app adds through its own ``demo.py``."""

import os
from dataclasses import dataclass, field

DEMO_PASSWORT_STANDARD = "Ehrenamt-Demo-2026"


def demo_passwort() -> str:
    return os.environ.get("DEMO_PASSWORT", DEMO_PASSWORT_STANDARD)


@dataclass
class DemoKontext:
    """Passed from app to app in import order, so later apps can build on earlier rows."""

    passwort: str
    objekte: dict = field(default_factory=dict)
    personas: list = field(default_factory=list)

    def persona(self, rolle: str, user) -> None:
        self.personas.append((rolle, user.email))
