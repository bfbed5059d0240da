#!/usr/bin/env bash
# Install headless Chromium and a Chinese font for the packet page test (tests/e2e/test_packet_chromium.py),
# Debian/Ubuntu, as root. Without a CJK font Chromium draws Chinese as boxes (tofu).
# fonts-wqy-zenhei (~16 MB installed) rather than fonts-noto-cjk (~90 MB). Does nothing when both are present.
set -euo pipefail

FONT_PACKAGE=fonts-wqy-zenhei

find_chromium() {
    command -v chromium || command -v chromium-browser || { [[ -x /usr/bin/chromium ]] && echo /usr/bin/chromium; }
}

has_cjk_font() {
    command -v fc-list >/dev/null && [[ -n $(fc-list :lang=zh family) ]]
}

packages=()
find_chromium >/dev/null || packages+=(chromium)
command -v chromedriver >/dev/null || packages+=(chromium-driver)   # Selenium, web portal test (tests/web)
has_cjk_font || packages+=("$FONT_PACKAGE")

if [[ ${#packages[@]} -eq 0 ]]; then
    echo "Chromium and a Chinese font already installed: $(find_chromium)"
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    echo "install-chromium.sh: run as root (apt-get install ${packages[*]})" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
install() { apt-get install -y --no-install-recommends "${packages[@]}" fontconfig; }
# Refresh the package lists only when needed: apt does not know the packages (a fresh image has no
# lists), or the install fails on stale lists.
if ! apt-cache show "${packages[@]}" >/dev/null 2>&1; then
    apt-get update
fi
install || { apt-get update && install; }

chromium=$(find_chromium) || { echo "install-chromium.sh: chromium still not found" >&2; exit 1; }
has_cjk_font || { echo "install-chromium.sh: fc-list :lang=zh is still empty" >&2; exit 1; }
command -v chromedriver >/dev/null || { echo "install-chromium.sh: chromedriver still not found" >&2; exit 1; }
echo "Installed: $("$chromium" --version 2>/dev/null) ($chromium); fonts: $(fc-list :lang=zh family | head -1)"
