// explain on a real kernel for destinations the unicast table does not decide:
// multicast and broadcast are said to be what they are (before: "leaves eth0 via
// the default gateway"), and a source of the other family is refused.
import { execFileSync, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN } from "./lab-helpers.js";
import { canUseNamespaces, delNamespace, ipn, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
const NS = uniqueName("dhexp");
const explain = (...args: string[]) => {
  const r = spawnSync("ip", ["netns", "exec", NS, process.execPath, BIN, "explain", ...args], {
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe.skipIf(!can.ok)("explain of what is not routed", () => {
  beforeAll(() => {
    execFileSync("ip", ["netns", "add", NS]);
    ipn(NS, "link", "set", "lo", "up");
    ipn(NS, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
    ipn(NS, "link", "set", "eth0", "up");
    ipn(NS, "link", "set", "eth1", "up");
    ipn(NS, "addr", "add", "192.168.50.10/24", "dev", "eth0");
    ipn(NS, "addr", "add", "192.168.60.10/24", "dev", "eth1");
    ipn(NS, "route", "add", "default", "via", "192.168.50.1", "dev", "eth0");
  });
  afterAll(() => delNamespace(NS));

  it.each([
    ["224.0.0.251", "multicast"],
    ["239.1.2.3", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["192.168.60.255", "broadcast"],
  ])("%s is %s, not routed", (dest, type) => {
    const r = explain(dest);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(new RegExp(`type +${type}\\n +verdict +not routed: `));
    expect(r.out).not.toMatch(/^ +leaves/m);
  });

  it("a unicast destination is still explained by its route", () => {
    expect(explain("10.1.1.1").out).toMatch(/leaves +eth0 via 192\.168\.50\.1/);
  });

  it("a source of the other family is refused", () => {
    const r = explain("::1", "--from", "192.168.50.10");
    expect(r.code).toBe(2);
    expect(r.err).toBe("dualhome: --from 192.168.50.10 and ::1 are not of one family: give an IPv6 source\n");
  });
});
