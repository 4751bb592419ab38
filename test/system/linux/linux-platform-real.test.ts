// A real poll of this very machine through the real runner (iproute2 and /proc must exist).
import { once } from "node:events";
import { type AddressInfo, createConnection, createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunner } from "../../../src/system/exec/runner.js";
import { createLinuxPlatform } from "../../../src/system/linux/linux-platform.js";

describe("collect() on this machine", () => {
  const server = createServer((s) => s.on("error", () => {}));
  let port = 0;
  let client: ReturnType<typeof createConnection> | null = null;

  beforeAll(async () => {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    port = (server.address() as AddressInfo).port;
    client = createConnection(port, "127.0.0.1");
    await once(client, "connect");
  });
  afterAll(() => {
    client?.destroy();
    server.close();
  });

  it("every part succeeds, the loopback card and its routes are there", async () => {
    const s = await createLinuxPlatform(createRunner()).collect();
    const failed = (["interfaces", "routes", "rules", "connections", "sysctls"] as const).filter(
      (k) => !s[k].ok,
    );
    expect(failed).toEqual([]);
    if (!s.interfaces.ok || !s.routes.ok || !s.rules.ok || !s.connections.ok || !s.sysctls.ok) return;
    const lo = s.interfaces.value.find((i) => i.name === "lo");
    expect(lo?.addresses.some((a) => a.address === "127.0.0.1" && a.prefixLen === 8)).toBe(true);
    expect(s.routes.value).toContainEqual(
      expect.objectContaining({
        destination: "127.0.0.1/32",
        type: "local",
        table: "local",
        interface: "lo",
      }),
    );
    expect(s.rules.value.some((r) => r.priority === 0 && r.table === "local")).toBe(true);
    expect(s.sysctls.value.lo).toBeDefined();
    expect(s.sysctls.value.all?.rp_filter).toBeTypeOf("number");
    expect(s.interfaces.warnings.concat(s.routes.warnings, s.rules.warnings, s.connections.warnings)).toEqual(
      [],
    );
    // Our own loopback connection, seen from the client side.
    const mine = s.connections.value.find((c) => c.remote.port === port && c.remote.address === "127.0.0.1");
    expect(mine).toMatchObject({ protocol: "tcp", state: "ESTABLISHED", local: { address: "127.0.0.1" } });
  });

  it("as root with process names, our connection belongs to this process", async () => {
    const isRoot = process.getuid?.() === 0;
    const s = await createLinuxPlatform(createRunner()).collect({ processNames: true });
    if (!s.connections.ok) throw new Error(s.connections.error);
    const mine = s.connections.value.find((c) => c.remote.port === port);
    if (isRoot) expect(mine?.pid).toBe(process.pid);
    else expect(s.notes).toContain("process names need root: run with sudo");
  });
});
