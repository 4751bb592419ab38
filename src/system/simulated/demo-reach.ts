// What the network around the simulated server answers. The internal networks
// only accept traffic that arrives from the internal card through the internal
// gateway; that is the whole story (docs/ARCHITECTURE.md, "The story").
import { contains } from "../../core/ip.js";
import type { Route } from "../../core/model.js";
import { ownValue } from "../../core/own-key.js";
import { cardAddress, EXT, EXT_GATEWAY, INT, INT_GATEWAY, worldRoute } from "./demo-host.js";

export type ReachOutcome = "connected" | "refused" | "timeout";

/** Hosts that exist, and the ports they listen on. */
const HOSTS: Record<string, readonly number[]> = {
  "10.1.1.20": [5061, 443],
  "10.1.1.21": [5061, 443],
  "10.2.0.15": [445, 3389],
  "192.168.1.1": [53, 80, 443],
  "192.168.1.254": [22, 443],
  "192.168.1.50": [445, 3389],
  "127.0.0.1": [135, 443, 445, 3389, 5061, 5062],
};
const PUBLIC_PORTS: readonly number[] = [80, 443];

const INTERNAL = ["10.0.0.0/8", "172.16.0.0/12"];
const LAN = "192.168.1.0/24";

interface Reach {
  outcome: ReachOutcome;
  route: Route | null;
  /** The local address Windows picks: the one of the card the route leaves by (strong host). */
  source: string | null;
}

function pathWorks(route: Route, dest: string): boolean {
  if (INTERNAL.some((p) => contains(p, dest)))
    return route.interface === INT.name && route.gateway === INT_GATEWAY;
  if (contains(LAN, dest)) return route.gateway === null;
  if (contains("127.0.0.0/8", dest)) return true;
  return route.interface === EXT.name && route.gateway === EXT_GATEWAY;
}

function listening(dest: string): readonly number[] | null {
  const known = ownValue(HOSTS, dest);
  if (known) return known;
  const privateOrLocal = [...INTERNAL, LAN, "127.0.0.0/8", "192.168.0.0/16"].some((p) => contains(p, dest));
  return privateOrLocal ? null : PUBLIC_PORTS;
}

export function reach(routes: readonly Route[], dest: string, port: number): Reach {
  const route = worldRoute(routes, dest);
  if (!route) return { outcome: "timeout", route: null, source: null };
  const source = contains("127.0.0.0/8", dest) ? "127.0.0.1" : cardAddress(route.interface);
  const ports = listening(dest);
  // A host that does not exist, or a path the far side drops, both look like silence.
  if (!pathWorks(route, dest) || !ports) return { outcome: "timeout", route, source };
  return { outcome: ports.includes(port) ? "connected" : "refused", route, source };
}
