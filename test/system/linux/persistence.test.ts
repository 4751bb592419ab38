import { describe, expect, it } from "vitest";
import { validateChange } from "../../../src/core/route-change.js";
import { CommandError } from "../../../src/system/exec/runner-types.js";
import {
  NMCLI_DEVICES,
  parseNmcliDevices,
  planLinuxPersistence,
} from "../../../src/system/linux/persistence.js";
import { cards } from "../../app/change/world.js";
import { FakeRunner } from "../../support/fake-runner.js";

const v = (extra: { metric?: number; action?: "add" | "delete"; table?: string } = {}) =>
  validateChange(
    {
      action: extra.action ?? "add",
      destination: "10.0.0.0/8",
      gateway: "192.168.1.254",
      interface: "eth1",
      ...(extra.metric !== undefined ? { metric: extra.metric } : {}),
      ...(extra.table !== undefined ? { table: extra.table } : {}),
      persistent: true,
    },
    cards(),
  );

const noNm = () =>
  new FakeRunner().expect(
    NMCLI_DEVICES,
    new CommandError("nmcli not found: install network-manager", "not-found", NMCLI_DEVICES),
  );

function files(tree: Record<string, string>) {
  return {
    readFile: async (p: string) => {
      const t = tree[p];
      if (t === undefined) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      return t;
    },
    listDir: async (dir: string) => {
      const names = Object.keys(tree)
        .filter((p) => p.startsWith(`${dir}/`))
        .map((p) => p.slice(dir.length + 1));
      if (names.length === 0) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      return names;
    },
  };
}

describe("nmcli device status", () => {
  it("parses terse rows, with escaped colons in connection names", () => {
    expect(
      parseNmcliDevices("eth0:connected:Wired connection 1\neth1:connected:corp\\:lan\nlo:unmanaged:--\n"),
    ).toEqual([
      { device: "eth0", state: "connected", connection: "Wired connection 1" },
      { device: "eth1", state: "connected", connection: "corp:lan" },
      { device: "lo", state: "unmanaged", connection: "--" },
    ]);
  });
});

describe("planLinuxPersistence", () => {
  it("NetworkManager owns the card: nmcli adds the route to its connection, and can take it out again", async () => {
    const runner = new FakeRunner().expect(NMCLI_DEVICES, {
      stdout: "eth0:connected:Wired connection 1\neth1:connected:Wired connection 2\n",
    });
    const plan = await planLinuxPersistence({ runner, ...files({}) }, v());
    expect(plan).toMatchObject({ persistent: true, system: "networkmanager" });
    expect(plan.argv).toEqual([
      "nmcli",
      "connection",
      "modify",
      "Wired connection 2",
      "+ipv4.routes",
      "10.0.0.0/8 192.168.1.254",
    ]);
    expect(plan.revertArgv).toEqual([
      "nmcli",
      "connection",
      "modify",
      "Wired connection 2",
      "-ipv4.routes",
      "10.0.0.0/8 192.168.1.254",
    ]);
  });

  it("a metric goes into the NetworkManager route, and a delete removes it", async () => {
    const runner = new FakeRunner().expect(NMCLI_DEVICES, { stdout: "eth1:connected:corp\n" });
    const plan = await planLinuxPersistence({ runner, ...files({}) }, v({ metric: 50, action: "delete" }));
    expect(plan.argv).toEqual([
      "nmcli",
      "connection",
      "modify",
      "corp",
      "-ipv4.routes",
      "10.0.0.0/8 192.168.1.254 50",
    ]);
    expect(plan.persistent).toBe(false);
  });

  it("a card NetworkManager only watches (connected externally) is not its to write", async () => {
    const runner = new FakeRunner().expect(NMCLI_DEVICES, { stdout: "eth1:connected (externally):eth1\n" });
    const plan = await planLinuxPersistence(
      { runner, ...files({ "/etc/network/interfaces": "iface eth1 inet static\n" }) },
      v(),
    );
    expect(plan.system).toBe("ifupdown");
  });

  it("netplan: writes nothing, shows the routes block and the file that holds the card", async () => {
    const tree = {
      "/etc/netplan/01-a.yaml": "network:\n  ethernets:\n    eth0: {}\n",
      "/etc/netplan/02-b.yaml": "network:\n  ethernets:\n    eth1:\n      dhcp4: false\n",
    };
    const plan = await planLinuxPersistence({ runner: noNm(), ...files(tree) }, v({ metric: 50 }));
    expect(plan).toMatchObject({ persistent: false, system: "netplan", argv: null });
    expect(plan.note).toBe(
      "not written: add this in /etc/netplan/02-b.yaml under eth1, then run `netplan try`",
    );
    expect(plan.snippet).toBe(
      [
        "network:",
        "  ethernets:",
        "    eth1:",
        "      routes:",
        "        - to: 10.0.0.0/8",
        "          via: 192.168.1.254",
        "          metric: 50",
      ].join("\n"),
    );
  });

  it("systemd-networkd: a [Route] section for the .network file matching the card", async () => {
    const tree = {
      "/etc/systemd/network/10-eth0.network": "[Match]\nName=eth0\n",
      "/etc/systemd/network/20-eth1.network": "[Match]\nName=eth1\n",
    };
    const plan = await planLinuxPersistence({ runner: noNm(), ...files(tree) }, v());
    expect(plan.system).toBe("networkd");
    expect(plan.snippet).toBe("[Route]\nDestination=10.0.0.0/8\nGateway=192.168.1.254");
    expect(plan.note).toContain("/etc/systemd/network/20-eth1.network");
  });

  it("ifupdown: an up line for the card's stanza", async () => {
    const plan = await planLinuxPersistence(
      { runner: noNm(), ...files({ "/etc/network/interfaces": "auto lo\n" }) },
      v(),
    );
    expect(plan.snippet).toBe("up ip route add 10.0.0.0/8 via 192.168.1.254 dev eth1");
  });

  it("a route in another table keeps its table in every form: nmcli, netplan, networkd, ifupdown", async () => {
    const nm = new FakeRunner().expect(NMCLI_DEVICES, { stdout: "eth1:connected:corp\n" });
    const viaNm = await planLinuxPersistence({ runner: nm, ...files({}) }, v({ table: "100" }));
    expect(viaNm.argv?.at(-1)).toBe("10.0.0.0/8 192.168.1.254 table=100");
    const plan = (tree: Record<string, string>) =>
      planLinuxPersistence({ runner: noNm(), ...files(tree) }, v({ table: "100" }));
    expect((await plan({ "/etc/netplan/50.yaml": "eth1:\n" })).snippet).toContain("          table: 100");
    expect((await plan({ "/etc/systemd/network/10-eth1.network": "Name=eth1\n" })).snippet).toContain(
      "Table=100",
    );
    expect((await plan({ "/etc/network/interfaces": "auto lo\n" })).snippet).toBe(
      "up ip route add 10.0.0.0/8 via 192.168.1.254 dev eth1 table 100",
    );
  });

  it("nothing recognised: says so", async () => {
    const plan = await planLinuxPersistence({ runner: noNm(), ...files({}) }, v());
    expect(plan).toMatchObject({ persistent: false, system: "none", argv: null });
    expect(plan.note).toMatch(/^not persistent: no NetworkManager, netplan, systemd-networkd or ifupdown/);
  });
});
