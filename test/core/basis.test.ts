// Issue 18 item 1: every verdict and finding says what it rests on. A policy file
// keeps its errors; a guessed intent gives warnings that name the guess, and an
// error only with evidence (a SYN nobody answers, a probe that timed out there).
import { describe, expect, it } from "vitest";
import { checkExitCode } from "../../src/commands/json-contract.js";
import { analyze } from "../../src/core/analyze.js";
import type { Connection } from "../../src/core/model.js";
import { conn, internalPolicy, route, snapshot, winCards, winRoutes } from "./support/story.js";

// The story with the internal gateway known from a route on int: the guess is complete.
const routes = () => [...winRoutes(), route("172.16.0.0/12", "192.168.1.254", "int", 36)];
const syn = conn("192.168.1.10:50123", "10.1.1.20:5061", "SYN_SENT");
const established = conn("192.168.1.10:50124", "10.1.1.21:5061", "ESTABLISHED");
const run = (conns: Connection[], opts: Parameters<typeof analyze>[1] = {}) =>
  analyze(snapshot("windows", winCards(), routes(), conns), opts);
const wrongNic = (a: ReturnType<typeof analyze>) =>
  a.findings.filter((f) => f.id === "wrong-nic-route" && f.subject === "10.0.0.0/8");

describe("basis of verdicts and findings", () => {
  it("with a policy file: an error on the policy's word, with or without a SYN", () => {
    const a = run([established], { policy: internalPolicy("int") });
    expect(wrongNic(a).map((f) => [f.severity, f.basis])).toEqual([["error", "policy"]]);
    expect(a.connections[0]).toMatchObject({ verdict: "wrong-nic", basis: "policy" });
    expect(checkExitCode(a)).toBe(1);
  });

  it("inferred, nothing seen: a warning that names the guess and how to confirm it; check exits 0", () => {
    const a = run([established]);
    const [f] = wrongNic(a);
    expect(f).toMatchObject({ severity: "warning", basis: "inferred" });
    expect(f?.message).toContain(
      "inferred, not confirmed: assuming int is the internal card because it has 1 route to private ranges (e.g. 172.16.0.0/12 via 192.168.1.254) and it shares ext's subnet 192.168.1.0/24",
    );
    expect(f?.message).toContain("--policy file or `dualhome fix`");
    expect(a.connections[0]).toMatchObject({ verdict: "wrong-nic", basis: "inferred" });
    expect(a.findings.some((x) => x.severity === "error")).toBe(false);
    expect(checkExitCode(a)).toBe(0);
  });

  it("inferred with a SYN stuck on the card the guess calls wrong: an error on evidence, with its fix", () => {
    const a = run([syn, established]);
    const [f] = wrongNic(a);
    expect(f).toMatchObject({ severity: "error", basis: "evidence" });
    expect(f?.message).toContain("inferred intent, confirmed: 1 SYN unanswered there");
    expect(f?.fix.map((c) => [c.action, c.destination, c.gateway, c.interface])).toEqual([
      ["add", "10.0.0.0/8", "192.168.1.254", "int"],
    ]);
    expect(a.connections.map((c) => c.basis)).toEqual(["evidence", "inferred"]);
    expect(checkExitCode(a)).toBe(1);
  });

  it("inferred with a probe that timed out by ext: an error on evidence; by int it proves nothing", () => {
    const seen = run([], { probeTimeouts: [{ address: "10.1.1.20", interface: "ext" }] });
    expect(wrongNic(seen).map((f) => [f.severity, f.basis])).toEqual([["error", "evidence"]]);
    expect(wrongNic(seen)[0]?.message).toContain(
      "; inferred intent, confirmed: 1 probe timed out there (to 10.1.1.20 by ext)",
    );
    // The probe is gone once it timed out: the finding names the latest one.
    const two = run([syn], {
      probeTimeouts: [
        { address: "10.1.1.20", interface: "ext" },
        { address: "10.9.0.1", interface: "ext" },
      ],
    });
    expect(wrongNic(two)[0]?.message).toMatch(
      /; inferred intent, confirmed: 1 SYN unanswered and 2 probes timed out there \(e\.g\. to 10\.9\.0\.1 by ext\)$/,
    );
    const onInt = run([], { probeTimeouts: [{ address: "10.1.1.20", interface: "int" }] });
    expect(wrongNic(onInt).map((f) => [f.severity, f.basis])).toEqual([["warning", "inferred"]]);
  });

  it("facts of the host rest on evidence, policy-made findings on their policy", () => {
    const two = [...routes(), route("0.0.0.0/0", "192.168.1.254", "int", 35)];
    const a = analyze(snapshot("windows", winCards(), two, []), { policy: internalPolicy("int") });
    expect(a.findings.find((f) => f.id === "multiple-default-gateways")?.basis).toBe("evidence");
    const listening = run([conn("0.0.0.0:5061", "0.0.0.0:0", "LISTENING")]);
    expect(listening.connections[0]).toMatchObject({ verdict: "ok", basis: "evidence" });
  });
});
