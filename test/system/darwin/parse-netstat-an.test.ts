import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endpointOf, parseNetstatAn } from "../../../src/system/darwin/parse-netstat-an.js";
import { fixture, lines, realFiles } from "../windows/fixtures.js";

const ALL = ["netstat-an", "netstat-anv", "netstat-anv-p-tcp", "netstat-a-p-tcp"].flatMap((d) =>
  realFiles("darwin", d),
);

/** Independent rule: one of the first three words is the protocol (tcp4, udp46, tcp6, tcp, …). */
const countRows = (t: string) =>
  lines(t).filter((l) =>
    l
      .trim()
      .split(/\s+/)
      .slice(0, 3)
      .some((w) => /^(tcp|udp)(4|6|46)?$/.test(w)),
  ).length;

describe("parseNetstatAn on every real capture (macOS and BSD)", () => {
  it.each(ALL)("%s: no row lost (connections + listeners + unreadable)", (_n, text) => {
    const r = parseNetstatAn(text);
    expect(r.connections.length + r.listeners.length + r.unparsed.length).toBe(countRows(text));
    expect(r.warnings.length).toBe(r.unparsed.length);
  });
});

describe("parseNetstatAn values", () => {
  it("splits the port after the last dot; '*.*' and LISTEN make listeners", () => {
    const r = parseNetstatAn(fixture("real", "darwin", "netstat-an", "freebsd12-jc-an.txt"));
    expect(r.connections).toEqual([
      {
        protocol: "tcp",
        family: 4,
        local: { address: "192.168.71.163", port: 22 },
        remote: { address: "192.168.71.1", port: 56321 },
        state: "ESTABLISHED",
        pid: null,
        process: null,
      },
    ]);
    expect(r.listeners.map((l) => `${l.protocol}${l.family} ${l.local.address}.${l.local.port}`)).toEqual([
      "tcp4 127.0.0.1.25",
      "tcp4 0.0.0.0.22",
      "tcp6 ::.22",
      "udp4 0.0.0.0.514",
      "udp6 ::.514",
    ]);
  });

  it("reads the pid of the older -anv layout", () => {
    const r = parseNetstatAn(fixture("real", "darwin", "netstat-anv", "find-process-example-pid-epid.txt"));
    expect(r.connections.map((c) => c.pid)).toEqual([422, 36843, 40517]);
    expect(r.connections[1]?.state).toBe("CLOSE_WAIT");
  });

  it("reads process:pid of the macOS 26 layout", () => {
    const r = parseNetstatAn(
      fixture("real", "darwin", "netstat-anv-p-tcp", "macos26-carl-bench-trimmed.txt"),
    );
    expect(r.connections[0]).toMatchObject({ pid: 46708, process: "node", state: "ESTABLISHED" });
    expect(r.listeners[1]).toMatchObject({
      local: { address: "0.0.0.0", port: 24800 },
      pid: 62071,
      process: "synergy-core",
    });
  });

  it("-An output: 18-character columns cut ports and IPv6 addresses, so those rows are set aside", () => {
    const r = parseNetstatAn(fixture("real", "darwin", "netstat-an", "jc-macos10146-An.txt"));
    expect(r.unparsed.some((l) => l.includes("192.168.1.221.5486"))).toBe(true);
    expect(r.connections).toContainEqual(
      expect.objectContaining({
        local: { address: "127.0.0.1", port: 53755 },
        remote: { address: "127.0.0.1", port: 53763 },
      }),
    );
    expect(r.warnings[0]).toMatch(/netstat -anW/);
  });

  it("OpenBSD service names and scoped addresses", () => {
    const r = parseNetstatAn(fixture("real", "darwin", "netstat-a-p-tcp", "openbsd-utfpr-vsftpd.txt"));
    expect(r.connections).toContainEqual(
      expect.objectContaining({ local: { address: "192.168.56.112", port: 22 }, state: "ESTABLISHED" }),
    );
    expect(r.listeners).toContainEqual(
      expect.objectContaining({ family: 6, local: { address: "fe80::1", port: 25 } }),
    );
  });

  it("endpointOf", () => {
    expect(endpointOf("192.168.1.2.50123", 4)).toEqual({
      ep: { address: "192.168.1.2", port: 50123 },
      any: false,
    });
    expect(endpointOf("::1.631", 6)).toEqual({ ep: { address: "::1", port: 631 }, any: false });
    expect(endpointOf("*.*", 6)).toEqual({ ep: { address: "::", port: 0 }, any: true });
    expect(endpointOf("2600:1700:bab0:d.5", 6)).toBeNull();
  });
});

describe("garbage and truncated input", () => {
  it("never throws on any prefix of a real capture", () => {
    const texts = ALL.map(([, t]) => t);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (i, at) => {
          const t = texts[i] ?? "";
          const r = parseNetstatAn(t.slice(0, Math.floor(t.length * at)));
          expect(r.connections.length + r.listeners.length + r.unparsed.length).toBeLessThanOrEqual(
            countRows(t),
          );
        },
      ),
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void parseNetstatAn(`tcp4 0 0 ${s}`)));
  });
});
