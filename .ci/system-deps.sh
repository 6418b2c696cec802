#!/usr/bin/env bash
# Debian packages the tests drive for real: git send-email and neomutt (hooks),
# chromium (the HTML report), neovim (the language server in a real editor).
# Installs only what is missing; needs root (CI runs as root).
set -euo pipefail
need=()
[ -x "$(git --exec-path)/git-send-email" ] || need+=(git-email)
# git send-email parses addresses with Mail::Address (only a Recommends of git-email)
perl -MMail::Address -e1 2>/dev/null || need+=(libmailtools-perl)
command -v neomutt >/dev/null 2>&1 || need+=(neomutt)
# the HTML report test opens the report in headless Chromium (through Playwright)
[ -x /usr/bin/chromium ] || need+=(chromium)
# the editor test attaches the language server to headless Neovim
command -v nvim >/dev/null 2>&1 || need+=(neovim)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
