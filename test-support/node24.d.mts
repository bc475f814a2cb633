export declare const MINIMUM_MAJOR: number
export declare function platformPackage(platform?: string, arch?: string): string
export declare function resolveNode24(options?: {
  path?: string
  platform?: string
  arch?: string
  root?: string
}):
  | { binary: string; version: string; source: string; reason?: undefined }
  | { binary: undefined; version?: undefined; source?: undefined; reason: string }
