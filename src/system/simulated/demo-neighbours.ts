// The simulated server's ARP table, as `arp -a` would show it: the internet
// gateway on ext; the RDP client and the internal gateway (which announces
// itself on the LAN) on int. Nothing routes via 192.168.1.254 yet.
import type { NeighbourRead } from "../../core/model.js";
import { EXT, EXT_GATEWAY, INT, INT_GATEWAY } from "./demo-host.js";

export function demoNeighbours(): NeighbourRead {
  return {
    neighbours: [
      { address: EXT_GATEWAY, mac: "00:15:5d:01:0a:01", card: EXT.name, state: "dynamic" },
      { address: "192.168.1.50", mac: "00:15:5d:01:0a:50", card: INT.name, state: "dynamic" },
      { address: INT_GATEWAY, mac: "00:15:5d:01:0a:fe", card: INT.name, state: "dynamic" },
    ],
    warnings: [],
  };
}
