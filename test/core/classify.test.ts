import { describe, expect, it } from "vitest";
import { classifyConnection, connectionKey, egressOf } from "../../src/core/classify.js";
import { buildExpecter } from "../../src/core/expect.js";
import { buildIndex } from "../../src/core/lookup.js";
import type { Connection } from "../../src/core/model.js";
import {
  card,
  conn,
  internalPolicy,
  linuxCards,
  linuxRoutes,
  route,
  winCards,
  winRoutes,
} from "./support/story.js";

const win = (c: Connection, routes = winRoutes()) =>
  classifyConnection(
    buildIndex("windows", winCards(), routes),
    buildExpecter(internalPolicy("int"), winCards()),
    c,
  );
const lin = (c: Connection, routes = linuxRoutes()) =>
  classifyConnection(
    buildIndex("linux", linuxCards(), routes),
    buildExpecter(internalPolicy("eth1"), linuxCards()),
    c,
  );

describe("classifyConnection", () => {
  it.each([
    ["LISTEN", "0.0.0.0:22", "0.0.0.0:0", "listening"],
    ["UDP unconnected", "192.168.1.10:53", "0.0.0.0:0", "listening"],
    ["loopback", "127.0.0.1:5000", "127.0.0.1:6000", "loopback"],
    ["link-local", "169.254.3.4:5000", "169.254.9.9:80", "link-local"],
    ["to this host's own address", "192.168.1.10:5000", "192.168.1.11:80", "own address"],
  ])("%s gets no expectation", (_name, local, remote, why) => {
    const state = local.endsWith(":53") ? "UNCONN" : remote.endsWith(":0") ? "LISTEN" : "ESTABLISHED";
    const routes = [...linuxRoutes(), route("169.254.0.0/16", null, "eth0", 1000)];
    const c = lin(conn(local, remote, state), routes);
    expect(c.expected).toBeNull();
    expect(c.verdict).toBe("ok");
    expect(c.why).toContain(why);
  });

  it("Windows: a local address no card owns gives unknown", () => {
    const c = win(conn("192.168.1.99:5000", "10.1.1.20:5061", "SYN_SENT"));
    expect(c.verdict).toBe("unknown");
    expect(c.why).toMatch(/192\.168\.1\.99 is on no card/);
  });

  it("Windows strong host: after the fix the old flow bound to ext still leaves ext, a flow from int is ok", () => {
    const routes = [...winRoutes(), route("10.0.0.0/8", "192.168.1.254", "int", 36)];
    expect(win(conn("192.168.1.10:50123", "10.1.1.20:5061", "SYN_SENT"), routes).verdict).toBe("wrong-nic");
    expect(win(conn("192.168.1.11:50124", "10.1.1.20:5061", "SYN_SENT"), routes).verdict).toBe("ok");
  });

  it("the right card with the wrong gateway is wrong too", () => {
    const routes = [...winRoutes(), route("10.0.0.0/8", "192.168.1.253", "int", 36)];
    const c = win(conn("192.168.1.11:50124", "10.1.1.20:5061", "SYN_SENT"), routes);
    expect(c.verdict).toBe("wrong-nic");
    expect(c.why).toMatch(/^leaves int via 192\.168\.1\.253.*wants int via 192\.168\.1\.254/);
  });

  it("Linux: blackhole and unreachable routes give no-route with the route named", () => {
    const routes = [...linuxRoutes(), route("10.9.0.0/16", null, null, 0, { type: "blackhole" })];
    const c = lin(conn("192.168.1.10:5000", "10.9.1.1:80", "SYN_SENT"), routes);
    expect(c).toMatchObject({ verdict: "no-route", why: "10.9.1.1 is blackhole by route 10.9.0.0/16" });
    expect(c.expected).toMatchObject({ interface: "eth1" });
  });

  it("IPv4-mapped addresses are classified as IPv4", () => {
    const c = lin({
      ...conn("192.168.1.10:50123", "10.1.1.20:5061", "SYN_SENT"),
      family: 6,
      local: { address: "::ffff:192.168.1.10", port: 50123 },
      remote: { address: "::ffff:10.1.1.20", port: 5061 },
    });
    expect(c.verdict).toBe("wrong-nic");
  });

  it("a multipath route whose hops disagree with the policy gives unknown", () => {
    const mp = route("10.0.0.0/8", "192.168.1.254", "eth1", 0, {
      nexthops: [
        { gateway: "192.168.1.254", interface: "eth1" },
        { gateway: "192.168.1.1", interface: "eth0" },
      ],
    });
    const c = lin(conn("192.168.1.11:5000", "10.1.1.20:80", "ESTABLISHED"), [...linuxRoutes(), mp]);
    expect(c.verdict).toBe("unknown");
    expect(c.why).toMatch(/^multipath/);
  });

  it("blind: says why there is no verdict", () => {
    const idx = buildIndex("linux", [], []);
    const c = classifyConnection(
      idx,
      buildExpecter({ rules: [] }, []),
      conn("1.2.3.4:1", "5.6.7.8:2", "ESTABLISHED"),
      "routes could not be read: ip not found",
    );
    expect(c).toMatchObject({
      verdict: "unknown",
      why: "routes could not be read: ip not found",
      egress: { interface: null },
    });
  });

  it("a policy card missing on this host gives unknown and says which", () => {
    const exp = buildExpecter(internalPolicy("Internal"), [card("eth0", 2, "192.168.1.10")]);
    const idx = buildIndex("linux", [card("eth0", 2, "192.168.1.10")], linuxRoutes().slice(0, 2));
    const c = classifyConnection(idx, exp, conn("192.168.1.10:5000", "10.1.1.20:80", "SYN_SENT"));
    expect(c.verdict).toBe("unknown");
    expect(c.why).toMatch(/names card "Internal", which this host does not have/);
  });
});

