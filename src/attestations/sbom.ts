import { moreType } from './more-type.js'

/** sbom: one SBOM file, sent as it is; Kosli files it under its `system` family. */
export const sbom = moreType(
  'sbom',
  '`results`: one SBOM file (CycloneDX JSON or XML, SPDX JSON or tag-value), sent as its attachment',
  'system'
)
