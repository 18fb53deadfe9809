# Shared by the benchmark scripts (sourced, not run).

# The median of numbers on standard input, one a line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# Seconds (wall) of one command, to the millisecond; its output and errors discarded.
seconds() {
  local s e
  s=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  e=$(date +%s%N)
  awk -v s="$s" -v e="$e" 'BEGIN {printf "%.3f\n", (e - s) / 1e9}'
}

# The work folder: $QOIMA_BENCH_DIR (kept between runs), else a temporary folder named after
# $1, removed on exit. Sets `work`.
workdir() {
  if [ -n "${QOIMA_BENCH_DIR:-}" ]; then
    work=$QOIMA_BENCH_DIR
    mkdir -p "$work"
  else
    work=$(mktemp -d "${TMPDIR:-/tmp}/qoima-$1.XXXXXX")
    trap 'rm -rf "$work"' EXIT
  fi
}
