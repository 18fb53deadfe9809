#!/usr/bin/env bash
# Benchmarks qoima on synthetic archives that it generates itself (`qoima generate`).
#
#   bash bench/run.sh            every benchmark at 1,000 and 10,000 deposits (load + check also
#                                at 100,000), medians of 5 runs
#   bash bench/run.sh --smoke    a tiny archive, one run: proves the script works (CI)
#
# Prints a Markdown table. Timing belongs here, never in the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1

cargo build --release --locked --quiet
bin=target/release/qoima
work=$(mktemp -d "${TMPDIR:-/tmp}/qoima-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ "$smoke" = 1 ]; then sizes=(50); runs=1; else sizes=(1000 10000); runs=5; fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# Seconds (wall) of one command, to the millisecond; stdout discarded.
seconds() {
  local s e
  s=$(date +%s%N)
  "$@" >/dev/null || true
  e=$(date +%s%N)
  awk -v s="$s" -v e="$e" 'BEGIN {printf "%.3f\n", (e - s) / 1e9}'
}

# Peak resident memory (MiB) of one command, from GNU time when it is installed.
peak_mib() {
  if [ -x /usr/bin/time ]; then
    { /usr/bin/time -f '%M' "$@" >/dev/null 2>"$work/time.txt" || true; } 
    tail -n 1 "$work/time.txt" | awk '{printf "%.0f\n", $1/1024}'
  else
    echo "n/a"
  fi
}

# Scaling: load + check also at 100,000 deposits (generated, checked, then removed: ~8 GB).
if [ "$smoke" = 1 ]; then check_sizes=("${sizes[@]}"); else check_sizes=("${sizes[@]}" 100000); fi
declare -A check_median
echo "| benchmark | deposits | median (s) | deposits/s | peak RSS (MiB) |"
echo "|---|---:|---:|---:|---:|"
for n in "${check_sizes[@]}"; do
  root="$work/site-$n"
  "$bin" generate --out "$root" --deposits "$n" >/dev/null
  # Warm the page cache once: the figure is the tool's work, not the disk's.
  "$bin" --root "$root" --today 2026-11-23 check --format json >/dev/null || true
  times=()
  for _ in $(seq "$runs"); do
    times+=("$(seconds "$bin" --root "$root" --today 2026-11-23 check --format json)")
  done
  med=$(printf '%s\n' "${times[@]}" | median)
  rate=$(awk -v n="$n" -v t="$med" 'BEGIN {printf "%.0f", (t > 0) ? n / t : 0}')
  mem=$(peak_mib "$bin" --root "$root" --today 2026-11-23 check --format json)
  echo "| load + check (no hashing) | $n | $med | $rate | $mem |"
  check_median[$n]=$med
  [ "$n" -le 10000 ] || rm -rf "$root"
done
if [ -n "${check_median[100000]:-}" ]; then
  awk -v a="${check_median[100000]}" -v b="${check_median[10000]}" \
    'BEGIN {if (b > 0) printf "\n100,000 deposits cost %.1f× 10,000 (linear would be 10×)\n", a / b}'
fi

# The catalogue: both editions, every language, against Hugo (Debian's `hugo`) rendering the
# same number of pages made from the same deposits. Installed here when missing (apt).
if [ "$smoke" = 0 ] && ! command -v hugo >/dev/null 2>&1; then
  (apt-get install -y -qq hugo >/dev/null 2>&1 || true)
fi
build_n=${sizes[0]}
[ "$smoke" = 1 ] || build_n=1000
root="$work/site-$build_n"
[ -d "$root" ] || "$bin" generate --out "$root" --deposits "$build_n" >/dev/null
cp -r themes "$root/"
echo
echo "| build | deposits | pages | median (s) | pages/s | peak RSS (MiB) |"
echo "|---|---:|---:|---:|---:|---:|"
times=()
for _ in $(seq "$runs"); do
  rm -rf "$work/dist"
  times+=("$(seconds "$bin" --root "$root" --today 2026-11-23 build --out "$work/dist")")
done
pages=$(find "$work/dist" -name '*.html' | wc -l)
med=$(printf '%s\n' "${times[@]}" | median)
rate=$(awk -v n="$pages" -v t="$med" 'BEGIN {printf "%.0f", (t > 0) ? n / t : 0}')
rm -rf "$work/dist"
mem=$(peak_mib "$bin" --root "$root" --today 2026-11-23 build --out "$work/dist")
echo "| qoima build (2 editions × 3 languages) | $build_n | $pages | $med | $rate | $mem |"
if command -v hugo >/dev/null 2>&1; then
  python3 bench/hugo_site.py "$root" "$work/hugo" "$pages" >/dev/null
  times=()
  for _ in $(seq "$runs"); do
    rm -rf "$work/hugo/public"
    times+=("$(seconds hugo --quiet -s "$work/hugo")")
  done
  hpages=$(find "$work/hugo/public" -name '*.html' | wc -l)
  hmed=$(printf '%s\n' "${times[@]}" | median)
  hrate=$(awk -v n="$hpages" -v t="$hmed" 'BEGIN {printf "%.0f", (t > 0) ? n / t : 0}')
  rm -rf "$work/hugo/public"
  hmem=$(peak_mib hugo --quiet -s "$work/hugo")
  echo "| hugo $(hugo version | awk '{print $2}') (same page count) | $build_n | $hpages | $hmed | $hrate | $hmem |"
  awk -v a="$rate" -v b="$hrate" 'BEGIN {if (b > 0) printf "\nqoima builds %.2f× Hugo'"'"'s pages per second\n", a / b}'
fi

# One edit under `qoima watch`: from the write to the last page renamed into place, at each
# size; `hugo server` re-rendering one edited page of the Hugo site above, for comparison.
if [ "$smoke" = 1 ]; then edits=1; else edits=7; fi
echo
echo "| one-edit update | deposits | write → last page in place, ms: median (range) | qoima's own work, ms | files rewritten |"
echo "|---|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  root="$work/site-$n"
  [ -d "$root/themes" ] || cp -r themes "$root/"
  python3 bench/watch_latency.py "$bin" "$root" "$edits"
  rm -rf "$root/dist"
done
if [ "$smoke" = 0 ] && [ -d "$work/hugo" ]; then
  python3 bench/watch_latency.py "$bin" "$work/site-$build_n" "$edits" "$work/hugo" || true
  rm -rf "$work/hugo/public" "$work/site-$build_n/dist"
fi

# Hashing (seal and fixity): MB/s on large files and files/s on 4 KiB files, against
# sha256sum, openssl and bagit-python (pip) on the same files.
if [ "$smoke" = 1 ]; then big_mib=4; big_n=2; small_n=200; else big_mib=256; big_n=4; small_n=10000; fi
# Two sealed deposits: one of large files, one of small files.
for kind in big small; do
  cp -r tests/fixtures/minimal "$work/hash-$kind"
done
python3 - "$work/hash-big/archive/e-permits/1.0" "$work/hash-small/archive/e-permits/1.0" "$big_mib" "$big_n" "$small_n" <<'PY'
import os, sys
big, small, big_mib, big_n, small_n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
chunk = os.urandom(1 << 20)
for i in range(big_n):
    with open(f"{big}/install/big-{i}.bin", "wb") as f:
        for _ in range(big_mib):
            f.write(chunk)
os.makedirs(f"{small}/docs/small", exist_ok=True)
for i in range(small_n):
    with open(f"{small}/docs/small/f{i:05}.txt", "wb") as f:
        f.write(os.urandom(4096))
PY
for kind in big small; do "$bin" --root "$work/hash-$kind" --today 2026-11-23 seal e-permits/1.0 >/dev/null; done
dep="$work/hash-big/archive/e-permits/1.0"
small="$work/hash-small/archive/e-permits/1.0"
big_bytes=$((big_mib * big_n * 1048576))
if ! python3 -c "import bagit" 2>/dev/null; then pip install -q bagit >/dev/null 2>&1 || true; fi
cat "$dep"/install/big-*.bin > /dev/null
echo
echo "| hashing | work | median (s) | rate | peak RSS (MiB) |"
echo "|---|---|---:|---:|---:|"
rate_mb() { awk -v b="$1" -v t="$2" 'BEGIN {printf "%.0f MB/s", (t > 0) ? b / t / 1e6 : 0}'; }
rate_files() { awk -v n="$1" -v t="$2" 'BEGIN {printf "%.0f files/s", (t > 0) ? n / t : 0}'; }
row() { # name, work, rate-function, amount, command...
  local name=$1 what=$2 kind=$3 amount=$4; shift 4
  local ts=() med mem
  for _ in $(seq "$runs"); do ts+=("$(seconds "$@")"); done
  med=$(printf '%s\n' "${ts[@]}" | median)
  mem=$(peak_mib "$@")
  echo "| $name | $what | $med | $($kind "$amount" "$med") | $mem |"
}
row "qoima fixity" "$big_n × $big_mib MiB" rate_mb "$big_bytes" "$bin" --root "$work/hash-big" --today 2026-11-23 fixity
row "sha256sum" "$big_n × $big_mib MiB" rate_mb "$big_bytes" sh -c "sha256sum '$dep'/install/big-*.bin"
if command -v openssl >/dev/null; then
  row "openssl dgst -sha256" "$big_n × $big_mib MiB" rate_mb "$big_bytes" sh -c "openssl dgst -sha256 '$dep'/install/big-*.bin"
fi
row "qoima fixity" "$small_n × 4 KiB" rate_files "$small_n" "$bin" --root "$work/hash-small" --today 2026-11-23 fixity
row "sha256sum" "$small_n × 4 KiB" rate_files "$small_n" sh -c "cd '$small/docs/small' && ls | xargs sha256sum"
if python3 -c "import bagit" 2>/dev/null; then
  for kind in big small; do
    mkdir -p "$work/bag-$kind"; cp -r "$work/hash-$kind/archive/e-permits/1.0/." "$work/bag-$kind/"
    python3 -c "import bagit,sys; bagit.make_bag(sys.argv[1], checksums=['sha256'])" "$work/bag-$kind" >/dev/null 2>&1
  done
  row "bagit-python validate" "$big_n × $big_mib MiB" rate_mb "$big_bytes" python3 -c "import bagit,sys; bagit.Bag(sys.argv[1]).validate()" "$work/bag-big"
  row "bagit-python validate" "$small_n × 4 KiB" rate_files "$small_n" python3 -c "import bagit,sys; bagit.Bag(sys.argv[1]).validate()" "$work/bag-small"
fi

# `qoima verify` against bagit-python's validate, on the same bags (made by bagit-python).
if [ -d "$work/bag-big" ]; then
  echo
  echo "| bag validation | work | median (s) | rate | peak RSS (MiB) |"
  echo "|---|---|---:|---:|---:|"
  for kind in big small; do
    if [ "$kind" = big ]; then what="$big_n × $big_mib MiB"; fn=rate_mb; amount=$big_bytes; else what="$small_n × 4 KiB"; fn=rate_files; amount=$small_n; fi
    row "qoima verify" "$what" "$fn" "$amount" "$bin" verify "$work/bag-$kind"
    row "bagit-python validate" "$what" "$fn" "$amount" python3 -c "import bagit,sys; bagit.Bag(sys.argv[1]).validate()" "$work/bag-$kind"
  done
fi

# Packaging a mixed deposit (compressed artefacts, an installer without a telling extension, an
# SQL dump, small source files) against computing the two manifests a bag needs with coreutils.
if [ "$smoke" = 1 ]; then pk_mib=8; pk_src=50; else pk_mib=256; pk_src=4096; fi
cp -r tests/fixtures/minimal "$work/pack"
cp -r themes "$work/pack/themes"
pdep="$work/pack/archive/e-permits/1.0"
mkdir -p "$pdep/extra" "$pdep/install" "$pdep/database" "$pdep/source"
python3 - "$pdep" "$pk_mib" "$pk_src" <<'PY'
import os, sys
dep, mib, n_src = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = os.urandom(1 << 20)
def random_file(path, mib):
    with open(path, "wb") as f:
        for i in range(mib):
            f.write(rnd[i % 7:] + rnd[:i % 7])
random_file(f"{dep}/install/app-server.tar.gz", mib)
random_file(f"{dep}/install/app-client.jar", mib // 2)
random_file(f"{dep}/extra/reports.zip", mib // 2)
random_file(f"{dep}/install/setup.bin", mib)
with open(f"{dep}/database/dump.sql", "w") as f:
    row = 0
    while f.tell() < (mib * 3 // 4) << 20:
        f.write("".join(f"INSERT INTO permits (id, holder, issued, status) VALUES ({row + k}, 'ТОО Компания {(row + k) * 7919 % 100000}', '2024-{(row + k) % 12 + 1:02}-{(row + k) % 28 + 1:02}', 'active');\n" for k in range(1000)))
        row += 1000
os.makedirs(f"{dep}/source/src", exist_ok=True)
for i in range(n_src):
    with open(f"{dep}/source/src/module_{i:05}.c", "w") as f:
        for j in range(160):
            f.write(f"static int handler_{i}_{j}(struct request *r) {{ return validate(r, {i * j % 977}); }}\n")
PY
"$bin" --root "$work/pack" --today 2026-11-23 seal e-permits/1.0 >/dev/null
pk_bytes=$(du -sb "$pdep" | cut -f1)
cat $(find "$pdep" -type f) >/dev/null
echo
echo "| packaging ($(awk -v b="$pk_bytes" 'BEGIN {printf "%.0f MB", b / 1e6}') mixed) | median (s) | rate | peak RSS (MiB) |"
echo "|---|---:|---:|---:|"
prow() {
  local name=$1; shift
  local ts=() med mem
  for _ in $(seq "$runs"); do ts+=("$(seconds "$@")"); done
  med=$(printf '%s\n' "${ts[@]}" | median)
  mem=$(peak_mib "$@")
  echo "| $name | $med | $(rate_mb "$pk_bytes" "$med") | $mem |"
  echo "$med" > "$work/last.txt"
}
prow "qoima package (zip, SHA-256 + SHA-512, seal checked)" "$bin" --root "$work/pack" --today 2026-11-23 package e-permits --out "$work/pack.zip"
t_pack=$(cat "$work/last.txt")
prow "sha256sum + sha512sum (the two manifests alone)" sh -c "find '$pdep' -type f -print0 | xargs -0 sha256sum >/dev/null && find '$pdep' -type f -print0 | xargs -0 sha512sum"
t_hash=$(cat "$work/last.txt")
prow "sha256sum alone" sh -c "find '$pdep' -type f -print0 | xargs -0 sha256sum"
t_256=$(cat "$work/last.txt")
# The same files as a bag with both manifests: qoima verify hashes exactly what a package must.
if python3 -c "import bagit" 2>/dev/null; then
  mkdir -p "$work/pack-bag" && cp -r "$pdep/." "$work/pack-bag/"
  python3 -c "import bagit,sys; bagit.make_bag(sys.argv[1], checksums=['sha256','sha512'])" "$work/pack-bag" >/dev/null 2>&1
  cat $(find "$work/pack-bag" -type f) >/dev/null
  prow "qoima verify of the same files (SHA-256 + SHA-512, no zip)" "$bin" verify "$work/pack-bag"
  t_both=$(cat "$work/last.txt")
  # bagit-python's create on the same files (a hard-linked copy each run: make_bag moves the
  # files into data/ in place), against qoima package above.
  prow "bagit-python make_bag (SHA-256 + SHA-512, no zip)" sh -c "rm -rf '$work/mk-bag' && cp -al '$pdep' '$work/mk-bag' && python3 -c \"import bagit,sys; bagit.make_bag(sys.argv[1], checksums=['sha256','sha512'])\" '$work/mk-bag' >/dev/null 2>&1"
  t_mk=$(cat "$work/last.txt")
  rm -rf "$work/mk-bag"
fi
if command -v zip >/dev/null; then
  prow "Info-ZIP zip -r (no checksums)" sh -c "cd '$pdep' && rm -f '$work/infozip.zip' && zip -qr '$work/infozip.zip' ."
fi
# The ratios, after the table (a line between its rows would end it).
if [ -n "${t_mk:-}" ]; then
  awk -v p="$t_pack" -v m="$t_mk" 'BEGIN {if (m > 0) printf "\nqoima package (a zip, seal checked) takes %.2f× the time of bagit-python make_bag (a folder)\n", p / m}'
  awk -v p="$t_pack" -v h="$t_both" 'BEGIN {if (h > 0) printf "\npackaging takes %.2f× the time qoima needs to hash the same files with both algorithms\n", p / h}'
fi
awk -v p="$t_pack" -v h="$t_hash" -v s="$t_256" 'BEGIN {if (h > 0 && s > 0) printf "\npackaging takes %.2f× the time of hashing both manifests, %.2f× that of SHA-256 alone\n", p / h, p / s}'
"$bin" verify "$work/pack.zip" >/dev/null && echo "the package verifies with qoima verify"

# Memory on a large package: one 10 GiB installer (zip64), full runs only.
if [ "$smoke" = 0 ] && [ "${QOIMA_BENCH_10G:-1}" = 1 ]; then
  cp -r tests/fixtures/minimal "$work/huge"
  cp -r themes "$work/huge/themes"
  head -c $((10 * 1024 * 1024 * 1024)) /dev/urandom > "$work/huge/archive/e-permits/1.0/install/image.bin"
  "$bin" --root "$work/huge" --today 2026-11-23 seal e-permits/1.0 >/dev/null
  echo
  echo "| 10 GiB package | seconds | peak RSS (MiB) |"
  echo "|---|---:|---:|"
  once() { # seconds and peak RSS of one run
    local s e mem=n/a
    s=$(date +%s%N)
    if [ -x /usr/bin/time ]; then mem=$(peak_mib "$@"); else "$@" >/dev/null; fi
    e=$(date +%s%N)
    echo "$(awk -v s="$s" -v e="$e" 'BEGIN {printf "%.1f", (e - s) / 1e9}') | $mem"
  }
  echo "| qoima package | $(once "$bin" --root "$work/huge" --today 2026-11-23 package e-permits --out "$work/huge.zip") |"
  echo "| qoima verify (the zip, in place) | $(once "$bin" verify "$work/huge.zip") |"
  rm -rf "$work/huge" "$work/huge.zip"
fi
