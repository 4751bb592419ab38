import { describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import { impactOf } from "../../src/core/impact.js";
import type { RouteChange } from "../../src/core/model.js";
import {
  conn,
  internalPolicy,
  linuxCards,
  linuxRoutes,
  route,
  snapshot,
  storyConnections,
  winCards,
  winRoutes,
} from "./support/story.js";

const pin: RouteChange = {
  action: "add",
  destination: "10.0.0.0/8",
  gateway: "192.168.1.254",
  interface: "eth1",
  persistent: true,
};

describe("impactOf", () => {
  it("Linux: lists the flows that move, the operator's SSH session first", () => {
    const connections = [
      ...storyConnections("linux"),
      conn("192.168.1.10:22", "10.20.0.5:60000", "ESTABLISHED", { process: "sshd" }),
    ];
    const a = analyze(snapshot("linux", linuxCards(), linuxRoutes(), connections), {
      policy: internalPolicy("eth1"),
    });
    const rows = impactOf(a, [pin], { sshConnection: "10.20.0.5 60000 192.168.1.10 22" });
    expect(
      rows.map((r) => [
        r.connection.remote.address,
        r.operatorSession,
        r.before.interface,
        r.after.interface,
      ]),
    ).toEqual([
      ["10.20.0.5", true, "eth0", "eth1"],
      ["10.1.1.20", false, "eth0", "eth1"],
    ]);
    expect(rows[0]?.after.gateway).toBe("192.168.1.254");
  });

  it("without SSH_CONNECTION any sshd session counts as the operator's; another client's does not when it is given", () => {
    const connections = [conn("192.168.1.10:22", "10.20.0.5:60000", "ESTABLISHED")];
    const a = analyze(snapshot("linux", linuxCards(), linuxRoutes(), connections));
    expect(impactOf(a, [pin])[0]?.operatorSession).toBe(true);
    expect(impactOf(a, [pin], { sshConnection: "10.20.0.6 1 192.168.1.10 22" })[0]?.operatorSession).toBe(
      false,
    );
  });

  it("Windows: an RDP session whose card loses its route is called out", () => {
    const routes = [...winRoutes(), route("0.0.0.0/0", "192.168.1.254", "int", 35)];
    const connections = [
      conn("192.168.1.11:3389", "10.30.0.9:51000", "ESTABLISHED"),
      conn("192.168.1.10:50200", "203.0.113.9:443", "ESTABLISHED"),
    ];
    const a = analyze(snapshot("windows", winCards(), routes, connections));
    const drop: RouteChange = {
      action: "delete",
      destination: "0.0.0.0/0",
      gateway: "192.168.1.254",
      interface: "int",
      persistent: false,
    };
    expect(impactOf(a, [drop])).toEqual([
      expect.objectContaining({
        operatorSession: true,
        before: { interface: "int", gateway: "192.168.1.254" },
        after: { interface: null, gateway: null },
      }),
    ]);
  });

  it("nothing moves: no rows", () => {
    const a = analyze(snapshot("windows", winCards(), winRoutes(), storyConnections("windows")));
    const other: RouteChange = { ...pin, destination: "172.16.0.0/12", interface: "int" };
    expect(impactOf(a, [other])).toEqual([]);
  });
});
