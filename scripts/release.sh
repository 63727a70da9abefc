#!/usr/bin/env bash
# Builds jifen's release: one static binary (no cgo) per platform the
# committees use — Windows, Linux and macOS, each on amd64 and arm64 — each
# stamped with its version, commit and build date (jifen version prints
# them), and SHA256SUMS over all of them. Every binary is checked before
# SHA256SUMS is written: its platform, CGO_ENABLED=0 and its version in the
# build information, and the one this machine can run says its version.
#
#   scripts/release.sh [VERSION] [OUTDIR]
#
# VERSION defaults to `git describe --tags --always --dirty`, OUTDIR to
# dist/<VERSION>. The build date is today (UTC), or the day of
# $SOURCE_DATE_EPOCH when set, so that a rebuild of a tag is byte-identical.
#
# The Windows executables carry an icon, version information with VERSION
# and a manifest (cmd/jifen/winres): go-winres v0.3.3 makes them into a
# .syso beside main.go for the Windows builds only, and each .exe is checked
# for them (go-winres extract) before SHA256SUMS is written.
#
# The compiler's cache is the release's own (JIFEN_RELEASE_CACHE, default
# ~/.cache/jifen-release/go-build): the shared one can be cleaned or trimmed
# by another go command while a build reads it, and a release build then
# fails with "cannot open file .../go-build/..." part way through.
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
export GOCACHE=${JIFEN_RELEASE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jifen-release/go-build}
export CGO_ENABLED=0

targets=(windows/amd64 windows/arm64 linux/amd64 linux/arm64 darwin/amd64 darwin/arm64)

winres="go run github.com/tc-hib/go-winres@v0.3.3"
syso=cmd/jifen/rsrc
trap 'rm -f "$syso"_windows_*.syso' EXIT

rm -rf "$out"
mkdir -p "$out"
names=()
for t in "${targets[@]}"; do
  goos=${t%/*}
  goarch=${t#*/}
  name="jifen-$version-$goos-$goarch"
  [ "$goos" = windows ] && name="$name.exe"
  echo "== $name"
  rm -f "$syso"_windows_*.syso
  if [ "$goos" = windows ]; then
    # Made per target, and only for it: go build links every .syso of the
    # package, whatever the target.
    (export GOOS= GOARCH= ; $winres make --in cmd/jifen/winres/winres.json --arch "$goarch" --out "$syso" \
      --product-version "$version" --file-version "$version")
  fi
  # -trimpath and no VCS stamp: the ldflags say what was built, and the
  # binary does not depend on the folder it was built in.
  GOOS=$goos GOARCH=$goarch go build -trimpath -buildvcs=false \
    -ldflags "-s -w -X main.version=$version -X main.commit=$commit -X main.date=$date" \
    -o "$out/$name" ./cmd/jifen
  # What was built, as the binary itself records it (-trimpath keeps the
  # ldflags out of it: the version is looked for in the binary instead).
  info=$(go version -m "$out/$name")
  for want in "build	GOOS=$goos" "build	GOARCH=$goarch" "build	CGO_ENABLED=0"; do
    if ! grep -qF -- "$want" <<<"$info"; then
      echo "$name: its build information lacks \"$want\":" >&2
      echo "$info" >&2
      exit 1
    fi
  done
  if ! LC_ALL=C grep -qaF -- "$version" "$out/$name"; then
    echo "$name: $version is not stamped in it" >&2
    exit 1
  fi
  if [ "$goos" = windows ]; then
    # The icon, the version information and the manifest are in the .exe.
    res=$(mktemp -d)
    (export GOOS= GOARCH= CGO_ENABLED= ; $winres extract --dir "$res" "$out/$name")
    for f in "$res/winres.json" "$res"/*.ico; do
      if [ ! -s "$f" ]; then
        echo "$name: no Windows resources ($f missing)" >&2
        exit 1
      fi
    done
    if ! grep -qF -- "\"ProductVersion\": \"$version\"" "$res/winres.json" || ! grep -qF 'win10' "$res/winres.json"; then
      echo "$name: its version information or manifest is not $version, Windows 10:" >&2
      cat "$res/winres.json" >&2
      exit 1
    fi
    echo "   icon, version information $version and manifest (Windows 10) present"
    rm -rf "$res"
  fi
  names+=("$name")
  if [ "$goos" = "$(go env GOHOSTOS)" ] && [ "$goarch" = "$(go env GOHOSTARCH)" ]; then
    got=$("$out/$name" version)
    sed 's/^/   /' <<<"$got"
    if ! grep -qF -- "$version" <<<"$got"; then
      echo "$name version does not say $version" >&2
      exit 1
    fi
  fi
done

(cd "$out" && sha256sum -- "${names[@]}" > SHA256SUMS && sha256sum --quiet -c SHA256SUMS)
echo "== $out"
ls -l "$out"
