// Picks the backend for the host we run on.
import type { OsKind } from "../core/model.js";
import { createDarwinPlatform } from "./darwin/darwin-platform.js";
import { hostName } from "./host.js";
import { createLinuxPlatform } from "./linux/linux-platform.js";
import type { Platform } from "./platform.js";
import { spawnSession } from "./runner-session.js";
import { spawnStream } from "./runner-stream.js";
import type { CommandRunner } from "./runner-types.js";
import { createSpawnHelper } from "./spawn-helper.js";
import { chooseWindowsPlatform } from "./windows/powershell-platform.js";

export class UnsupportedHostError extends Error {}

export async function choosePlatform(
  os: OsKind | "unsupported",
  runner: CommandRunner,
  opts: { isRoot: boolean; live?: boolean },
): Promise<Platform> {
  switch (os) {
    case "linux":
      // The live screen follows route changes through `ip monitor`; one-shot commands read once.
      return opts.live
        ? createLinuxPlatform(runner, {
            isRoot: opts.isRoot,
            hostname: hostName(),
            stream: spawnStream,
            live: { pollStream: createSpawnHelper(spawnStream) },
          })
        : createLinuxPlatform(runner, { isRoot: opts.isRoot, hostname: hostName() });
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
