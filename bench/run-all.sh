#!/usr/bin/env bash
# Runs every benchmark of the performance issue (forward at batch 1 and 64, one SGD training step
# at batch 32, for scenarios A, B and C; StaticNN against a TensorPrimitives MLP, TorchSharp and
# ONNX Runtime; the two-core training hook) and rewrites bench/RESULTS.md between
# <!-- results:begin --> and <!-- results:end -->. About 7 minutes on a 2-core machine (budget: 15).
#
#   bench/run-all.sh            measure the working tree as it is
#   bench/run-all.sh --clean    measure a clean checkout of HEAD (a temporary git worktree), so
#                               uncommitted edits in src/ are neither measured nor able to break
#                               the build mid-run; RESULTS.md is still written in this tree
#   bench/run-all.sh --dry      check the plumbing in about 2 minutes: BenchmarkDotNet's Dry job
#                               (one cold call each, meaningless times); the write-up goes to a
#                               temporary copy of RESULTS.md, whose path is printed
#
# BenchmarkDotNet's reports (JSON, CSV, GitHub markdown) and logs stay in
# bench/BenchmarkDotNet.Artifacts/ (ignored by git).
set -euo pipefail
start=$(date +%s)
cd "$(dirname "$0")/.."
here=$PWD

clean=false
dry=false
for arg in "$@"; do
  case "$arg" in
    --clean) clean=true ;;
    --dry) dry=true ;;
    *) echo "usage: bench/run-all.sh [--clean] [--dry]" >&2; exit 2 ;;
  esac
done

tree=$here
if $clean; then
  tree=$(mktemp -d)/staticnn
  git worktree add --detach "$tree" HEAD >/dev/null
  trap 'git -C "$here" worktree remove --force "$tree"' EXIT
  echo "Measuring a clean checkout of $(git rev-parse --short HEAD) in $tree"
fi

commit="$(git -C "$tree" rev-parse --short HEAD) ($(git -C "$tree" log -1 --format=%cd --date=short))"
changed=$(git -C "$tree" status --porcelain -- src | wc -l)
if [ "$changed" -ne 0 ]; then
  commit="$commit with $changed uncommitted change(s) under src/ (measured as they were)"
elif $clean; then
  commit="$commit, a clean checkout (bench/run-all.sh --clean)"
else
  commit="$commit, src/ as committed"
fi

if $dry; then
  job=(--job dry)
else
  # 3 warm-up and 15 measured iterations of about 250 ms each, one process per benchmark.
  job=(--warmupCount 3 --iterationCount 15 --iterationTime 250 --launchCount 1)
fi

artifacts=$tree/bench/BenchmarkDotNet.Artifacts
rm -rf "$artifacts/results"
filters=('*ForwardPeerBenchmarks*' '*TrainingPeerBenchmarks*' '*TwoCoreTrainingBenchmarks*')
(cd "$tree" && dotnet run -c Release --project bench/StaticNN.Benchmarks -- \
  --filter "${filters[@]}" "${job[@]}" --exporters json csv github --artifacts "$artifacts")

if $clean; then
  mkdir -p "$here/bench/BenchmarkDotNet.Artifacts"
  rm -rf "$here/bench/BenchmarkDotNet.Artifacts/results"
  cp -r "$artifacts/results" "$here/bench/BenchmarkDotNet.Artifacts/results"
  cp "$artifacts"/*.log "$here/bench/BenchmarkDotNet.Artifacts/"
  artifacts=$here/bench/BenchmarkDotNet.Artifacts
fi

results=$here/bench/RESULTS.md
if $dry; then
  results=$(mktemp --suffix=-RESULTS.md)
  cp "$here/bench/RESULTS.md" "$results"
fi

invocation="bench/run-all.sh${*:+ $*}"
seconds=$(( $(date +%s) - start ))
dotnet "$tree/bench/StaticNN.Benchmarks/bin/Release/net10.0/StaticNN.Benchmarks.dll" --write-results \
  --artifacts "$artifacts" --results "$results" --seconds "$seconds" --commit "$commit" \
  --command "$invocation (BenchmarkDotNet: --filter ${filters[*]} ${job[*]})"
echo "bench/run-all.sh: $(( $(date +%s) - start )) s in all; results in $results"
