#!/bin/sh
# Regenerates the self-signed certificate the TLS refusal test serves.
# SPDX-License-Identifier: GPL-3.0-or-later
set -e
cd "$(dirname "$0")"
openssl req -x509 -newkey rsa:2048 -nodes -keyout self-signed-key.pem \
  -out self-signed-cert.pem -days 36500 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost"
