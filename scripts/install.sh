#!/usr/bin/env bash
# Sets up a fresh machine for Torvyn: system packages, the build, and `torvyn` on the PATH.
# Idempotent; run from anywhere. Prefix directory: PREFIX (default /opt/torvyn when root, else ~/.local/torvyn).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" --toolchain

cd "$root"
echo "==> building torvyn (mvn package)" >&2
mvn -q -B package -DskipTests

if [ "$(id -u)" = 0 ]; then
  home="${PREFIX:-/opt/torvyn}"; bindir=/usr/local/bin
else
  home="${PREFIX:-$HOME/.local/torvyn}"; bindir="$HOME/.local/bin"
fi
rm -rf "$home"
mkdir -p "$home" "$bindir"
cp -r tools/target/dist/. "$home/"
chmod +x "$home/bin/torvyn"
ln -sf "$home/bin/torvyn" "$bindir/torvyn"
echo "==> installed torvyn into $home, linked from $bindir/torvyn" >&2
case ":$PATH:" in
  *":$bindir:"*) ;;
  *) echo "note: add $bindir to your PATH" >&2 ;;
esac
