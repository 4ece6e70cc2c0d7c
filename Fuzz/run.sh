#!/bin/sh
# Fuzzes the RESP parser with libFuzzer on one core.
#
#   Fuzz/run.sh SECONDS [--update-regressions]
#
# Builds Sources/RESP/*.swift with Fuzz/RESPFuzz.swift (ASan + libFuzzer), seeds the
# corpus from the test fixtures and past regressions, runs for SECONDS, copies any
# crash input into Tests/RESPTests/FuzzRegressions/ and prints the final stats.
# With --update-regressions it also replaces the kept corpus files there
# (corpus-*) with at most 200 small inputs of a minimized corpus.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:?usage: Fuzz/run.sh SECONDS [--update-regressions]}
update=${2:-}
root=$(pwd)
out=$root/Fuzz/out
regressions=$root/Tests/RESPTests/FuzzRegressions
mkdir -p "$root/Fuzz/bin" "$out/corpus" "$out/seeds" "$out/crashes"

swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name RESPFuzz \
    Sources/RESP/*.swift Fuzz/RESPFuzz.swift -o "$root/Fuzz/bin/resp-fuzz"

# Seeds: every fixture (named after its path) and every past regression input.
find Tests/RESPTests/Fixtures -type f \( -name '*.resp2' -o -name '*.resp3' \) | while read -r file; do
    cp "$file" "$out/seeds/$(echo "${file#Tests/RESPTests/Fixtures/}" | tr '/' '_')"
done
find "$regressions" -type f ! -name '.*' -exec cp {} "$out/seeds/" \;

cd "$out"
rm -f fuzz-0.log
"$root/Fuzz/bin/resp-fuzz" -jobs=1 -workers=1 -max_total_time="$seconds" -print_final_stats=1 \
    -max_len=4096 -artifact_prefix="$out/crashes/" "$out/corpus" "$out/seeds" || true
log=$out/fuzz-0.log
[ -f "$log" ] && grep -E '^#[0-9]+ +(DONE|INITED)|^stat::|^Done|ERROR|SUMMARY' "$log" | tail -20

found=0
for crash in "$out"/crashes/crash-* "$out"/crashes/timeout-* "$out"/crashes/oom-*; do
    [ -f "$crash" ] || continue
    cp "$crash" "$regressions/$(basename "$crash")"
    found=$((found + 1))
done
echo "crash inputs copied to $regressions: $found"

if [ "$update" = "--update-regressions" ]; then
    rm -rf "$out/min" && mkdir -p "$out/min"
    "$root/Fuzz/bin/resp-fuzz" -merge=1 -max_len=512 "$out/min" "$out/corpus" >/dev/null 2>&1
    find "$regressions" -name 'corpus-*' -delete
    # 200 inputs of the minimized corpus, spread evenly over its sizes (all <= 512 bytes).
    ls -S -r "$out/min" | awk -v total="$(ls "$out/min" | wc -l)" \
        'total <= 200 || int((NR - 1) * 200 / total) != int(NR * 200 / total)' |
        while read -r name; do cp "$out/min/$name" "$regressions/corpus-$name"; done
    echo "kept $(find "$regressions" -name 'corpus-*' | wc -l) corpus inputs in $regressions"
fi
[ "$found" -eq 0 ]
