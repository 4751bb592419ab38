// Picks the backend for the host we run on.
import type { OsKind } from "../core/model.js";
import { createDarwinPlatform } from "./darwin/darwin-platform.js";
import { hostName } from "./host.js";
import { createLinuxPlatform } from "./linux/linux-platform.js";
import type { Platform } from "./platform.js";
import { spawnSession } from "./runner-session.js";
import type { CommandRunner } from "./runner-types.js";
import { chooseWindowsPlatform } from "./windows/powershell-platform.js";

export class UnsupportedHostError extends Error {}

export async function choosePlatform(
  os: OsKind | "unsupported",
  runner: CommandRunner,
  opts: { isRoot: boolean },
): Promise<Platform> {
  switch (os) {
    case "linux":
      return createLinuxPlatform(runner, { isRoot: opts.isRoot, hostname: hostName() });
    case "windows":
      return chooseWindowsPlatform(runner, spawnSession, { hostname: hostName() });
    case "darwin":
      return createDarwinPlatform(runner, { hostname: hostName() });
    default:
      throw new UnsupportedHostError(
        "this OS is not supported for live collection: use `dualhome analyze` with saved outputs, or `dualhome demo`",
      );
  }
}
