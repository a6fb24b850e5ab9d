from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend


class AusgefallenerMailserver(BaseEmailBackend):
    """A mail server that is down: every send fails like a dropped SMTP connection."""

    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")