describe("connectionKey", () => {
  it("is protocol, local and remote; IPv6 in brackets; mapped IPv4 unmapped", () => {
    expect(connectionKey(conn("192.168.1.10:50123", "10.1.1.20:5061", "SYN_SENT"))).toBe(
      "tcp 192.168.1.10:50123>10.1.1.20:5061",
    );
    const v6: Connection = {
      ...conn("1.1.1.1:1", "2.2.2.2:2", "ESTABLISHED"),
      family: 6,
      local: { address: "2001:db8:0:0::1", port: 443 },
      remote: { address: "::ffff:10.0.0.1", port: 5000 },
    };
    expect(connectionKey(v6)).toBe("tcp [2001:db8::1]:443>10.0.0.1:5000");
  });
});

describe("host model", () => {
  it("a flow from the internal address: no route on strong host, out the default card on weak host", () => {
    const cards = [
      {
        index: 12,
        name: "ext",
        up: true,
        addresses: [{ address: "192.168.1.10", prefixLen: 24, family: 4 as const }],
      },
      {
        index: 14,
        name: "int",
        up: true,
        addresses: [{ address: "192.168.1.11", prefixLen: 24, family: 4 as const }],
      },
    ];
    const routes = [
      {
        destination: "0.0.0.0/0",
        family: 4 as const,
        gateway: "192.168.1.1",
        interface: "ext",
        metric: 25,
        table: "main",
        type: "unicast" as const,
        persistent: false,
      },
    ];
    const flow = {
      protocol: "tcp" as const,
      family: 4 as const,
      local: { address: "192.168.1.11", port: 50000 },
      remote: { address: "10.1.1.20", port: 5061 },
      state: "SYN_SENT",
      pid: null,
      process: null,
    };
    const strong = egressOf(buildIndex("windows", cards, routes, [], "strong"), flow);
    const weak = egressOf(buildIndex("windows", cards, routes, [], "weak"), flow);
    expect(strong.kind === "route" && strong.result.type).toBe("no-route");
    expect(weak.egress).toEqual({ interface: "ext", gateway: "192.168.1.1" });
  });
});
