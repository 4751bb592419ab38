// Issue 18 item 3: no proposed fix cuts the host off (a card's own subnet, the
// default route of the operator's session, the cloud agent addresses), none
// deletes a default route without a policy file, and the impact preview names
// these when a manual change would move them.
import { describe, expect, it } from "vitest";
import { impactLines } from "../../src/commands/change-cli.js";
import { analyze } from "../../src/core/analyze.js";
import { impactOf } from "../../src/core/impact.js";
import type { Policy } from "../../src/core/policy.js";
import { card, conn, internalPolicy, route, snapshot, winCards, winRoutes } from "./support/story.js";

const rule = (destinations: string[], iface: string, gateway: string): Policy => ({
  rules: [{ name: "r", destinations, interface: iface, gateway }],
});
const azureCards = () => [card("Ethernet", 6, "10.0.0.4"), card("Ethernet 2", 9, "10.0.0.5")];
const azureRoutes = () => [
  route("0.0.0.0/0", "10.0.0.1", "Ethernet", 10),
  route("10.0.0.0/24", null, "Ethernet", 266),
  route("10.0.0.0/24", null, "Ethernet 2", 266),
];
const withDefaultOnInt = () => [...winRoutes(), route("0.0.0.0/0", "192.168.1.254", "int", 35)];

describe("fix guard", () => {
  it("without a policy, multiple-default-gateways proposes no delete of a default route; with one it does", () => {
    const guessed = analyze(snapshot("windows", winCards(), withDefaultOnInt(), []));
    const f = guessed.findings.find((x) => x.id === "multiple-default-gateways");
    expect(f?.fix).toEqual([]);
    expect(f?.message).toContain(
      "no fix proposed: it deletes the default route via 192.168.1.254 on int, and no policy file says which default is right",
    );
    const told = analyze(snapshot("windows", winCards(), withDefaultOnInt(), []), {
      policy: internalPolicy("int"),
    });
    const g = told.findings.find((x) => x.id === "multiple-default-gateways");
    expect(g?.fix.map((c) => `${c.action} ${c.destination} ${c.interface}`)).toContain(
      "delete 0.0.0.0/0 int",
    );
  });

  it("never deletes the default route the operator's RDP session rides", () => {
    const rdp = conn("192.168.1.11:3389", "198.51.100.7:50000", "ESTABLISHED");
    const a = analyze(snapshot("windows", winCards(), withDefaultOnInt(), [rdp]), {
      policy: internalPolicy("int"),
    });
    const f = a.findings.find((x) => x.id === "multiple-default-gateways");
    expect(f?.fix).toEqual([]);
    expect(f?.message).toContain(
      "no fix proposed: it deletes the default route of int that your RDP session from 198.51.100.7 uses",
    );
  });

  it("never moves the Azure wire server or the metadata service off the primary card", () => {
    const a = analyze(snapshot("windows", azureCards(), azureRoutes(), []), {
      policy: rule(["168.0.0.0/8"], "Ethernet 2", "10.0.0.1"),
    });
    const f = a.findings.find((x) => x.id === "wrong-nic-route");
    expect(f?.severity).toBe("error");
    expect(f?.fix).toEqual([]);
    expect(f?.message).toContain(
      "no fix proposed: it would move the Azure wire server 168.63.129.16 off Ethernet",
    );
    const meta = analyze(snapshot("windows", azureCards(), azureRoutes(), []), {
      policy: rule(["169.254.169.0/24"], "Ethernet 2", "10.0.0.1"),
    });
    expect(meta.findings.find((x) => x.id === "wrong-nic-route")?.message).toContain(
      "it would move the cloud metadata service 169.254.169.254 (AWS, Azure, GCP) off Ethernet",
    );
  });

  it("never moves a card's own connected subnet to another card", () => {
    const cards = [card("ext", 4, "10.1.0.5"), card("int", 9, "192.168.20.56")];
    const routes = [
      route("0.0.0.0/0", "10.1.0.1", "ext", 25),
      route("10.1.0.0/24", null, "ext", 281),
      route("192.168.20.0/24", null, "int", 281),
    ];
    const a = analyze(snapshot("windows", cards, routes, []), {
      policy: rule(["10.1.0.0/24"], "int", "192.168.20.1"),
    });
    const f = a.findings.find((x) => x.id === "wrong-nic-route");
    expect(f?.fix).toEqual([]);
    expect(f?.message).toContain(
      "no fix proposed: it would move part of ext's own subnet 10.1.0.0/24 to int",
    );
  });

  it("keeps the story's fix: int shares ext's subnet, nothing guarded moves", () => {
    const a = analyze(snapshot("windows", winCards(), winRoutes(), []), { policy: internalPolicy("int") });
    const f = a.findings.find((x) => x.id === "wrong-nic-route" && x.subject === "192.168.0.0/16");
    expect(f?.fix.map((c) => `${c.action} ${c.destination} ${c.interface}`)).toEqual([
      "add 192.168.0.0/16 int",
    ]);
  });

  it("the impact preview of a manual change names the wire server and a card's own subnet", () => {
    const agent = conn("10.0.0.4:49800", "168.63.129.16:80", "ESTABLISHED");
    const a = analyze(snapshot("windows", azureCards(), azureRoutes(), [agent]));
    const del = {
      action: "delete" as const,
      destination: "0.0.0.0/0",
      gateway: "10.0.0.1",
      interface: "Ethernet",
      persistent: false,
    };
    const rows = impactOf(a, [del]);
    expect(rows.map((r) => [r.guarded ?? null, r.before.interface, r.after.interface])).toContainEqual([
      "the Azure wire server 168.63.129.16: must stay on the primary card",
      "Ethernet",
      null,
    ]);
    const cards = [card("ext", 4, "10.1.0.5"), card("int", 9, "192.168.20.56")];
    const routes = [
      route("0.0.0.0/0", "10.1.0.1", "ext", 25),
      route("10.1.0.0/24", null, "ext", 281),
      route("192.168.20.0/24", null, "int", 281),
    ];
    const b = analyze(snapshot("windows", cards, routes, []));
    const add = {
      action: "add" as const,
      destination: "10.1.0.0/24",
      gateway: "192.168.20.1",
      interface: "int",
      persistent: true,
    };
    expect(impactOf(b, [add]).map((r) => [r.guarded, r.before.interface, r.after.interface])).toEqual([
      ["ext's own subnet 10.1.0.0/24", "ext", "int"],
    ]);
    expect(impactLines(impactOf(b, [add]))[1]).toBe(
      "  !!! ext's own subnet 10.1.0.0/24 moves ext on-link -> int via 192.168.20.1: this change may cut the host off !!!",
    );
  });
});
