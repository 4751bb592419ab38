// `ip monitor label route rule address link` (iproute2 6.1 prints text even with
// -json), one line at a time. Real lines:
//   [ROUTE]10.60.0.0/16 via 10.9.0.2 dev va
//   [ROUTE]Deleted 2001:db8::/32 dev va metric 1024 pref medium
//   [ROUTE]10.70.0.0/16                  (multipath: "\tnexthop via 10.9.0.2 dev va weight 1" lines follow)
//   [RULE]Deleted 32765:	from 10.9.0.0/24 lookup 100
//   [ADDR]3: va    inet 10.9.0.5/24 scope global secondary va
//   [LINK]3: va@vb: <BROADCAST,MULTICAST> mtu 1500 qdisc noqueue state DOWN group default
// Route lines become route events applied to the table; a rule, address or link
// line only says "read that again". IPv4 routes that vanish with their card or
// address are not announced by the kernel, so address and link lines also ask
// for a full route re-read.
import type { Route } from "../../core/model.js";
import { RouteLineParser } from "./route-lines.js";

export interface RouteEvent {
  deleted: boolean;
  route: Route;
}

interface MonitorBatch {
  routes: RouteEvent[];
  rules: boolean;
  interfaces: boolean;
  /** Something could not be applied as an event: re-read the whole table. */
  resync: boolean;
}

type Context = "route" | "other";

const LABEL_RE = /^\[([A-Z]+)\](.*)$/;
const MAX_PENDING = 100_000;

export class MonitorParser {
  private routes: RouteEvent[] = [];
  private rules = false;
  private interfaces = false;
  private resync = false;
  private context: Context = "other";
  private deleted = false;
  private warningsSeen = 0;
  private readonly parser = new RouteLineParser(
    {},
    (route) => {
      // Nobody took the events for a long while (polling paused) and a table flaps: read it whole instead.
      if (this.routes.length >= MAX_PENDING) {
        this.routes = [];
        this.resync = true;
      }
      this.routes.push({ deleted: this.deleted, route });
    },
    false,
  );

  push(line: string): void {
    if (line === "") return;
    const m = LABEL_RE.exec(line);
    if (!m) {
      // A continuation: nexthops of a multipath route, or details of an address or link.
      if (this.context === "route") this.parser.push(line);
      else if (!/^\s/.test(line)) this.resync = true;
      this.checkWarnings();
      return;
    }
    this.parser.flush();
    const label = m[1] as string;
    let rest = m[2] as string;
    this.context = "other";
    switch (label) {
      case "ROUTE": {
        this.deleted = rest.startsWith("Deleted ");
        if (this.deleted) rest = rest.slice(8);
        this.context = "route";
        const before = this.parser.warnings.length;
        this.parser.push(rest);
        // Only lines that are not routes at all matter; unknown words (expires, …) are harmless.
        const added = this.parser.warnings.slice(before);
        if (added.some((w) => w.includes("not a route"))) this.resync = true;
        this.warningsSeen = this.parser.warnings.length;
        return;
      }
      case "RULE":
        this.rules = true;
        return;
      case "ADDR":
      case "LINK":
        this.interfaces = true;
        this.resync = true;
        return;
      default:
        return;
    }
  }

  private checkWarnings(): void {
    const w = this.parser.warnings;
    for (let i = this.warningsSeen; i < w.length; i++)
      if ((w[i] as string).includes("nexthop without a route")) this.resync = true;
    this.warningsSeen = w.length;
  }

  /** Everything seen since the last take; a route still waiting for nexthop lines is included. */
  take(): MonitorBatch {
    this.parser.flush();
    this.checkWarnings();
    const batch = {
      routes: this.routes,
      rules: this.rules,
      interfaces: this.interfaces,
      resync: this.resync,
    };
    this.routes = [];
    this.rules = false;
    this.interfaces = false;
    this.resync = false;
    // Lines after a take that continue an earlier route are orphans: the parser then warns.
    this.parser.warnings.length = 0;
    this.warningsSeen = 0;
    return batch;
  }
}
