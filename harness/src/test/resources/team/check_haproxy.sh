#!/bin/sh
# The VIP belongs on an LB whose proxy answers.
exec curl --silent --fail --max-time 1 --output /dev/null http://127.0.0.1:80/
