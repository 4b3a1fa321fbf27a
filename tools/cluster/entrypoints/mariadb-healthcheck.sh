#!/bin/sh
# The official image's `healthcheck.sh`, as far as the chart's devDatabase uses it
# (`healthcheck.sh --connect --innodb_initialized`): the server answers on its socket once it has
# started, InnoDB included. mariadb-admin ping succeeds when the server answers, even when it
# refuses the (password-less) account it was asked with.
exec mariadb-admin --socket=/run/mysqld/mysqld.sock --connect-timeout=2 ping >/dev/null
