import { describe, expect, it } from "vitest";
import { EXTERNAL_RULE, INTERNAL_RULE, inferPolicy } from "../../src/core/policy-infer.js";
import { card, linuxCards, linuxRoutes, route, winCards, winRoutes } from "./support/story.js";

describe("inferPolicy", () => {
  it("Windows story: ext holds the default route, int shares its subnet, the gateway is not known", () => {
    const r = inferPolicy(winCards(), winRoutes());
    expect(r.external).toBe("ext");
    expect(r.internal).toBe("int");
    expect(r.policy.rules).toEqual([
      {
        name: INTERNAL_RULE,
        destinations: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
        interface: "int",
        gateway: null,
      },
      { name: EXTERNAL_RULE, destinations: ["0.0.0.0/0"], interface: "ext", gateway: "192.168.1.1" },
    ]);
    expect(r.notes.join("\n")).toMatch(/internal gateway for int is not known/);
  });

  it("takes the internal gateway from the internal card's routes to private ranges, most used first", () => {
    const routes = [
      ...linuxRoutes(),
      route("10.0.0.0/8", "192.168.1.254", "eth1", 0),
      route("172.16.0.0/12", "192.168.1.254", "eth1", 0),
      route("172.20.0.0/16", "192.168.1.253", "eth1", 0),
    ];
    const r = inferPolicy(linuxCards(), routes);
    expect(r.policy.rules[0]).toMatchObject({ interface: "eth1", gateway: "192.168.1.254" });
    expect(r.notes).toEqual([]);
  });

  it("falls back to the internal card's own default gateway (two default gateways)", () => {
    const routes = [...winRoutes(), route("0.0.0.0/0", "192.168.1.254", "int", 35)];
    expect(inferPolicy(winCards(), routes).policy.rules[0]).toMatchObject({
      interface: "int",
      gateway: "192.168.1.254",
    });
  });

  it("prefers a card with routes to private ranges over one that only shares the subnet", () => {
    const cards = [...linuxCards(), card("eth2", 4, "10.9.0.5")];
    const routes = [...linuxRoutes(), route("10.0.0.0/8", "10.9.0.1", "eth2", 0)];
    const r = inferPolicy(cards, routes);
    expect(r.policy.rules[0]).toMatchObject({ interface: "eth2", gateway: "10.9.0.1" });
  });

  it("does not take a bridge such as docker0 for the internal card", () => {
    const cards = [card("eth0", 2, "192.168.1.10"), card("docker0", 5, "172.17.0.1")];
    const routes = [
      route("0.0.0.0/0", "192.168.1.1", "eth0", 100),
      route("172.17.0.0/16", null, "docker0", 0),
    ];
    const r = inferPolicy(cards, routes);
    expect(r.internal).toBeNull();
    expect(r.policy.rules.map((x) => x.name)).toEqual([EXTERNAL_RULE]);
  });

  it("says so when two cards could be internal", () => {
    const cards = [...linuxCards(), card("eth2", 4, "192.168.1.12")];
    expect(inferPolicy(cards, linuxRoutes()).notes.join(" ")).toMatch(/both eth1 and eth2/);
  });

  it("without a default route there is nothing to infer", () => {
    const r = inferPolicy(linuxCards(), linuxRoutes().slice(1));
    expect(r.policy.rules).toEqual([]);
    expect(r.notes[0]).toMatch(/no IPv4 default route/);
  });

  it("the lowest-metric default decides the external card, down cards are not internal", () => {
    const cards = [card("a", 1, "192.168.1.10"), card("b", 2, "192.168.1.11", { up: false })];
    const routes = [route("0.0.0.0/0", "192.168.1.1", "a", 50), route("0.0.0.0/0", "192.168.1.2", "a", 10)];
    const r = inferPolicy(cards, routes);
    expect(r.policy.rules).toEqual([
      { name: EXTERNAL_RULE, destinations: ["0.0.0.0/0"], interface: "a", gateway: "192.168.1.2" },
    ]);
  });
});
