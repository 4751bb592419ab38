// Routes as `ip -json route show table T exact P` prints them (iproute2 6.1, rows
// taken from a test namespace), read into the journal's typed record: defaults
// spelled out, multipath kept, anything that could not be restored refused.
import { describe, expect, it } from "vitest";
import { kernelRouteOf, routeProblem } from "../../../src/system/linux/kernel-route.js";
import { kernelRouteArgv } from "../../../src/system/linux/kernel-route-argv.js";
import { describeKernelRoute, routeDiff } from "../../../src/system/linux/kernel-route-diff.js";

const FULL = JSON.parse(
  '{"dst":"10.1.0.0/16","gateway":"192.0.2.254","dev":"va","protocol":"static","prefsrc":"192.0.2.1","metric":7,"flags":[],"metrics":[{"mtu":1400}]}',
);
const MULTI = JSON.parse(
  '{"dst":"10.2.0.0/16","flags":[],"nexthops":[{"gateway":"192.0.2.254","dev":"va","weight":2,"flags":[]},{"gateway":"198.51.100.254","dev":"vc","weight":1,"flags":[]}]}',
);
const PLAIN = JSON.parse('{"dst":"10.6.0.0/16","gateway":"192.0.2.254","dev":"va","flags":["linkdown"]}');
const SIX = JSON.parse(
  '{"dst":"2001:db8:5::/48","gateway":"2001:db8::fe","dev":"va","metric":3,"flags":[],"pref":"high"}',
);

describe("kernelRouteOf", () => {
  it("spells every default iproute2 leaves out, and ignores status flags", () => {
    expect(kernelRouteOf(PLAIN, 4, "main")).toEqual({
      family: 4,
      dst: "10.6.0.0/16",
      table: "main",
      protocol: "boot",
      scope: "global",
      metric: 0,
      hops: [{ gateway: "192.0.2.254", dev: "va" }],
      multipath: false,
    });
  });

  it("keeps src, mtu, proto and metric, and rebuilds the command that restores them", () => {
    const r = kernelRouteOf(FULL, 4, "main");
    if (typeof r === "string") throw new Error(r);
    expect(kernelRouteArgv("add", r)).toEqual([
      ...[
        "ip",
        "route",
        "add",
        "10.1.0.0/16",
        "via",
        "192.0.2.254",
        "dev",
        "va",
        "table",
        "main",
        "metric",
        "7",
      ],
      ...["proto", "static", "scope", "global", "src", "192.0.2.1", "mtu", "1400"],
    ]);
    expect(kernelRouteArgv("del", r)).toEqual([
      ...[
        "ip",
        "route",
        "del",
        "10.1.0.0/16",
        "via",
        "192.0.2.254",
        "dev",
        "va",
        "table",
        "main",
        "metric",
        "7",
      ],
      ...["proto", "static", "scope", "global", "src", "192.0.2.1"],
    ]);
  });

  it("keeps every next hop of a multipath route, nexthop words last", () => {
    const r = kernelRouteOf(MULTI, 4, "main");
    if (typeof r === "string") throw new Error(r);
    expect(kernelRouteArgv("add", r).slice(-14)).toEqual([
      ...["nexthop", "via", "192.0.2.254", "dev", "va", "weight", "2"],
      ...["nexthop", "via", "198.51.100.254", "dev", "vc", "weight", "1"],
    ]);
  });

  it("IPv6: no scope in the argv, pref kept", () => {
    const r = kernelRouteOf(SIX, 6, "main");
    if (typeof r === "string") throw new Error(r);
    expect(kernelRouteArgv("add", r)).toEqual([
      ...["ip", "-6", "route", "add", "2001:db8:5::/48", "via", "2001:db8::fe", "dev", "va"],
      ...["table", "main", "metric", "3", "proto", "boot", "pref", "high"],
    ]);
  });

  it("refuses what it could not restore faithfully, in words", () => {
    const cases: [unknown, RegExp][] = [
      [{ ...PLAIN, flow: { to: "3" } }, /"flow" cannot be restored/],
      [{ ...PLAIN, metrics: [{ quickack: 1 }] }, /quickack 1 cannot be restored/],
      [{ ...PLAIN, metrics: [{ mtu: { value: 1400, lock: true } }] }, /mtu \(locked or not a number\)/],
      [{ ...PLAIN, expires: 300 }, /"expires" cannot be restored/],
      [{ ...PLAIN, type: "blackhole" }, /blackhole route/],
      [{ ...PLAIN, flags: ["pervasive"] }, /flag "pervasive"/],
      [{ ...PLAIN, dev: "a b" }, /card name "a b"/],
      [{ ...PLAIN, gateway: "192.0.2.254;reboot" }, /gateway .* is not an address/],
    ];
    for (const [row, why] of cases) expect(kernelRouteOf(row, 4, "main")).toMatch(why);
  });

  it("a record from the journal is checked again before it becomes an argv", () => {
    const r = kernelRouteOf(PLAIN, 4, "main");
    if (typeof r === "string") throw new Error(r);
    expect(routeProblem({ ...r, protocol: "static; id" })).toMatch(/protocol/);
    expect(() => kernelRouteArgv("del", { ...r, table: "local" })).toThrow(/not sound/);
  });

  it("says which fields differ, for one line", () => {
    const was = kernelRouteOf(PLAIN, 4, "main");
    const now = kernelRouteOf({ ...PLAIN, metric: 50, protocol: "static" }, 4, "main");
    if (typeof was === "string" || typeof now === "string") throw new Error("unreadable");
    expect(routeDiff(was, now)).toEqual(["metric 50 instead of 0", "proto static instead of boot"]);
    expect(describeKernelRoute(now)).toBe(
      "10.6.0.0/16 via 192.0.2.254 dev va metric 50 proto static scope global table main",
    );
  });
});
