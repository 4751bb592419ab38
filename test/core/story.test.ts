// The story (docs/ARCHITECTURE.md) end to end through analyze(): the story on Windows (strong
// host). The Linux form (weak host) is in story-linux.test.ts.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import {
  conn,
  internalPolicy,
  route,
  snapshot,
  storyConnections,
  winCards,
  winRoutes,
} from "./support/story.js";
import { byLocal } from "./support/story-find.js";

describe("Windows story (strong host)", () => {
  const policy = internalPolicy("0x10004");
  const a = analyze(snapshot("windows", winCards(), winRoutes(), storyConnections("windows")), {
    policy,
    policySource: "C:\\dualhome\\policy.json",
  });

  it("the SIP SYN leaves ext via the internet gateway: wrong NIC", () => {
    const c = byLocal(a, "192.168.1.10:50123", "10.1.1.20:5061");
    expect(c.verdict).toBe("wrong-nic");
    expect(c.egress).toEqual({ interface: "ext", gateway: "192.168.1.1" });
    expect(c.expected).toMatchObject({ interface: "int", gateway: "192.168.1.254" });
    expect(c.why).toBe(
      "leaves ext via 192.168.1.1 (strong host: bound to ext's 192.168.1.10); policy rule 'internal' for 10.0.0.0/8 wants int via 192.168.1.254",
    );
  });

  it("the RDP session on int from the shared subnet is fine", () => {
    const c = byLocal(a, "192.168.1.11:3389", "192.168.1.50:51000");
    expect(c.verdict).toBe("ok");
    expect(c.egress).toEqual({ interface: "int", gateway: null });
  });

  it("the web flow to the internet is fine, and listening sockets have no expectation", () => {
    expect(byLocal(a, "192.168.1.10:50200", "203.0.113.9:443")).toMatchObject({
      verdict: "ok",
      expected: null,
    });
    expect(byLocal(a, "0.0.0.0:5061", "0.0.0.0:0")).toMatchObject({
      verdict: "ok",
      expected: null,
      egress: { interface: null, gateway: null },
    });
  });

  it("finds the wrong-NIC route with the field's fix: route add 10.0.0.0/8 via 192.168.1.254 pinned to int", () => {
    expect(a.policySource).toBe("C:\\dualhome\\policy.json");
    const f = a.findings.find((x) => x.id === "wrong-nic-route" && x.subject === "10.0.0.0/8");
    expect(f?.severity).toBe("error");
    expect(f?.message).toMatch(
      /^10\.0\.0\.0\/8 leaves ext via 192\.168\.1\.1; policy wants int via 192\.168\.1\.254 \(1 flow/,
    );
    expect(f?.fix).toEqual([
      {
        action: "add",
        destination: "10.0.0.0/8",
        gateway: "192.168.1.254",
        interface: "int",
        persistent: true,
      },
    ]);
    expect(a.findings[0]?.severity).toBe("error");
  });

  it("with the pinned route, a connection from int's address to 10.1.1.20 is ok", () => {
    const routes = [...winRoutes(), route("10.0.0.0/8", "192.168.1.254", "int", 36, { persistent: true })];
    const b = analyze(
      snapshot("windows", winCards(), routes, [conn("192.168.1.11:50140", "10.1.1.21:5061", "ESTABLISHED")]),
      { policy },
    );
    expect(b.connections[0]).toMatchObject({
      verdict: "ok",
      egress: { interface: "int", gateway: "192.168.1.254" },
    });
    expect(b.findings.filter((f) => f.id === "wrong-nic-route").map((f) => f.subject)).toEqual([
      "172.16.0.0/12",
      "192.168.0.0/16",
    ]);
  });

  it("without a route, a connection from int's address has no route at all (strong host)", () => {
    const b = analyze(
      snapshot("windows", winCards(), winRoutes(), [
        conn("192.168.1.11:50140", "10.1.1.21:5061", "SYN_SENT"),
      ]),
    );
    expect(b.connections[0]?.verdict).toBe("no-route");
    expect(b.connections[0]?.why).toMatch(/no route to 10\.1\.1\.21 on int \(strong host/);
  });

  it("an unpinned route (right gateway, ext) is wrong-nic and route-not-pinned, fixed by delete + add", () => {
    const routes = [...winRoutes(), route("10.0.0.0/8", "192.168.1.254", "ext", 26, { persistent: true })];
    const b = analyze(snapshot("windows", winCards(), routes, storyConnections("windows")), { policy });
    const c = byLocal(b, "192.168.1.10:50123", "10.1.1.20:5061");
    expect(c).toMatchObject({ verdict: "wrong-nic", egress: { interface: "ext", gateway: "192.168.1.254" } });
    const fix = [
      {
        action: "delete",
        destination: "10.0.0.0/8",
        gateway: "192.168.1.254",
        interface: "ext",
        persistent: true,
      },
      {
        action: "add",
        destination: "10.0.0.0/8",
        gateway: "192.168.1.254",
        interface: "int",
        persistent: true,
      },
    ];
    expect(b.findings.find((f) => f.id === "route-not-pinned")?.fix).toEqual(fix);
    expect(b.findings.find((f) => f.id === "wrong-nic-route" && f.subject === "10.0.0.0/8")?.fix).toEqual(
      fix,
    );
  });

  it("two default gateways on two cards", () => {
    const routes = [...winRoutes(), route("0.0.0.0/0", "192.168.1.254", "int", 35)];
    const b = analyze(snapshot("windows", winCards(), routes, []), { policy });
    const f = b.findings.find((x) => x.id === "multiple-default-gateways");
    expect(f?.message).toMatch(
      /^2 default gateways: 192\.168\.1\.1 on ext \(metric 25\), 192\.168\.1\.254 on int/,
    );
    // int's internal ranges are pinned before its default gateway goes.
    expect(f?.fix.map((x) => `${x.action} ${x.destination} ${x.interface}`)).toEqual([
      "add 10.0.0.0/8 int",
      "add 172.16.0.0/12 int",
      "add 192.168.0.0/16 int",
      "delete 0.0.0.0/0 int",
    ]);
  });

  it("inferred policy: same verdicts, and the wrong-NIC finding says the gateway is unknown", () => {
    const b = analyze(snapshot("windows", winCards(), winRoutes(), storyConnections("windows")));
    expect(b.policySource).toBe("inferred");
    expect(b.connections.map((c) => c.verdict)).toEqual(["wrong-nic", "ok", "ok", "ok"]);
    const f = b.findings.find((x) => x.id === "wrong-nic-route" && x.subject === "10.0.0.0/8");
    expect(f?.message).toMatch(/gateway for int is unknown/);
    expect(f?.fix).toEqual([]);
  });
});
