"""A real SMTP server on loopback (aiosmtpd) that records what it accepts and can be told to refuse."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from dataclasses import dataclass

from portal.harness import SMTPSink
from tests.reminders.dataset import parse


@dataclass
class Received:
    recipients: list[str]
    raw: bytes

    @property
    def message(self):
        return parse(self.raw)


class RecordingHandler:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.received: list[Received] = []
        self.data_attempts: Counter[str] = Counter()
        self.temporary_failures: dict[str, int] = {}  # recipient -> DATA commands to answer 451 first
        self.permanent_failures: set[str] = set()  # recipients refused with 550 at RCPT
        self.closing_failures: set[str] = set()  # recipients whose message gets "421 closing channel"
        # Seconds between storing a message and answering "250": the message is in flight, already accepted
        # by the server but not yet known to be by the client.
        self.reply_delay = 0.0
        self.rcpt_attempts: Counter[str] = Counter()
        self.sessions: set[int] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.rcpt_attempts[address.lower()] += 1
            self.sessions.add(id(session))
        if address.lower() in self.permanent_failures:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.data_attempts[rcpt.lower()] += 1
            for rcpt in envelope.rcpt_tos:
                if self.temporary_failures.get(rcpt.lower(), 0) > 0:
                    self.temporary_failures[rcpt.lower()] -= 1
                    return "451 4.3.0 Temporary failure, try again later"
                if rcpt.lower() in self.closing_failures:
                    return "421 4.3.2 Service shutting down, closing channel"
        with self.lock:
            self.received.append(Received([r.lower() for r in envelope.rcpt_tos], bytes(envelope.content)))
        if self.reply_delay:
            await asyncio.sleep(self.reply_delay)
        return "250 OK: queued"


class SMTPServer(SMTPSink):
    """The shared harness's loopback SMTP sink with the recording handler above."""

    def __init__(self) -> None:
        super().__init__(RecordingHandler())

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    def by_recipient(self) -> Counter[str]:
        return Counter(r for item in self.received for r in item.recipients)
