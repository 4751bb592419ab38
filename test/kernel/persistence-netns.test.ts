// Lab changes never reach the host (issue 12, item 4): `route add --persist`
// run inside a lab namespace says "live only" and never asks the host's
// NetworkManager. A fake nmcli first on PATH logs every call and claims eth1,
// so a call would show in its log and in the plan; the real kernel says which
// namespace the process runs in. `npm run build` first.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "./lab-helpers.js";
import { canUseNamespaces, ipn, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`persistence namespace tests skipped: ${can.reason}`);

describe.runIf(can.ok)("persistence inside a lab namespace", () => {
  const prefix = uniqueName("dhp");
  const server = `${prefix}-server`;
  const dir = mkdtempSync(path.join(tmpdir(), "dh-persist-"));
  const bin = path.join(dir, "bin");
  const log = path.join(dir, "nmcli.log");
  const state = path.join(dir, "state");
  const env = { PATH: `${bin}:${process.env.PATH ?? ""}`, DUALHOME_STATE_DIR: state };

  beforeAll(() => {
    const up = cli(null, ["lab", "up", "--prefix", prefix]);
    expect(up.code, up.stderr).toBe(0);
    // A NetworkManager that owns eth1: asked, it would get `nmcli connection modify` next.
    mkdirSync(bin);
    const nmcli = path.join(bin, "nmcli");
    writeFileSync(nmcli, `#!/bin/sh\necho "$*" >> '${log}'\necho 'eth1:connected:Wired connection 2'\n`);
    chmodSync(nmcli, 0o755);
  });
  afterAll(() => {
    cli(null, ["lab", "down", "--prefix", prefix]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("the fake nmcli is the one found on PATH inside the namespace (the control)", () => {
    execFileSync("ip", ["netns", "exec", server, "env", `PATH=${env.PATH}`, "nmcli", "device", "status"]);
    expect(readFileSync(log, "utf8")).toBe("device status\n");
    rmSync(log);
  });

  it("route add --persist --yes: live only, said plainly; nmcli is never called; the route is in the lab's table", () => {
    const r = cli(
      server,
      ["route", "add", "10.0.0.0/8", "--via", "192.168.1.254", "--dev", "eth1", "--persist", "--yes"],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.replace(/\s+/g, " ");
    expect(out).toContain(
      `live only: this runs in network namespace ${server}, not the host's, so nothing is saved`,
    );
    expect(out).toContain(
      "the host's NetworkManager, netplan, networkd and ifupdown configuration is left alone",
    );
    expect(out).not.toMatch(/nmcli|not written:|NetworkManager owns/);
    expect(out).toMatch(/done and verified: 10\.0\.0\.0\/8 is in the table/);
    expect(existsSync(log)).toBe(false);
    expect(ipn(server, "route", "show", "10.0.0.0/8")).toMatch(/via 192\.168\.1\.254 dev eth1/);
    const journal = JSON.parse(cli(server, ["journal", "--json"], env).stdout);
    expect(journal.entries[0]?.persisted ?? false).toBe(false);
  });

  it("route del --yes: live only too, and still no nmcli", () => {
    const r = cli(
      server,
      ["route", "del", "10.0.0.0/8", "--via", "192.168.1.254", "--dev", "eth1", "--yes"],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.replace(/\s+/g, " ")).toContain(`live only: this runs in network namespace ${server}`);
    expect(existsSync(log)).toBe(false);
    expect(ipn(server, "route", "show", "10.0.0.0/8")).toBe("");
  });
});
