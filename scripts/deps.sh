#!/usr/bin/env bash
# Installs every Debian 12 package the kiosk needs to build, run and test.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libsdl2-dev libimgui-dev libstb-dev libfreetype-dev libgl-dev libgl1-mesa-dri
  nlohmann-json3-dev libcpp-httplib-dev libsqlite3-dev libcurl4-openssl-dev libssl-dev libfmt-dev
  catch2 fonts-noto-cjk
  unicode-data bzip2  # Unihan readings: the search pinyin table is generated from them at build time
  pcscd libpcsclite-dev vsmartcard-vpcd libusb-1.0-0-dev libzxing-dev  # device drivers
  socat qrencode imagemagick  # device tests: pty pairs, QR images, distorted photos
  clang-16 libclang-rt-16-dev  # fuzz targets (libFuzzer; clang 14 cannot compile <expected>)
  xvfb xauth
  libcairo2-dev libpango1.0-dev libqrencode-dev libcups2-dev  # A4 documents: PDF with pangocairo, QR codes, CUPS
  cups printer-driver-cups-pdf poppler-utils  # document tests: a private cupsd with cups-pdf; pdftotext, pdfinfo, pdftoppm
  openssl nginx-light  # TLS tests: a throwaway PKI, nginx as a mutual-TLS central service
  curl jq  # integration scripts: kiosk-central's and nginx's answers, the reports as JSON
  chromium  # the fleet page test: kiosk-central's /fleet rendered in headless Chromium (and its screenshot)
  libpinyin15-dev libpinyin-data  # on-screen keyboard: pinyin to hanzi (kiosk/core/input)
  espeak-ng-data libespeak-ng-dev  # voice guidance: espeak-ng with its Mandarin and English voices
  libsystemd-dev  # running under systemd: sd_notify readiness, status and watchdog (kiosk/app/service_notifier)
)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
