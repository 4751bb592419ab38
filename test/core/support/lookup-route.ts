// A main-table unicast route in one line, for the lookup tests.
import type { Route } from "../../../src/core/model.js";

export const r = (
  destination: string,
  gateway: string | null,
  iface: string | null,
  metric: number,
  extra: Partial<Route> = {},
): Route => ({
  destination,
  family: destination.includes(":") ? 6 : 4,
  gateway,
  interface: iface,
  metric,
  table: "main",
  type: "unicast",
  persistent: false,
  ...extra,
});
