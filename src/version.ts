// What `dualhome --version` prints. The commit is embedded when `npm run package`
// bundles the app (esbuild replaces __DUALHOME_COMMIT__); a tsc build has none.
declare const __DUALHOME_COMMIT__: string | undefined;

export const VERSION = "0.1.0";

function buildCommit(): string {
  return typeof __DUALHOME_COMMIT__ === "string" && __DUALHOME_COMMIT__ ? __DUALHOME_COMMIT__ : "unknown";
}

export function versionLine(platform: string = process.platform, arch: string = process.arch): string {
  return `dualhome ${VERSION} (commit ${buildCommit()}, ${platform}-${arch})`;
}
