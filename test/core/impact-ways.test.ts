import { describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import { changedWays } from "../../src/core/impact-ways.js";
import type { RouteChange } from "../../src/core/model.js";
import {
  conn,
  internalPolicy,
  linuxCards,
  linuxRoutes,
  snapshot,
  storyConnections,
  winCards,
  winRoutes,
} from "./support/story.js";

const pin = (card: string): RouteChange => ({
  action: "add",
  destination: "10.0.0.0/8",
  gateway: "192.168.1.254",
  interface: card,
  persistent: true,
});

describe("changedWays: the new and retried connections a change sends by another card", () => {
  it("Windows (the demo's story): the stuck SYN does not move, but new and retried connects leave by int", () => {
    const a = analyze(snapshot("windows", winCards(), winRoutes(), storyConnections("windows")), {
      policy: internalPolicy("int"),
    });
    const ways = changedWays(a, [pin("int")]);
    expect(ways.fresh).toEqual([
      {
        destination: "10.0.0.0/8",
        before: { interface: "ext", gateway: "192.168.1.1" },
        after: { interface: "int", gateway: "192.168.1.254" },
      },
    ]);
    expect(ways.retried.map((r) => [r.connection.local.port, r.before.interface, r.after.interface])).toEqual(
      [[50123, "ext", "int"]],
    );
  });

  it("Linux: the same, and an established flow or a SYN to elsewhere is not a retry that moves", () => {
    const connections = [
      ...storyConnections("linux"),
      conn("192.168.1.10:50300", "203.0.113.7:443", "SYN_SENT"),
    ];
    const a = analyze(snapshot("linux", linuxCards(), linuxRoutes(), connections), {
      policy: internalPolicy("eth1"),
    });
    const ways = changedWays(a, [pin("eth1")]);
    expect(ways.fresh[0]?.after).toEqual({ interface: "eth1", gateway: "192.168.1.254" });
    expect(ways.retried.map((r) => r.connection.remote.address)).toEqual(["10.1.1.20"]);
  });

  it("a change elsewhere: nothing new, nothing retried", () => {
    const a = analyze(snapshot("windows", winCards(), winRoutes(), storyConnections("windows")));
    expect(changedWays(a, [{ ...pin("int"), destination: "172.16.0.0/12" }])).toEqual({
      fresh: [
        {
          destination: "172.16.0.0/12",
          before: { interface: "ext", gateway: "192.168.1.1" },
          after: { interface: "int", gateway: "192.168.1.254" },
        },
      ],
      retried: [],
    });
  });
});
