/** The folder the end-to-end tests' bundle is built into. */
export declare const TEST_BUNDLE: string
/** The sha256 of what the test bundle is built from (src/, the lockfile, the bundling scripts). */
export declare function sourcesDigest(root: string): string
export default function globalSetup(): void
