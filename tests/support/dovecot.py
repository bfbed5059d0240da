"""A real IMAP server for the mailbox tests: Dovecot (Debian `dovecot-imapd`) on 127.0.0.1.

The server runs in the foreground from a throw-away configuration in a temporary directory:
plaintext login on loopback (no TLS), one static password for every user name (so each test
logs in as a user of its own and gets an empty Maildir), mail under the temporary directory.
As root, Dovecot's login processes run as `dovenull` and mail is owned by `nobody` (Dovecot
refuses uid 0 for mail); as any other user, everything runs as that user.
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from port_for import get_port

HOST = "127.0.0.1"
PASSWORD = "dovecot-test-secret"
PROCESSED = "Processed"
STARTUP_SECONDS = 60


def ci_requires_server() -> bool:
    """Under CI=true a missing IMAP server fails the tests instead of skipping them."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def unavailable(reason: str) -> None:
    if ci_requires_server():
        pytest.fail(f"Dovecot tests cannot run and CI=true forbids skipping them: {reason}", pytrace=False)
    pytest.skip(f"Dovecot tests skipped: {reason}")


def find_dovecot() -> str | None:
    """$LEGALCAP_DOVECOT, else dovecot on PATH or in /usr/sbin."""
    explicit = os.environ.get("LEGALCAP_DOVECOT", "")
    if explicit and os.access(explicit, os.X_OK):
        return explicit
    return shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin")


@dataclass(frozen=True)
class DovecotServer:
    host: str
    port: int
    root: Path
    password: str = PASSWORD

    def url(self, user: str, folder: str = "INBOX") -> str:
        return f"imap://{user}@{self.host}:{self.port}/{folder}"

    def connect(self, user: str) -> imaplib.IMAP4:
        client = imaplib.IMAP4(self.host, self.port, timeout=30)
        client.login(user, self.password)
        return client

    def append(self, user: str, raw: bytes, folder: str = "INBOX", when: float | None = None) -> None:
        """Deliver one message by IMAP APPEND, with `when` (epoch seconds) as its INTERNALDATE."""
        client = self.connect(user)
        try:
            stamp = imaplib.Time2Internaldate(when) if when is not None else None
            status, data = client.append(folder, None, stamp, raw)
            assert status == "OK", data
        finally:
            client.logout()

    def count(self, user: str, folder: str = "INBOX") -> int:
        client = self.connect(user)
        try:
            status, data = client.select(_quoted_utf7(folder), readonly=True)
            assert status == "OK", data
            return int(data[0] or 0)
        finally:
            client.logout()


def _quoted_utf7(folder: str) -> str:
    """A folder name as IMAP wants it (modified UTF-7, RFC 3501), quoted."""
    from imap_tools.imap_utf7 import utf7_encode

    return '"' + utf7_encode(folder).decode("ascii") + '"'


def _accounts() -> dict[str, str]:
    """Which OS users run login processes, internal processes and own the mail."""
    if os.getuid() != 0:
        me = pwd.getpwuid(os.getuid())
        return {"login": me.pw_name, "internal": me.pw_name, "uid": str(me.pw_uid), "gid": str(me.pw_gid)}
    nobody = pwd.getpwnam("nobody")
    return {"login": "dovenull", "internal": "dovecot", "uid": str(nobody.pw_uid), "gid": str(nobody.pw_gid)}


def write_config(root: Path, port: int) -> Path:
    """The throw-away dovecot.conf: IMAP on 127.0.0.1:port, static password, Maildir under root."""
    acc = _accounts()
    for sub in ("mail", "home"):
        (root / sub).mkdir()
        os.chown(root / sub, int(acc["uid"]), int(acc["gid"]))
    text = f"""
protocols = imap
listen = {HOST}
base_dir = {root}/run
state_dir = {root}/state
instance_name = legalcap-test-{port}
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {acc["internal"]}
default_login_user = {acc["login"]}
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = static
  args = password={PASSWORD}
}}
userdb {{
  driver = static
  args = uid={acc["uid"]} gid={acc["gid"]} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = {HOST}
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  mailbox {PROCESSED} {{
    auto = create
  }}
}}
"""
    path = root / "dovecot.conf"
    path.write_text(text, encoding="utf-8")
    return path


def _wait_for_greeting(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dovecot exited ({process.returncode}): {_tail(log)}")
        try:
            with socket.create_connection((HOST, port), timeout=2) as sock:
                if sock.recv(64).startswith(b"* OK"):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"dovecot did not answer on {HOST}:{port}: {_tail(log)}")


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"


@contextmanager
def dovecot_server() -> Iterator[DovecotServer]:
    """Start Dovecot in the foreground on a free loopback port; stop it and remove its files at the end."""
    binary = find_dovecot()
    if binary is None:
        unavailable("no dovecot binary (apt-get install dovecot-imapd)")
        raise AssertionError("unreachable")
    root = Path(tempfile.mkdtemp(prefix="lcdv-"))  # short: Dovecot's unix sockets live under it
    root.chmod(0o755)                               # the login and mail users must reach their dirs
    port = get_port(None)
    assert port is not None
    config = write_config(root, port)
    process = subprocess.Popen([binary, "-F", "-c", str(config)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        _wait_for_greeting(port, process, root / "dovecot.log")
        yield DovecotServer(HOST, port, root)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)
