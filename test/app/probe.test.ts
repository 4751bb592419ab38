import { describe, expect, it } from "vitest";
import { isProbeFlow, parseHostPort } from "../../src/app/probe.js";

describe("probe input", () => {
  it.each([
    ["10.1.1.20:5061", { host: "10.1.1.20", port: 5061 }],
    [" 10.1.1.20 5061 ", { host: "10.1.1.20", port: 5061 }],
    ["[fe80::1]:22", { host: "fe80::1", port: 22 }],
    ["sip.example:5061", { host: "sip.example", port: 5061 }],
  ])("reads %j", (text, want) => {
    expect(parseHostPort(text)).toEqual(want);
  });

  it.each(["10.1.1.20", "fe80::1", "10.1.1.20:0", "10.1.1.20:70000", "a;b:22", ""])("refuses %j", (text) => {
    expect(parseHostPort(text)).toHaveProperty("error");
  });

  it("finds the probe's flow: a new one to the same remote, then the one with its local port", () => {
    const flow = {
      local: { address: "192.168.1.10", port: 50000 },
      remote: { address: "10.1.1.20", port: 5061 },
    };
    const probe = { host: "10.1.1.20", port: 5061, startedAt: 1000, result: null };
    expect(isProbeFlow(probe, flow, 1500)).toBe(true);
    // The application's own flow to the same place was there before the probe.
    expect(isProbeFlow(probe, flow, 500)).toBe(false);
    expect(isProbeFlow({ ...probe, port: 443 }, flow, 1500)).toBe(false);
    const done = {
      host: "10.1.1.20",
      port: 5061,
      outcome: "timeout" as const,
      source: "192.168.1.10",
      ms: 1,
    };
    expect(isProbeFlow({ ...probe, result: { ...done, sourcePort: 50000 } }, flow, 500)).toBe(true);
    expect(isProbeFlow({ ...probe, result: { ...done, sourcePort: 50001 } }, flow, 1500)).toBe(false);
  });
});
