#!/usr/bin/env bash
# What the depository register costs `check`: the same generated archive checked as generated
# (nothing sealed) and with every deposit sealed on the day it was numbered (`qoima generate
# --sealed`: each deposit's line in the register, its number and certificate in its system's
# journal instead of its deposit.yaml, the hash cache filled as a seal leaves it), in
# alternating runs so that both see the same machine. Both archives hold the same history, so
# `check` finds the same things in both (the sealed one adds that no replica is configured).
#
#   bash bench/register.sh [DEPOSITS] [ROUNDS] [BASELINE]
#
# DEPOSITS defaults to 10000, ROUNDS to 9. BASELINE, when given, is another qoima binary (an
# earlier release) that checks the unsealed archive in the same rounds: the figure the sealed
# archive is compared with. Prints the median wall time of each, and the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
n=${1:-10000}
rounds=${2:-9}
baseline=${3:-}

cargo build --release --locked --quiet
bin=target/release/qoima
workdir register


if [ ! -f "$work/sealed/depository-numbers.txt" ]; then
  rm -rf "$work/plain" "$work/sealed"
  "$bin" generate --out "$work/plain" --deposits "$n" >/dev/null
  s=$(date +%s)
  "$bin" --today 2026-11-23 generate --sealed --out "$work/sealed" --deposits "$n" >/dev/null
  echo "generated and sealed $n deposits in $(( $(date +%s) - s )) s" >&2
fi
entries=$(grep -vc '^#' "$work/sealed/depository-numbers.txt")
journals=$(find "$work/sealed/archive" -name journal.yaml | wc -l)
echo "register: $entries lines; journals: $journals" >&2

check() { seconds "$1" --root "$2" --today 2026-11-23 check --format json; }
# Warm the page cache once for each.
for root in plain sealed; do check "$bin" "$work/$root" >/dev/null; done
[ -n "$baseline" ] && check "$baseline" "$work/plain" >/dev/null
: >"$work/t-plain"; : >"$work/t-sealed"; : >"$work/t-base"
for _ in $(seq "$rounds"); do
  [ -n "$baseline" ] && check "$baseline" "$work/plain" >>"$work/t-base"
  check "$bin" "$work/plain" >>"$work/t-plain"
  check "$bin" "$work/sealed" >>"$work/t-sealed"
done
p=$(median <"$work/t-plain"); q=$(median <"$work/t-sealed")
echo "| check | deposits | median (s) |"
echo "|---|---:|---:|"
if [ -n "$baseline" ]; then
  b=$(median <"$work/t-base")
  echo "| baseline binary, nothing sealed | $n | $b |"
fi
echo "| this binary, nothing sealed | $n | $p |"
echo "| this binary, every deposit sealed and registered | $n | $q |"
awk -v p="$p" -v q="$q" 'BEGIN {printf "\nsealed and registered / nothing sealed (this binary): %.3f\n", q / p}'
[ -n "$baseline" ] && awk -v b="$b" -v q="$q" 'BEGIN {printf "sealed and registered (this binary) / nothing sealed (baseline): %.3f\n", q / b}'
exit 0
