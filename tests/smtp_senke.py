"""A real SMTP server on loopback that keeps what it accepts: the far end of mail tests.

It accepts a message the way a mail server does: only once it has answered the DATA
command. A client that vanishes before that answer (a worker killed mid-send) has delivered
nothing, so ``verzoegerung`` can hold each message long enough to cut a sender off mid-way.
"""

import asyncio
import email
import logging
import socket
import threading
from collections import Counter
from contextlib import contextmanager

from aiosmtpd.controller import Controller


class Senke:
    def __init__(self, verzoegerung: float = 0.0, behalten: bool = True):
        self.verzoegerung = verzoegerung
        #: False: count recipients only (a benchmark's 100,000 mails would fill the memory)
        self.behalten = behalten
        self.nachrichten: list = []
        self.je_empfaenger: Counter = Counter()
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.verzoegerung:
            await asyncio.sleep(self.verzoegerung)
        if server.transport is None or server.transport.is_closing():
            return "421 sender gone before the answer: not accepted"
        with self._lock:
            self.je_empfaenger.update(envelope.rcpt_tos)
            if self.behalten:
                nachricht = email.message_from_bytes(envelope.content)
                self.nachrichten.append((tuple(envelope.rcpt_tos), nachricht))
        return "250 OK"

    def empfaenger(self) -> Counter:
        with self._lock:
            return Counter(self.je_empfaenger)

    def anzahl(self) -> int:
        with self._lock:
            return sum(self.je_empfaenger.values())


@contextmanager
def smtp_senke(verzoegerung: float = 0.0, behalten: bool = True):
    """Runs a sink on a free loopback port; yields it with ``port`` set."""
    senke = Senke(verzoegerung, behalten)
    # aiosmtpd logs every SMTP command at INFO: a benchmark's 100,000 mails would drown in it
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        senke.port = probe.getsockname()[1]
    controller = Controller(senke, hostname="127.0.0.1", port=senke.port)
    controller.start()
    try:
        yield senke
    finally:
        controller.stop()
