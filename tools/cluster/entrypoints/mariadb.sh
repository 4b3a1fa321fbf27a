#!/bin/sh
# MariaDB from Debian's package, in a pod. Debian's own configuration binds 127.0.0.1 and expects
# a system service; here the data folder is initialised on first start, the server listens on
# every address of the pod, and the environment the official image reads is honoured:
# MARIADB_ROOT_PASSWORD, MARIADB_USER, MARIADB_PASSWORD, and *.sql / *.sh in
# /docker-entrypoint-initdb.d (the chart's devDatabase and the tests' infra.yaml both rely on it).
set -eu
DATA=/var/lib/mysql
SOCKET=/run/mysqld/mysqld.sock
quote() { printf "%s" "$1" | sed "s/'/''/g"; }
init=/tmp/init.sql
: >"$init"
if [ ! -d "$DATA/mysql" ]; then
  mariadb-install-db --datadir="$DATA" --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve >/dev/null
  if [ -n "${MARIADB_ROOT_PASSWORD:-}" ]; then
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$(quote "$MARIADB_ROOT_PASSWORD")';" >>"$init"
  fi
  if [ -n "${MARIADB_USER:-}" ]; then
    echo "CREATE USER IF NOT EXISTS '$(quote "$MARIADB_USER")'@'%' IDENTIFIED BY '$(quote "${MARIADB_PASSWORD:-}")';" >>"$init"
  fi
  # As the official image does: *.sql is run, *.sh is sourced, and its docker_process_sql
  # (SQL on standard input) runs SQL — here appended to the init file.
  docker_process_sql() { cat >>"$init"; }
  for file in /docker-entrypoint-initdb.d/*; do
    case "$file" in
      *.sql) cat "$file" >>"$init" ;;
      *.sh) . "$file" ;;
    esac
  done
  echo "FLUSH PRIVILEGES;" >>"$init"
fi
exec mariadbd --datadir="$DATA" --socket="$SOCKET" --bind-address=0.0.0.0 --port=3306 \
  --skip-name-resolve --skip-log-bin --init-file="$init"
