#!/usr/bin/env bash
# Install the Dovecot IMAP server for the mailbox tests (Debian/Ubuntu, as root).
# The tests start their own throw-away server (tests/support/dovecot.py), so the packaged service
# is neither configured nor started here. Does nothing when dovecot is present.
set -euo pipefail

if command -v dovecot >/dev/null 2>&1 || [[ -x /usr/sbin/dovecot ]]; then
    echo "Dovecot already installed: $(/usr/sbin/dovecot --version 2>/dev/null || dovecot --version)"
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "install-dovecot.sh: run as root (apt-get install dovecot-imapd)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends dovecot-imapd
echo "Installed: $(/usr/sbin/dovecot --version)"
