"""A real SMTP server on loopback that keeps what it accepts: the far end of mail tests.

It accepts a message the way a mail server does: only once it has answered the DATA
command. A client that vanishes before that answer (a worker killed mid-send) has delivered
nothing, so ``verzoegerung`` can hold each message long enough to cut a sender off mid-way.
"""

import asyncio
import email
import socket
import threading
from collections import Counter
from contextlib import contextmanager

from aiosmtpd.controller import Controller


class Senke:
    def __init__(self, verzoegerung: float = 0.0):
        self.verzoegerung = verzoegerung
        self.nachrichten: list = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.verzoegerung:
            await asyncio.sleep(self.verzoegerung)
        if server.transport is None or server.transport.is_closing():
            return "421 sender gone before the answer: not accepted"
        nachricht = email.message_from_bytes(envelope.content)
        with self._lock:
            self.nachrichten.append((tuple(envelope.rcpt_tos), nachricht))
        return "250 OK"

    def empfaenger(self) -> Counter:
        with self._lock:
            return Counter(an for tos, _n in self.nachrichten for an in tos)

    def anzahl(self) -> int:
        with self._lock:
            return len(self.nachrichten)


@contextmanager
def smtp_senke(verzoegerung: float = 0.0):
    """Runs a sink on a free loopback port; yields it with ``port`` set."""
    senke = Senke(verzoegerung)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        senke.port = probe.getsockname()[1]
    controller = Controller(senke, hostname="127.0.0.1", port=senke.port)
    controller.start()
    try:
        yield senke
    finally:
        controller.stop()
