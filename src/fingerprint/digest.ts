const SHA256_DIGEST = /^(?:sha256:)?([0-9a-f]{64})$/i

/** Accepts 64 hex characters, bare or as `sha256:<hex>`, in any case; returns 64 lowercase hex. */
export function normaliseDigest(value: string, inputName: string): string {
  const match = SHA256_DIGEST.exec(value.trim())
  if (!match) {
    throw new Error(
      `Input '${inputName}' is '${value}', which is not a SHA-256 digest: expected 64 hex characters, ` +
        `optionally prefixed with 'sha256:' (as docker/build-push-action outputs it)`
    )
  }
  return match[1].toLowerCase()
}
