// Reverts rebuilt from the journaled kernel route, on a real kernel: one namespace
// the test builds (two veth pairs, every end inside it), the CLI run inside it with
// its own state directory, the table read with `ip -n … -json`. Nothing here touches
// the host's network (`npm run build` first).
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { canUseNamespaces, delNamespace, ipn, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`revert kernel tests skipped: ${can.reason}`);

const NS = uniqueName("dhrv");
const BIN = path.resolve("bin/dualhome.js");
const IP = execFileSync("sh", ["-c", "command -v ip"], { encoding: "utf8" }).trim();
let state = "";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      IP,
      ["netns", "exec", NS, process.execPath, BIN, ...args],
      { env: { ...process.env, DUALHOME_STATE_DIR: state, ...env }, timeout: 60_000 },
      (e, stdout, stderr) =>
        resolve({ code: e ? ((e as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

/** Every route of one prefix in main, as the kernel prints it. */
const exact = (dst: string): unknown[] => JSON.parse(ipn(NS, "-4", "-json", "route", "show", "exact", dst));

async function entries(): Promise<{ id: string; status: string; detail: string }[]> {
  return JSON.parse((await cli(["journal", "--json"])).stdout).entries;
}

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(!can.ok)("reverts rebuilt from the kernel's route", () => {
  beforeAll(() => {
    if (!existsSync(path.resolve("dist/src/cli.js")))
      throw new Error("run `npm run build` before the kernel tests");
    execFileSync(IP, ["netns", "add", NS]);
    ipn(NS, "link", "add", "va", "type", "veth", "peer", "name", "vb");
    ipn(NS, "link", "add", "vc", "type", "veth", "peer", "name", "vd");
    ipn(NS, "addr", "add", "192.0.2.1/24", "dev", "va");
    ipn(NS, "addr", "add", "198.51.100.1/24", "dev", "vc");
    ipn(NS, "-6", "addr", "add", "2001:db8::1/64", "dev", "va", "nodad");
    for (const d of ["lo", "va", "vb", "vc", "vd"]) ipn(NS, "link", "set", d, "up");
  });
  afterAll(() => delNamespace(NS));
  beforeEach(() => {
    state = mkdtempSync(path.join(tmpdir(), "dh-revert-"));
  });
  afterEach(() => {
    for (const p of ["10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "10.4.0.0/16", "10.5.0.0/16"])
      while (exact(p).length > 0) ipn(NS, "route", "del", p);
    rmSync(state, { recursive: true, force: true });
  });

  it("the watchdog leaves a route someone put in place of ours: changed since, not reverted", async () => {
    const add = ["route", "add", "10.1.0.0/16", "--via", "192.0.2.254", "--dev", "va", "--yes"];
    const r = await cli([...add, "--rollback-after", "3"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    ipn(NS, "route", "del", "10.1.0.0/16", "via", "192.0.2.254", "dev", "va");
    ipn(
      NS,
      "route",
      "add",
      "10.1.0.0/16",
      "via",
      "192.0.2.254",
      "dev",
      "va",
      "metric",
      "50",
      "proto",
      "static",
    );
    const theirs = exact("10.1.0.0/16");
    const [e] = await until("the watchdog settles", entries, (es) => es[0]?.status === "revert-failed");
    expect(e?.detail).toMatch(
      /changed since: not reverted: .*metric 50 instead of 0; proto static instead of boot/,
    );
    expect(e?.detail.split("\n")).toHaveLength(1);
    expect(exact("10.1.0.0/16")).toEqual(theirs);
  });

  it("undo of a delete restores the whole route: src, mtu, proto and metric", async () => {
    const hop = ["via", "192.0.2.254", "dev", "va", "src", "192.0.2.1"];
    ipn(NS, "route", "add", "10.2.0.0/16", ...hop, "mtu", "1400", "proto", "static", "metric", "7");
    ipn(NS, "route", "add", "10.2.0.0/16", ...hop, "mtu", "1300", "proto", "dhcp", "metric", "9");
    const before = exact("10.2.0.0/16");
    expect(before).toHaveLength(2);
    const d = await cli(["route", "del", "10.2.0.0/16", "--via", "192.0.2.254", "--dev", "va", "--yes"]);
    expect(d.code).toBe(0);
    expect(exact("10.2.0.0/16")).toHaveLength(1);
    const u = await cli(["undo", "--yes"]);
    expect(u.stderr).toBe("");
    expect(u.code).toBe(0);
    expect(exact("10.2.0.0/16")).toEqual(before);
  });

  it("undo of a multipath delete restores every next hop with its weight", async () => {
    const hops = ["nexthop", "via", "192.0.2.254", "dev", "va", "weight", "3"];
    ipn(NS, "route", "add", "10.3.0.0/16", ...hops, "nexthop", "via", "198.51.100.254", "dev", "vc");
    const before = exact("10.3.0.0/16");
    expect(JSON.stringify(before)).toContain("nexthops");
    expect((await cli(["route", "del", "10.3.0.0/16", "--yes"])).code).toBe(0);
    expect(exact("10.3.0.0/16")).toEqual([]);
    const u = await cli(["undo", "--yes"]);
    expect(u.code).toBe(0);
    expect(exact("10.3.0.0/16")).toEqual(before);
  });

  it("a delete that could not be restored is refused up front: the route stays", async () => {
    ipn(NS, "route", "add", "10.5.0.0/16", "via", "192.0.2.254", "dev", "va", "realm", "3");
    const before = exact("10.5.0.0/16");
    const d = await cli(["route", "del", "10.5.0.0/16", "--yes"]);
    expect(d.code).not.toBe(0);
    expect(d.stderr).toBe(
      'dualhome: refused: 10.5.0.0/16 could not be restored after deleting it (its "flow" cannot be restored by dualhome), so nothing was changed\n',
    );
    expect(exact("10.5.0.0/16")).toEqual(before);
    expect(await entries()).toEqual([]);
  });

  it("IPv6: the watchdog takes out exactly the route it added (metric 1024), not another one beside it", async () => {
    const add = ["route", "add", "2001:db8:5::/48", "--via", "2001:db8::fe", "--dev", "va", "--yes"];
    expect((await cli([...add, "--rollback-after", "3"])).code).toBe(0);
    const six = () => JSON.parse(ipn(NS, "-6", "-json", "route", "show", "exact", "2001:db8:5::/48"));
    const hop = ["via", "2001:db8::fe", "dev", "va"];
    ipn(NS, "-6", "route", "add", "2001:db8:5::/48", ...hop, "metric", "50", "proto", "static");
    expect(six()).toHaveLength(2);
    await until("the watchdog reverts", entries, (es) => es[0]?.status === "reverted");
    expect(six()).toEqual([expect.objectContaining({ metric: 50, protocol: "static" })]);
    ipn(NS, "-6", "route", "del", "2001:db8:5::/48", ...hop, "metric", "50");
  });

  it("a forged journal runs nothing: undo --yes refuses and says why", async () => {
    const marker = path.join(state, "forged-ran");
    expect(
      (await cli(["route", "add", "10.4.0.0/16", "--via", "192.0.2.254", "--dev", "va", "--yes"])).code,
    ).toBe(0);
    const file = path.join(state, "journal.jsonl");
    const lines = readFileSync(file, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    lines[0].revertArgv = ["/bin/sh", "-c", `touch ${marker}`];
    writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    const u = await cli(["undo", "--yes"]);
    expect(u.code).not.toBe(0);
    expect(u.stderr).toMatch(
      /refused to revert [0-9a-f]{8}: the journaled revert is not the inverse of the change: nothing was run/,
    );
    expect(existsSync(marker)).toBe(false);
    expect(exact("10.4.0.0/16")).toHaveLength(1);
  });

  it("an ip that applies the route, then hangs past the timeout: the journal says applied", async () => {
    const bin = path.join(state, "bin");
    mkdirSync(bin);
    // Applies, then keeps running (its own child holds stdout) until the runner gives up on it.
    const wrapper = `#!/bin/sh\n${IP} "$@" || exit $?\ncase "$*" in *"route add"*) sleep 40;; esac\n`;
    writeFileSync(path.join(bin, "ip"), wrapper, { mode: 0o755 });
    const env = { PATH: `${bin}:${process.env.PATH ?? ""}` };
    const r = await cli(["route", "add", "10.4.0.0/16", "--via", "192.0.2.254", "--dev", "va", "--yes"], env);
    expect(r.stdout).toContain("done and verified");
    expect(r.stderr).toMatch(/did not answer within 10 s.*but the table shows the change applied/);
    const [e] = await entries();
    expect(e?.status).toBe("applied");
    // And, journaled with the kernel's route, it can be undone.
    expect((await cli(["undo", "--yes"])).code).toBe(0);
    expect(exact("10.4.0.0/16")).toEqual([]);
  }, 60_000);
});
