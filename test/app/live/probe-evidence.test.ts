// The probe timeouts the live screen keeps as evidence, and the card a probe left by.
import { describe, expect, it } from "vitest";
import { createProbeEvidence, PROBE_MEMORY, probeCard } from "../../../src/app/live/probe-evidence.js";
import type { ProbeResult } from "../../../src/app/probe.js";
import { analyze } from "../../../src/core/analyze.js";
import { conn, snapshot, winCards, winRoutes } from "../../core/support/story.js";

const result = (host: string, outcome: ProbeResult["outcome"], source: string | null = "192.168.1.10") => ({
  host,
  port: 5061,
  outcome,
  source,
  sourcePort: source ? 50000 : null,
  ms: 1,
});

describe("probe evidence", () => {
  it("keeps a timeout once per address and card, the newest last", () => {
    const e = createProbeEvidence();
    expect(e.note(result("10.1.1.20", "timeout"), "ext")).toBe(true);
    expect(e.note(result("10.1.1.21", "timeout"), "ext")).toBe(true);
    expect(e.note(result("10.1.1.20", "timeout"), "int")).toBe(true);
    expect(e.note(result("10.1.1.20", "timeout"), "ext")).toBe(true);
    expect(e.timeouts).toEqual([
      { address: "10.1.1.21", interface: "ext" },
      { address: "10.1.1.20", interface: "int" },
      { address: "10.1.1.20", interface: "ext" },
    ]);
  });

  it("an answer by the same card drops that timeout; refused is an answer; an error or an unknown card says nothing", () => {
    const e = createProbeEvidence();
    e.note(result("10.1.1.20", "timeout"), "ext");
    e.note(result("10.1.1.21", "timeout"), "ext");
    const before = e.timeouts;
    expect(e.note(result("10.1.1.20", "connected"), "int")).toBe(false);
    expect(e.note(result("10.1.1.20", "error"), "ext")).toBe(false);
    expect(e.note(result("10.1.1.22", "timeout", null), null)).toBe(false);
    expect(e.timeouts).toBe(before);
    expect(e.note(result("10.1.1.20", "connected"), "ext")).toBe(true);
    expect(e.note(result("10.1.1.21", "refused"), "ext")).toBe(true);
    expect(e.timeouts).toEqual([]);
  });

  it(`keeps the last ${PROBE_MEMORY}`, () => {
    const e = createProbeEvidence();
    for (let i = 0; i < PROBE_MEMORY + 5; i++) e.note(result(`10.1.2.${i}`, "timeout"), "ext");
    expect(e.timeouts).toHaveLength(PROBE_MEMORY);
    expect(e.timeouts[0]?.address).toBe("10.1.2.5");
  });
});

describe("probeCard", () => {
  const cards = winCards();
  it("the card its flow was seen leaving by, else the card owning its source address", () => {
    // The flow as polled left by int although its source is ext's address.
    const a = analyze(
      snapshot("windows", cards, winRoutes(), [conn("192.168.1.10:50000", "10.1.1.20:5061", "SYN_SENT")]),
    );
    const seen = a.connections.map((c) => ({ ...c, egress: { interface: "int", gateway: null } }));
    expect(probeCard({ ...a, connections: seen }, result("10.1.1.20", "timeout"))).toBe("int");
    expect(probeCard(a, result("10.1.1.30", "timeout", "192.168.1.11"))).toBe("int");
    expect(probeCard(a, result("10.1.1.30", "timeout", "192.168.1.10"))).toBe("ext");
    expect(probeCard(a, result("10.1.1.30", "timeout", null))).toBeNull();
    expect(probeCard(null, result("10.1.1.30", "timeout"))).toBeNull();
  });
});
