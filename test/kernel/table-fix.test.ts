// A host whose ip rules send the internal ranges to a table of their own before
// main: the fix check offers goes into that table, `route add --table` applies it
// (verified against that table), the SIP connect then leaves eth1, and undo takes it out.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "./lab-helpers.js";
import { canUseNamespaces, ipn, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`table fix tests skipped: ${can.reason}`);
const POLICY = path.resolve(import.meta.dirname, "../fixtures/lab/policy.yaml");

describe.runIf(can.ok)("the fix in a table read before main, in the lab", () => {
  const prefix = uniqueName("dht");
  const server = `${prefix}-server`;
  const state = mkdtempSync(path.join(tmpdir(), "dh-table-"));
  const run = (...args: string[]) => cli(server, args, { DUALHOME_STATE_DIR: state });
  const FIX = "ip route add 10.0.0.0/8 via 192.168.1.254 dev eth1 table 100";

  beforeAll(() => {
    const up = cli(null, ["lab", "up", "--prefix", prefix]);
    expect(up.code, up.stderr).toBe(0);
    ipn(server, "route", "add", "default", "via", "192.168.1.1", "dev", "eth0", "table", "100");
    ipn(server, "rule", "add", "to", "10.0.0.0/8", "lookup", "100", "pref", "100");
  });
  afterAll(() => {
    cli(null, ["lab", "down", "--prefix", prefix]);
    rmSync(state, { recursive: true, force: true });
  });

  it("check offers the pinned route in table 100; route add --table applies it; probe leaves eth1; undo removes it", () => {
    const check = JSON.parse(run("check", "--json", "--policy", POLICY).stdout);
    const finding = check.findings.find(
      (f: { id: string; message: string }) => f.id === "wrong-nic-route" && f.message.includes("10.0.0.0/8"),
    );
    expect(finding.message).toMatch(/ip rule 100 sends new connections to table 100/);
    expect(finding.fix.map((f: { argv: string[] }) => f.argv.join(" "))).toEqual([FIX]);
    expect(finding.fix[0]).toMatchObject({ action: "add", table: "100" });

    const add = run(
      "route",
      "add",
      "10.0.0.0/8",
      "--via",
      "192.168.1.254",
      "--dev",
      "eth1",
      "--table",
      "100",
      "--yes",
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain(FIX);
    expect(add.stdout).toMatch(/done and verified: 10\.0\.0\.0\/8 is in the table/);
    expect(ipn(server, "route", "show", "table", "100")).toMatch(
      /^10\.0\.0\.0\/8 via 192\.168\.1\.254 dev eth1/m,
    );
    expect(ipn(server, "route", "show")).not.toMatch(/^10\.0\.0\.0\/8/m);

    const probe = JSON.parse(run("probe", "10.1.1.20", "5061", "--timeout", "5000", "--json").stdout);
    expect(probe).toMatchObject({ outcome: "connected", source: "192.168.1.11", interface: "eth1" });

    const undo = run("undo", "--yes");
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stdout).toContain("ip route del 10.0.0.0/8 via 192.168.1.254 dev eth1 table 100");
    expect(ipn(server, "route", "show", "table", "100")).not.toMatch(/^10\.0\.0\.0\/8/m);
  });
});
