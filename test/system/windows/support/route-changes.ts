// The cards of a modern Windows server (decimal indexes) and the route add the
// route-argv tests vary.
import type { NetInterface, RouteChange } from "../../../../src/core/model.js";

export const modern: NetInterface[] = [
  { index: 12, name: "ext", addresses: [{ address: "192.168.1.10", prefixLen: 24, family: 4 }], up: true },
  { index: 14, name: "int", addresses: [{ address: "192.168.1.11", prefixLen: 24, family: 4 }], up: true },
];

export const add = (over: Partial<RouteChange> = {}): RouteChange => ({
  action: "add",
  destination: "10.0.0.0/8",
  gateway: "192.168.1.254",
  interface: "int",
  metric: 10,
  persistent: true,
  ...over,
});
