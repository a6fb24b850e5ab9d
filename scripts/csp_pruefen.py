#!/usr/bin/env python3
"""Reads what the browser tests recorded (CSP_PROTOKOLL: one JSON line per HTML page the live
server sent, in one file per pytest process) and fails unless there are records and every
page carried a Content-Security-Policy whose scripts exclude 'unsafe-inline'.

    scripts/csp_pruefen.py DIR

A record is {"url": ..., "status": ..., "csp": header or null, "test": ...}. The browser
tests' guard (tests/browser/conftest.py) judges each page with the same function."""

import json
import sys
from pathlib import Path


def direktiven(csp: str) -> dict[str, list[str]]:
    """The policy's directives by name, each with its sources (names in lower case)."""
    ergebnis = {}
    for teil in csp.split(";"):
        woerter = teil.split()
        if woerter:
            ergebnis.setdefault(woerter[0].lower(), woerter[1:])
    return ergebnis


def mangel(csp: str | None) -> str | None:
    """What is wrong with a page's policy for scripts, or None if nothing."""
    if not csp:
        return "no Content-Security-Policy"
    policy = direktiven(csp)
    skripte = policy.get("script-src", policy.get("default-src"))
    if skripte is None:
        return "neither script-src nor default-src: scripts from anywhere"
    if "'unsafe-inline'" in (quelle.lower() for quelle in skripte):
        return "'unsafe-inline' allowed for scripts"
    return None


def main(verzeichnis: Path) -> int:
    eintraege = [
        json.loads(zeile)
        for datei in sorted(verzeichnis.glob("*.jsonl"))
        for zeile in datei.read_text(encoding="utf-8").splitlines()
        if zeile.strip()
    ]
    if not eintraege:
        print(f"{verzeichnis}: no pages recorded (did the browser tests run?)", file=sys.stderr)
        return 1
    fehler = [
        f"{e['url']} ({e.get('test')}): {befund}" for e in eintraege if (befund := mangel(e["csp"]))
    ]
    for zeile in fehler:
        print(zeile, file=sys.stderr)
    seiten = len({e["url"] for e in eintraege})
    print(f"{len(eintraege)} HTML responses ({seiten} addresses), {len(fehler)} without a safe CSP")
    return 1 if fehler else 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("usage: scripts/csp_pruefen.py DIR (the CSP_PROTOKOLL directory)")
    sys.exit(main(Path(sys.argv[1])))
