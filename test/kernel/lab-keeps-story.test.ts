// The lab keeps its story (issue 12, item 5), on the real kernel: its client
// reads what the listener says and calls again like a service, so after a fix
// (route add) the call connects through eth1, and after the undo the stuck
// SYN_SENT flow comes back, again and again; `lab status` names the client and
// the listeners with their pids. Only generous deadlines, no timing asserted.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, eventually, ssIn } from "./lab-helpers.js";
import { canUseNamespaces, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`lab story tests skipped: ${can.reason}`);

const STUCK = /SYN-SENT\s.*192\.168\.1\.10:\d+\s+10\.1\.1\.20:5061/;
const CALLED = /ESTAB\s.*\s10\.1\.1\.20:5061/;
const ADD = ["route", "add", "10.0.0.0/8", "--via", "192.168.1.254", "--dev", "eth1", "--yes"];

describe.runIf(can.ok)("the lab's client after fixes and undos", () => {
  const prefix = uniqueName("dhk");
  const server = `${prefix}-server`;
  const state = mkdtempSync(path.join(tmpdir(), "dh-labstory-"));
  const env = { DUALHOME_STATE_DIR: state };
  beforeAll(() => {
    const up = cli(null, ["lab", "up", "--prefix", prefix]);
    expect(up.code, up.stderr).toBe(0);
  });
  afterAll(() => {
    cli(null, ["lab", "down", "--prefix", prefix]);
    rmSync(state, { recursive: true, force: true });
  });

  it("lab status names the client and both listeners, with their pids", () => {
    const st = cli(null, ["lab", "status", "--prefix", prefix, "--json"]);
    expect(st.code, st.stderr).toBe(0);
    const { processes } = JSON.parse(st.stdout);
    expect(processes).toEqual(
      expect.arrayContaining([
        { namespace: server, pid: expect.any(Number), role: "client", target: "10.1.1.20:5061" },
        {
          namespace: `${prefix}-internal`,
          pid: expect.any(Number),
          role: "listener",
          target: "10.1.1.20:5061",
        },
        {
          namespace: `${prefix}-internet`,
          pid: expect.any(Number),
          role: "listener",
          target: "203.0.113.9:443",
        },
      ]),
    );
    expect(processes).toHaveLength(3);
    expect(cli(null, ["lab", "status", "--prefix", prefix]).stdout).toMatch(
      new RegExp(`client +pid \\d+ +in ${server}: calls 10\\.1\\.1\\.20:5061`),
    );
  });

  it("fix, undo, fix, undo: the call connects after each fix and the stuck SYN returns after each undo", async () => {
    const client = () =>
      JSON.parse(cli(null, ["lab", "status", "--prefix", prefix, "--json"]).stdout).processes.find(
        (p: { role: string }) => p.role === "client",
      )?.pid;
    const pid = client();
    for (let round = 1; round <= 2; round++) {
      await eventually(() => STUCK.test(ssIn(server)), 60_000);
      const add = cli(server, ADD, env);
      expect(add.code, add.stderr).toBe(0);
      // The client's next call (or its SYN retried) leaves by eth1 and is answered.
      await eventually(() => CALLED.test(ssIn(server)), 90_000);
      const probe = JSON.parse(cli(server, ["probe", "10.1.1.20", "5061", "--json"], env).stdout);
      expect(probe).toMatchObject({ outcome: "connected", interface: "eth1" });
      const undo = cli(server, ["undo", "--yes"], env);
      expect(undo.code, undo.stderr).toBe(0);
      await eventually(() => STUCK.test(ssIn(server)), 90_000);
      // The same client, still calling: it did not exit after its call.
      expect(client()).toBe(pid);
    }
  }, 400_000);
});
