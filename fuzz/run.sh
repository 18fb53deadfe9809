#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600: ten minutes each): qoima's, here, and
# the BagIt crate's own, in crates/bagit/fuzz (named bagit/<target>; they build against that
# crate alone and read the seeds of the qoima target named beside them below).
#
#   bash fuzz/run.sh [SECONDS]            all targets, one after the other
#   TARGETS="markdown bagit/tag_files" bash fuzz/run.sh 60
#
# Needs the nightly toolchain (rustup) and cargo-fuzz (installed here when missing). The seeds
# in fuzz/corpus/<target>/ are read, never written: what libFuzzer finds goes to
# fuzz/.work/<target>/, crashes to fuzz/artifacts/<target>/ (both ignored by git). Each target
# runs with a 2 GiB memory limit and a 10 s limit per input, so a runaway allocation or a hang
# is reported as a crash. Fuzzing is not part of CI; this script is how it is run.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
targets=${TARGETS:-"metadata_yaml rulebook_calendar manifests zip_verify_examine markdown bagit/tag_files bagit/verify_zip"}
# The seeds of each BagIt target: tag files are manifests' kin, a bag's zip is an archive.
seeds() {
  case $1 in
    bagit/tag_files) echo manifests ;;
    bagit/verify_zip) echo zip_verify_examine ;;
    *) echo "$1" ;;
  esac
}
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
status=0
for t in $targets; do
  mkdir -p ".work/$t"
  echo "== $t ($secs s)"
  dir=.
  [ "${t#bagit/}" != "$t" ] && dir=../crates/bagit/fuzz
  if ! (cd "$dir" && cargo +nightly fuzz run "${t#bagit/}" "$OLDPWD/.work/$t" "$OLDPWD/corpus/$(seeds "$t")" -- \
      -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -max_len=1048576 -print_final_stats=1 \
      ) > ".work/$t.log" 2>&1; then
    status=1
    echo "   CRASH: see fuzz/.work/$t.log and the artifacts/ folder beside its Cargo.toml"
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs" ".work/$t.log" | sed 's/^/   /' || true
done
exit $status
