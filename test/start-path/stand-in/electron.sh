#!/bin/sh
# TEST-ONLY stand-in for the Electron binary (see test/start-path/stand-in/boot.ts): runs the
# app's built main bundle under Node with a rule-enforcing stand-in `electron` module.
exec "${STAND_IN_NODE:-node}" "$(dirname "$0")/stand-in/boot.mjs" "$@"
