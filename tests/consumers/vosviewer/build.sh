#!/usr/bin/env bash
# Install VOSviewer Online from npm (versions pinned by package-lock.json) and bundle it
# into dist/vosviewer-check.js, which tests/test_vosviewer_online.py loads in chromium.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
node build.mjs
ls -l dist/vosviewer-check.js
