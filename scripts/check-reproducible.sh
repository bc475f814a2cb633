#!/usr/bin/env bash
# Proves the bundle is reproducible: two clean bundles of the sources, each into its own
# temporary directory with ncc's build cache off, are byte-identical to each other and to dist/
# (in CI, the committed dist/). Both run scripts/bundle.sh, as `npm run bundle` does.
#
#   bash scripts/check-reproducible.sh            # from the installed node_modules (~30 s)
#   bash scripts/check-reproducible.sh --copy     # each bundle from its own copy of the tree and
#                                                 # of the installed node_modules, at its own path
#   bash scripts/check-reproducible.sh --fresh    # each bundle from its own copy of the tree
#                                                 # at its own path, after its own `npm ci` (~60 s)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

mode=installed
case "${1:-}" in
  --fresh) mode=fresh ;;
  --copy) mode=copy ;;
  '') ;;
  *)
    echo "usage: $0 [--copy | --fresh]" >&2
    exit 2
    ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

build() { # build <n>: bundles into $work/out<n>
  local n="$1"
  local tree="$root"
  if [ "$mode" != installed ]; then
    tree="$work/tree$n"
    mkdir -p "$tree"
    # The working tree's files (tracked and new), without dist/ and node_modules/.
    git ls-files -z --cached --others --exclude-standard |
      grep -zv '^dist/' |
      (cd "$root" && xargs -0 cp --parents -t "$tree")
    if [ "$mode" = fresh ]; then
      (cd "$tree" && npm ci --no-audit --no-fund --loglevel=error)
    else
      # A real copy (node_modules may be a symlink), so that nothing resolves back to $root.
      cp -a --reflink=auto "$(realpath "$root/node_modules")" "$tree/node_modules"
    fi
  fi
  (cd "$tree" && bash scripts/bundle.sh "$work/out$n" --no-cache --quiet)
}

# Every file of a directory with its sha256, as "sha256  relative/path" lines, sorted by path.
manifest() {
  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sed 's#  \./#  #'
}

echo "== bundle 1"
build 1
echo "== bundle 2"
build 2

manifest "$work/out1" > "$work/out1.sha256"
manifest "$work/out2" > "$work/out2.sha256"
manifest dist > "$work/dist.sha256"

status=0
if ! diff -u "$work/out1.sha256" "$work/out2.sha256"; then
  echo "Two bundles of the same sources differ: the bundle is not reproducible." >&2
  status=1
fi
if ! diff -u --label 'dist/ (in the tree)' --label 'fresh bundle' "$work/dist.sha256" "$work/out1.sha256"; then
  echo "dist/ differs from a fresh bundle: run 'npm run bundle' and commit dist/." >&2
  status=1
fi
if ! grep -q '  licenses.txt$' "$work/out1.sha256"; then
  echo "The bundle carries no licenses.txt." >&2
  status=1
fi
if ! grep -q '  hash-worker/index.js$' "$work/out1.sha256"; then
  echo "The bundle carries no hash-worker/index.js, the file hashing worker." >&2
  status=1
fi

for sub in attest assert; do
  if ! grep -q "  $sub/index.js\$" "$work/out1.sha256"; then
    echo "The bundle carries no $sub/index.js, the entry that $sub/action.yml names." >&2
    status=1
  fi
  if ! grep -q "  $sub/hash-worker/index.js\$" "$work/out1.sha256"; then
    echo "The bundle carries no $sub/hash-worker/index.js, the hashing worker of the $sub entry." >&2
    status=1
  fi
done

if [ "$status" -eq 0 ]; then
  cat "$work/out1.sha256"
  echo "reproducible: 2 clean bundles and dist/ are byte-identical ($(wc -l < "$work/out1.sha256") files)"
fi
exit "$status"
