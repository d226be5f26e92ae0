#!/bin/sh
# keepalived's check: this LB keeps its priority while its haproxy answers.
exec curl --silent --fail --max-time 1 --output /dev/null http://127.0.0.1:80/
