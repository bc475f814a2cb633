#!/usr/bin/env bash
# Bundles the action into OUTDIR with ncc: the action itself, the file hashing worker as an entry
# of its own (the action starts it from its file, OUTDIR/hash-worker/index.js), and the entries of
# the sub-actions attest/ and assert/ (each action.yml names its own: OUTDIR/attest/index.js,
# OUTDIR/assert/index.js), each with a copy of the hash worker beside it.
# `npm run bundle` writes dist/; the tests bundle into a folder of their own; the
# reproducibility check bundles twice into temporary folders. Extra arguments go to both builds.
#
#   bash scripts/bundle.sh OUTDIR [ncc flags...]
set -euo pipefail
out="${1:?usage: $0 OUTDIR [ncc flags...]}"
shift
# ncc leaves files of an earlier build in place, so chunks gone from the sources would stay:
# OUTDIR holds nothing but the bundle, and is built anew.
case "$out" in '' | / | . | ..) echo "bundle.sh: refusing to empty '$out'" >&2 && exit 2 ;; esac
rm -rf "$out"
# Each entry's chunks (parts loaded only by the runs that use them) get a licenses file each;
# merge-licenses.mjs makes them one licenses.txt per entry.
npx --no-install ncc build src/index.ts -o "$out" --license '[name].licenses.txt' --target es2022 "$@"
node scripts/merge-licenses.mjs "$out"
npx --no-install ncc build src/fingerprint/hash-worker.ts -o "$out/hash-worker" --target es2022 "$@"
for sub in attest assert; do
  npx --no-install ncc build "src/$sub-action.ts" -o "$out/$sub" --license '[name].licenses.txt' --target es2022 "$@"
  node scripts/merge-licenses.mjs "$out/$sub"
  # The pool starts the worker from beside the code that loads it: a copy of the one built above.
  rm -rf "$out/$sub/hash-worker"
  cp -R "$out/hash-worker" "$out/$sub/hash-worker"
done
