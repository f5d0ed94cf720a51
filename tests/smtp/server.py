"""A real SMTP server for the mail tests: Debian's aiosmtpd (python3-aiosmtpd), on loopback.

Offers STARTTLS with the certificate given, requires it before AUTH, accepts AUTH PLAIN and LOGIN for one user, and
writes every message it accepts to the folder given, one file per message, named in the order received. Prints
"ready <port>" once it listens, then serves until its standard input closes (so it never outlives the test).

usage: server.py FOLDER CERT KEY USER PASSWORD
"""
import os
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

folder, cert, key, user, password = sys.argv[1:6]


class Store:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = os.path.join(folder, "%04d" % self.count)
        body = envelope.original_content or envelope.content
        with open(name + ".tmp", "wb") as f:
            f.write(("X-Envelope-To: %s\r\n" % ",".join(envelope.rcpt_tos)).encode())
            f.write(("X-Authenticated-As: %s\r\n" % (session.auth_data.login.decode() if session.authenticated else "")).encode())
            f.write(("X-Tls: %s\r\n" % ("yes" if session.ssl else "no")).encode())
            f.write(body)
        os.replace(name + ".tmp", name + ".eml")
        return "250 Message accepted for delivery"


def authenticate(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password:
        return AuthResult(success=True, auth_data=auth_data)
    return AuthResult(success=False, handled=False)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
# The controller cannot listen on port 0 (it connects to itself to check it started), so a free port is found first.
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
controller = Controller(Store(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                        authenticator=authenticate, auth_required=True, auth_require_tls=True)
controller.start()
print("ready %d" % port, flush=True)
sys.stdin.read()
controller.stop()
