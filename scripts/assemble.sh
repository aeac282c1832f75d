#!/usr/bin/env bash
# Lays out build/lib/{cli,daemon} from the Maven build and writes the ./kc launcher.
# Usage: scripts/assemble.sh LIBDIR LAUNCHER
set -euo pipefail
lib=$1
launcher=$2
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$lib"
mkdir -p "$lib/cli" "$lib/daemon"
cp "$root"/cli/target/kc-cli-*.jar "$lib/cli/"
cp "$root"/cli/target/lib/*.jar "$lib/cli/"
cp "$root"/controlplane/target/kc-controlplane-*.jar "$lib/daemon/"
cp "$root"/controlplane/target/lib/*.jar "$lib/daemon/"
rm -f "$lib"/cli/*-tests.jar "$lib"/daemon/*-tests.jar
abs=$(cd "$lib" && pwd)
sed "s|@LIB@|$abs|" "$root/scripts/kc.in" > "$launcher"
chmod 755 "$launcher"
