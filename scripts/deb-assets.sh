#!/usr/bin/env bash
# Makes what the Debian package ships besides the sources (Cargo.toml [package.metadata.deb]):
# the release binary, its manual page and shell completions, and the example site (the sample
# archive with its site.toml and depository register). Then `cargo deb --no-build` packs them.
#
#   bash scripts/deb-assets.sh && cargo deb --no-build
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
bin=target/release/qoima
out=target/deb-assets
rm -rf "$out"
mkdir -p "$out/example"
"$bin" man | gzip -9n >"$out/qoima.1.gz"
"$bin" completions bash >"$out/qoima.bash"
"$bin" completions zsh >"$out/_qoima"
"$bin" completions fish >"$out/qoima.fish"
cp -r site.toml depository-numbers.txt archive "$out/example/"
