// Picks the backend for the host we run on, or the simulated server of `dualhome demo`.
import type { OsKind } from "../core/model.js";
import type { Policy } from "../core/policy.js";
import { createDarwinPlatform } from "./darwin/darwin-platform.js";
import { spawnSession } from "./exec/runner-session.js";
import { spawnStream } from "./exec/runner-stream.js";
import type { CommandRunner } from "./exec/runner-types.js";
import { createSpawnHelper } from "./exec/spawn-helper.js";
import type { StreamSpawner } from "./exec/stream-types.js";
import { hostName } from "./host.js";
import { createLinuxPlatform } from "./linux/linux-platform.js";
import { remoteProbe } from "./linux/remote-probe.js";
import type { Platform } from "./platform.js";
import { demoPolicy, nameDemoCards } from "./simulated/demo-host.js";
import { createDemoPlatform, type DemoPlatform } from "./simulated/demo-platform.js";
import { chooseWindowsPlatform } from "./windows/powershell-platform.js";

export type { DemoPlatform } from "./simulated/demo-platform.js";

export class UnsupportedHostError extends Error {}

export async function choosePlatform(
  os: OsKind | "unsupported",
  runner: CommandRunner,
  opts: { isRoot: boolean; live?: boolean; remote?: RemotePlatformFacts },
): Promise<Platform> {
  const remote = opts.remote;
  if (remote) return chooseRemote(os, runner, { isRoot: opts.isRoot, live: opts.live === true }, remote);
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

/** What a platform on a host reached over SSH needs besides the runner (see remote-host.ts). */
interface RemotePlatformFacts {
  target: string;
  hostname: string;
  readFile: (file: string) => Promise<string>;
  /** Streams from that host (`ip monitor`, `ss`) for the live screen. */
  runner: { stream(spawn: StreamSpawner): StreamSpawner };
}

// The live screen of a Linux host over SSH keeps `ip monitor` running there, as it
// does here; the one-shot commands read once.
function chooseRemote(
  os: OsKind | "unsupported",
  runner: CommandRunner,
  o: { isRoot: boolean; live: boolean },
  remote: RemotePlatformFacts,
): Platform {
  if (os === "linux") {
    const facts = { isRoot: o.isRoot, hostname: remote.hostname, readFile: remote.readFile };
    const platform = o.live
      ? createLinuxPlatform(runner, { ...facts, stream: remote.runner.stream(spawnStream) })
      : createLinuxPlatform(runner, facts);
    // A connect from here would leave this host's card: the probe runs there.
    return Object.assign(platform, { probe: remoteProbe(runner, remote.target) });
  }
  if (os === "darwin") return createDarwinPlatform(runner, { hostname: remote.hostname });
  throw new UnsupportedHostError(
    `${remote.target} is neither Linux nor macOS (no uname there): Windows hosts over --ssh are not supported yet; run dualhome on that host`,
  );
}

/** The simulated server of `dualhome demo` (its cards renamed as `--card-names` asks) and its admin's policy. */
export function chooseDemo(cardNames?: readonly [string, string]): {
  platform: DemoPlatform;
  policy: Policy;
} {
  if (cardNames) nameDemoCards(...cardNames);
  return { platform: createDemoPlatform(), policy: demoPolicy() };
}
