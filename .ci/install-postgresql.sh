#!/usr/bin/env bash
# Install the PostgreSQL server binaries for the integration tests (Debian/Ubuntu, as root).
# The tests start their own throw-away server with pg_ctl (tests/support/postgres.py), so no
# cluster is created and no service is started here. Does nothing when pg_ctl is present.
set -euo pipefail

find_pg_ctl() {
    local bindir candidate
    if bindir=$(pg_config --bindir 2>/dev/null) && [[ -x $bindir/pg_ctl ]]; then
        echo "$bindir/pg_ctl"; return 0
    fi
    for candidate in /usr/lib/postgresql/*/bin/pg_ctl; do
        [[ -x $candidate ]] && { echo "$candidate"; return 0; }
    done
    command -v pg_ctl
}

if pg_ctl=$(find_pg_ctl); then
    echo "PostgreSQL already installed: $("$pg_ctl" --version) ($pg_ctl)"
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    echo "install-postgresql.sh: run as root (apt-get install postgresql)" >&2
    exit 1
fi

# The Debian package would create and start a 'main' cluster on port 5432; the tests need none.
mkdir -p /etc/postgresql-common/createcluster.d
echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/legalcap-no-main-cluster.conf

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends postgresql

pg_ctl=$(find_pg_ctl) || { echo "install-postgresql.sh: pg_ctl still not found" >&2; exit 1; }
id -u postgres >/dev/null || { echo "install-postgresql.sh: no 'postgres' OS user" >&2; exit 1; }
echo "Installed: $("$pg_ctl" --version) ($pg_ctl)"
