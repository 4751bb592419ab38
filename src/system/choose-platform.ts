// Picks the backend for the host we run on.
import type { OsKind } from "../core/model.js";
import { hostName } from "./host.js";
import { createLinuxPlatform } from "./linux/linux-platform.js";
import type { Platform } from "./platform.js";
import type { CommandRunner } from "./runner-types.js";

export class UnsupportedHostError extends Error {}

export async function choosePlatform(
  os: OsKind | "unsupported",
  runner: CommandRunner,
  opts: { isRoot: boolean },
): Promise<Platform> {
  switch (os) {
    case "linux":
      return createLinuxPlatform(runner, { isRoot: opts.isRoot, hostname: hostName() });
    default:
      throw new UnsupportedHostError(
        `live collection on ${os} is not available in this build: use \`dualhome analyze\` with saved outputs, or \`dualhome demo\``,
      );
  }
}
