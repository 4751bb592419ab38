// Lab changes never reach the host (issue 12, item 4): in a network namespace
// that is not the host's, persistence is "live only", said plainly, and neither
// NetworkManager nor the host's files are asked; the add form's default follows.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { namespaceLiveOnly } from "../../../src/app/change/persistence.js";
import { hostChangeRunner } from "../../../src/app/change/wiring.js";
import { ValidationError } from "../../../src/core/route-change.js";
import { NMCLI_DEVICES } from "../../../src/system/linux/persistence.js";
import type { NetnsIdentity } from "../../../src/system/netns-identity.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { demoAnalysis, setup, ui } from "../live/change-controller-setup.js";
import { fakeChanges } from "./fake-changes.js";
import { ADD_10, WITH_10 } from "./runner-setup.js";
import { analysis, tablePlatform } from "./world.js";

const HOST: NetnsIdentity = { id: "net:[4026531840]", name: null, isInitial: true };
const LAB: NetnsIdentity = { id: "net:[4026532323]", name: "dh-server", isInitial: false };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function onLinux(netns: NetnsIdentity) {
  const state = mkdtempSync(path.join(tmpdir(), "dh-netns-"));
  dirs.push(state);
  const runner = new FakeRunner();
  const { changes } = hostChangeRunner(tablePlatform(WITH_10()), {
    os: "linux",
    runner,
    env: { DUALHOME_STATE_DIR: state },
    readOnly: false,
    privileged: true,
    netns,
  });
  return { runner, changes };
}

describe("persistence and the network namespace", () => {
  it("live only in a namespace that is not the host's, or one `ip netns` named when PID 1's cannot be read", () => {
    expect(namespaceLiveOnly(HOST)).toBeNull();
    expect(namespaceLiveOnly({ id: null, name: null, isInitial: null })).toBeNull();
    expect(namespaceLiveOnly({ ...HOST, isInitial: null })).toBeNull();
    expect(namespaceLiveOnly(LAB)).toMatch(
      /^live only: this runs in network namespace dh-server, not the host's/,
    );
    expect(namespaceLiveOnly({ ...LAB, isInitial: null })).toMatch(/network namespace dh-server/);
    expect(namespaceLiveOnly({ ...LAB, name: null })).toMatch(/network namespace net:\[4026532323\]/);
  });

  it("in a lab namespace, --persist asks nothing of NetworkManager and the plan says live only", async () => {
    const { runner, changes } = onLinux(LAB);
    const p = await changes.prepare({ ...ADD_10, persistent: true }, analysis());
    if (p instanceof ValidationError) throw p;
    expect(runner.calls).toEqual([]);
    expect(p).toMatchObject({ persistent: false, persistArgv: null, persistRevertArgv: null });
    expect(p.persistenceNote).toContain(
      "the host's NetworkManager, netplan, networkd and ifupdown configuration is left alone",
    );
    expect(p.persistenceSnippet).toBeUndefined();
    expect(changes.liveOnly).toBe(p.persistenceNote);
  });

  it("in the host's namespace (the control), --persist asks NetworkManager, which owns eth1", async () => {
    const { runner, changes } = onLinux(HOST);
    runner.expect(NMCLI_DEVICES, { stdout: "eth1:connected:corp\n" });
    const p = await changes.prepare({ ...ADD_10, persistent: true }, analysis());
    if (p instanceof ValidationError) throw p;
    expect(runner.calls).toEqual([NMCLI_DEVICES]);
    expect(p.persistArgv).toEqual([
      "nmcli",
      "connection",
      "modify",
      "corp",
      "+ipv4.routes",
      "10.0.0.0/8 192.168.1.254",
    ]);
    expect(changes.liveOnly).toBeNull();
  });

  it("the add form defaults to live only where changes are live only, else to persistent", async () => {
    const lab = setup(await demoAnalysis(), fakeChanges({ liveOnly: namespaceLiveOnly(LAB) }));
    lab.c.openAdd();
    expect(ui(lab).form?.persistent).toBe(false);
    const host = setup(await demoAnalysis(), fakeChanges());
    host.c.openAdd();
    expect(ui(host).form?.persistent).toBe(true);
  });
});
