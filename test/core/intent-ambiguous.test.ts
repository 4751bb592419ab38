// Issue 18 item 2: when the host does not tell which card is internal, say so and
// ask instead of judging flows by a guess or proposing a route change.
import { describe, expect, it } from "vitest";
import { checkExitCode } from "../../src/commands/json-contract.js";
import { analyze } from "../../src/core/analyze.js";
import { card, conn, route, snapshot, storyConnections, winCards, winRoutes } from "./support/story.js";

const v4 = (address: string, prefixLen: number) => ({ address, prefixLen, family: 4 as const });

describe("intent-ambiguous", () => {
  it("Azure, two NICs on one subnet, no gateway for the second: asks, proposes nothing, errs nowhere", () => {
    const cards = [card("Ethernet", 6, "10.0.0.4"), card("Ethernet 2", 9, "10.0.0.5")];
    const routes = [
      route("0.0.0.0/0", "10.0.0.1", "Ethernet", 10),
      route("10.0.0.0/24", null, "Ethernet", 266),
      route("10.0.0.0/24", null, "Ethernet 2", 266),
    ];
    const flow = conn("10.0.0.4:50000", "10.1.2.3:443", "ESTABLISHED");
    const a = analyze(snapshot("windows", cards, routes, [flow]));
    expect(a.findings.map((f) => [f.id, f.severity, f.basis])).toEqual([
      ["intent-ambiguous", "warning", "inferred"],
      ["same-subnet-nics", "info", "evidence"],
    ]);
    expect(a.findings[0]?.message).toContain("no gateway for Ethernet 2 is known");
    expect(a.findings[0]?.message).toContain("`dualhome fix`");
    expect(a.findings.flatMap((f) => f.fix)).toEqual([]);
    // The verdict is the guess's, and says so: nothing in it is an error.
    expect(a.connections[0]).toMatchObject({ verdict: "wrong-nic", basis: "inferred" });
    expect(checkExitCode(a)).toBe(0);
  });

  it("lab: default on each card and the internet card inside 10/8: both doubts named", () => {
    const cards = [
      { ...card("Ethernet0", 4, "10.129.43.8"), addresses: [v4("10.129.43.8", 16)] },
      card("Ethernet1", 9, "192.168.20.56"),
    ];
    const routes = [
      route("0.0.0.0/0", "10.129.0.1", "Ethernet0", 25),
      route("0.0.0.0/0", "192.168.20.1", "Ethernet1", 271),
      route("10.129.0.0/16", null, "Ethernet0", 281),
      route("192.168.20.0/24", null, "Ethernet1", 271),
    ];
    const a = analyze(snapshot("windows", cards, routes, []));
    const f = a.findings.find((x) => x.id === "intent-ambiguous");
    expect(f?.message).toContain(
      "2 cards have a default route (Ethernet0 via 10.129.0.1 metric 25, Ethernet1 via 192.168.20.1 metric 271)",
    );
    expect(f?.message).toContain(
      "Ethernet0 (10.129.43.8/16) is itself inside 10.0.0.0/8, which the guess would move to Ethernet1",
    );
    expect(a.findings.some((x) => x.id === "wrong-nic-route" || x.id === "route-not-pinned")).toBe(false);
    expect(a.findings.some((x) => x.severity === "error")).toBe(false);
  });

  it("the story without a policy: a SYN stuck on ext is still an error, on evidence, with the doubt", () => {
    const a = analyze(snapshot("windows", winCards(), winRoutes(), storyConnections("windows")));
    const f = a.findings.find((x) => x.id === "wrong-nic-route" && x.subject === "10.0.0.0/8");
    expect(f).toMatchObject({ severity: "error", basis: "evidence", fix: [] });
    expect(f?.message).toContain("the gateway for int is unknown");
    expect(checkExitCode(a)).toBe(1);
    expect(a.connections[0]).toMatchObject({ verdict: "wrong-nic", basis: "evidence" });
  });

  it("the story with int's gateway known from its routes: no doubt, the guess stands", () => {
    const routes = [...winRoutes(), route("172.16.0.0/12", "192.168.1.254", "int", 36)];
    const a = analyze(snapshot("windows", winCards(), routes, storyConnections("windows")));
    expect(a.findings.some((x) => x.id === "intent-ambiguous")).toBe(false);
    const f = a.findings.find((x) => x.id === "wrong-nic-route" && x.subject === "10.0.0.0/8");
    expect(f?.fix.map((c) => `${c.action} ${c.destination} ${c.gateway} ${c.interface}`)).toEqual([
      "add 10.0.0.0/8 192.168.1.254 int",
    ]);
  });
});
