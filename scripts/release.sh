#!/usr/bin/env bash
# Builds jifen's release: one static binary (no cgo) per platform the
# committees use, each stamped with its version, commit and build date
# (jifen version prints them), and SHA256SUMS over all of them.
#
#   scripts/release.sh [VERSION] [OUTDIR]
#
# VERSION defaults to `git describe --tags --always --dirty`, OUTDIR to
# dist/<VERSION>. The build date is today (UTC), or the day of
# $SOURCE_DATE_EPOCH when set, so that a rebuild of a tag is byte-identical.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
out=${2:-dist/$version}
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain 2>/dev/null)" ]; then
  commit="$commit-dirty"
fi
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
else
  date=$(date -u +%Y-%m-%d)
fi

targets=(windows/amd64 windows/arm64 linux/amd64 darwin/arm64)

rm -rf "$out"
mkdir -p "$out"
for t in "${targets[@]}"; do
  goos=${t%/*}
  goarch=${t#*/}
  name="jifen-$version-$goos-$goarch"
  [ "$goos" = windows ] && name="$name.exe"
  echo "== $name"
  # -trimpath and no VCS stamp: the ldflags say what was built, and the
  # binary does not depend on the folder it was built in.
  CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath -buildvcs=false \
    -ldflags "-s -w -X main.version=$version -X main.commit=$commit -X main.date=$date" \
    -o "$out/$name" ./cmd/jifen
done

(cd "$out" && sha256sum -- jifen-* > SHA256SUMS)
echo "== $out"
ls -l "$out"
