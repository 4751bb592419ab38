import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endpointOf, parseWindowsNetstat } from "../../../src/system/windows/parse-netstat.js";
import { fixture, lines, realFiles } from "./fixtures.js";

const ALL = ["netstat", "netstat-an", "netstat-ano", "netstat-n", "netstat-nat"].flatMap((d) =>
  realFiles("windows", d),
);

/** Independent rule: a socket row starts with the protocol word. */
const countRows = (text: string) => lines(text).filter((l) => /^\s*(TCP|UDP)\s/.test(l)).length;

describe("parseWindowsNetstat on every real capture", () => {
  it.each(ALL)("%s: no row lost (connections + listeners)", (_name, text) => {
    const r = parseWindowsNetstat(text);
    expect(r.connections.length + r.listeners.length).toBe(countRows(text));
  });

  it.each(ALL)("%s: LISTENING and UDP *:* rows are listeners, not connections", (_name, text) => {
    const r = parseWindowsNetstat(text);
    const waiting = lines(text).filter(
      (l) => /^\s*TCP\s.*\sLISTENING\b/.test(l) || /^\s*UDP\s+\S+\s+\*:\*/.test(l),
    ).length;
    expect(r.listeners).toHaveLength(waiting);
    expect(r.connections.every((c) => c.state !== "LISTENING")).toBe(true);
  });
});

describe("parseWindowsNetstat values", () => {
  it("reads PIDs, IPv6 brackets with %zone and UDP *:*", () => {
    const r = parseWindowsNetstat(fixture("real", "windows", "netstat-ano", "b33f-fuzzysec-win7.txt"));
    expect(r.listeners[0]).toEqual({
      protocol: "tcp",
      family: 4,
      local: { address: "0.0.0.0", port: 135 },
      state: "LISTENING",
      pid: 684,
      process: null,
    });
    expect(r.listeners.at(-1)).toMatchObject({
      protocol: "udp",
      family: 6,
      local: { address: "fe80::5cd4:9caf:61c0:ba6e", port: 65432 },
      pid: 2956,
    });
  });

  it("reads the Server 2003 Offload State column without taking it for a PID", () => {
    const r = parseWindowsNetstat(fixture("real", "windows", "netstat-nat", "htb-grandpa-ws2003r2.txt"));
    expect(r.connections.filter((c) => c.state === "SYN_SENT")).toEqual([
      expect.objectContaining({
        local: { address: "10.10.10.14", port: 1037 },
        remote: { address: "10.10.14.16", port: 445 },
        pid: null,
      }),
      expect.objectContaining({ remote: { address: "10.10.14.16", port: 139 }, pid: null }),
    ]);
  });

  it("takes process names from -b lines and ignores service names", () => {
    const r = parseWindowsNetstat(fixture("real", "windows", "netstat-ano", "jc-win10-aonb.txt"));
    expect(r.listeners[0]).toMatchObject({ local: { port: 135 }, pid: 1712, process: "svchost.exe" });
    expect(r.listeners[2]).toMatchObject({ local: { port: 445 }, pid: 4, process: null });
  });

  it("reads the Chinese-localized header capture", () => {
    const r = parseWindowsNetstat(
      fixture("real", "windows", "netstat-ano", "zh-cn-find-process-example.txt"),
    );
    expect(r.connections).toEqual([
      expect.objectContaining({
        state: "CLOSE_WAIT",
        pid: 3020,
        remote: { address: "183.136.138.140", port: 80 },
      }),
      expect.objectContaining({ state: "TIME_WAIT", pid: 0 }),
    ]);
  });

  it("reads long IPv6 endpoints that overflow the columns", () => {
    const r = parseWindowsNetstat(fixture("real", "windows", "netstat-n", "amrita-win11-26200-ipv6.txt"));
    expect(r.connections).toContainEqual(
      expect.objectContaining({
        family: 6,
        local: { address: "2403:8600:c090:50:8082:9376:ad4c:17cf", port: 51658 },
        remote: { address: "64:ff9b::8c52:721a", port: 443 },
        state: "ESTABLISHED",
      }),
    );
  });

  it("keeps host names (netstat without -n) and says so", () => {
    const r = parseWindowsNetstat(fixture("real", "windows", "netstat", "jc-win10-plain.txt"));
    expect(r.connections[0]?.remote).toEqual({ address: "api", port: 1032 });
    expect(r.warnings.join()).toMatch(/names, not numbers/);
  });

  it("translates German state words", () => {
    const text =
      "  TCP    10.0.0.5:50000         10.0.0.9:445           SYN_GESENDET    4\n  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN         700\n";
    const r = parseWindowsNetstat(text);
    expect(r.connections[0]?.state).toBe("SYN_SENT");
    expect(r.listeners[0]?.state).toBe("LISTENING");
  });

  it("endpointOf splits on the last colon and unbrackets IPv6", () => {
    expect(endpointOf("[::1]:1900")).toMatchObject({ ep: { address: "::1", port: 1900 }, family: 6 });
    expect(endpointOf("*:*")).toMatchObject({ wildcard: true });
    expect(endpointOf("nocolon")).toBeNull();
  });
});

describe("story captures", () => {
  it("Server 2003: the SYN_SENT from ext, the RDP session on int, the internet 443 flows", () => {
    const r = parseWindowsNetstat(fixture("story", "ws2003-netstat-ano.txt"));
    expect(r.connections).toHaveLength(4);
    expect(r.listeners).toHaveLength(11);
    expect(r.connections).toContainEqual({
      protocol: "tcp",
      family: 4,
      local: { address: "192.168.1.10", port: 50123 },
      remote: { address: "10.1.1.20", port: 5061 },
      state: "SYN_SENT",
      pid: 1836,
      process: null,
    });
    expect(r.connections).toContainEqual(
      expect.objectContaining({ local: { address: "192.168.1.11", port: 3389 }, state: "ESTABLISHED" }),
    );
    expect(r.connections.filter((c) => c.local.port === 443)).toHaveLength(2);
  });

  it("Server 2019: IPv6 listeners and a scoped UDP endpoint", () => {
    const r = parseWindowsNetstat(fixture("story", "ws2019-netstat-ano.txt"));
    expect(r.connections).toHaveLength(5);
    expect(r.listeners).toHaveLength(13);
    expect(r.listeners.at(-1)).toMatchObject({
      protocol: "udp",
      local: { address: "fe80::2d4f:8a1e:31c2:9b10", port: 546 },
      pid: 1504,
    });
  });
});

describe("garbage and truncated input", () => {
  it("never throws on any prefix of a real capture, and never invents rows", () => {
    const texts = ALL.map(([, t]) => t);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (i, at) => {
          const t = texts[i] ?? "";
          const r = parseWindowsNetstat(t.slice(0, Math.floor(t.length * at)));
          expect(r.connections.length + r.listeners.length).toBeLessThanOrEqual(countRows(t));
        },
      ),
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void parseWindowsNetstat(s)));
  });
});
