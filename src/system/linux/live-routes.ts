// The routes part in live mode: read whole at start (and on a safety-net
// re-read), then changed by monitor events. A full read streams `ip route`
// text row by row into the current table, so a million unchanged routes keep
// their objects and the array stays the same array.

import { appendAll } from "../../core/append-all.js";
import { errorText } from "../../core/errors.js";
import type { Part, Route } from "../../core/model.js";
import { sameItems } from "../../core/same-data.js";
import type { StreamSpawner } from "../exec/stream-types.js";
import { IP_ROUTE_TEXT_4, IP_ROUTE_TEXT_6 } from "./linux-commands.js";
import { fail } from "./linux-parts.js";
import type { RouteEvent } from "./monitor-events.js";
import { type DumpState, RouteDump } from "./route-dump.js";
import { applyRouteEvents } from "./route-table.js";

const MAX_WARNINGS = 20;

function capped(warnings: string[]): string[] {
  if (warnings.length <= MAX_WARNINGS) return warnings;
  return [...warnings.slice(0, MAX_WARNINGS), `… and ${warnings.length - MAX_WARNINGS} more route warnings`];
}

async function dumpFamily(
  spawn: StreamSpawner,
  family: 4 | 6,
  prev: DumpState | null,
  timeoutMs: number,
): Promise<{ state: DumpState; warnings: string[] }> {
  const dump = new RouteDump(prev, family);
  await spawn(family === 4 ? IP_ROUTE_TEXT_4 : IP_ROUTE_TEXT_6, () => {}, {
    timeoutMs,
    onBytes: (chunk) => dump.pushBytes(chunk),
  }).done;
  const state = dump.end();
  return { state, warnings: dump.warnings };
}

interface Dumps {
  v4: DumpState | null;
  v6: DumpState | null;
}

/**
 * Both families, against the last full read (`dumps`): unchanged rows keep their
 * Route objects; the part's array is `current` itself when the table is the same.
 */
async function readRoutes(
  spawn: StreamSpawner,
  current: readonly Route[],
  dumps: Dumps = { v4: null, v6: null },
  timeoutMs = 120_000,
): Promise<{ part: Part<Route[]>; dumps: Dumps }> {
  const [a, b] = await Promise.allSettled([
    dumpFamily(spawn, 4, dumps.v4, timeoutMs),
    dumpFamily(spawn, 6, dumps.v6, timeoutMs),
  ]);
  if (a.status === "rejected") return { part: fail(a.reason), dumps };
  const warnings = [...a.value.warnings];
  let v6: DumpState | null = null;
  if (b.status === "rejected") warnings.push(`IPv6: ${errorText(b.reason)}`);
  else {
    v6 = b.value.state;
    appendAll(warnings, b.value.warnings);
  }
  const v4 = a.value.state.routes;
  const next = v6 && v6.routes.length > 0 ? v4.concat(v6.routes) : v4;
  const value = sameItems(current, next) ? (current as Route[]) : next;
  return { part: { ok: true, value, warnings: capped(warnings) }, dumps: { v4: a.value.state, v6 } };
}

/** The table between full reads. */
export class LiveRoutes {
  private part: Part<Route[]> | null = null;
  private dumps: Dumps = { v4: null, v6: null };
  private resync: Promise<void> | null = null;
  /** Events seen while a re-read runs: the re-read may predate them. */
  private sinceResync: RouteEvent[] = [];
  private landed: Part<Route[]> | null = null;
  lastFullRead = Number.NEGATIVE_INFINITY;
  /** How long the last full read took, ms: the safety net is spaced by it. */
  lastReadMs = 0;
  /** Why the last background re-read failed (the table kept is then older). */
  error: string | null = null;
  /** Full reads done, events applied (for tests and the bench). */
  fullReads = 0;
  eventsApplied = 0;

  constructor(
    private readonly spawn: StreamSpawner,
    private readonly now: () => number,
  ) {}

  get current(): readonly Route[] {
    return this.part?.ok ? this.part.value : [];
  }

  get resyncing(): boolean {
    return this.resync !== null;
  }

  /** A full read now, awaited (the first poll, or every poll without a monitor). */
  async read(): Promise<Part<Route[]>> {
    const start = this.now();
    this.lastFullRead = start;
    this.fullReads++;
    const r = await readRoutes(this.spawn, this.current, this.dumps);
    this.lastReadMs = this.now() - start;
    this.dumps = r.dumps;
    const p = this.keepIfSame(r.part);
    // A failed read does not lose the table the monitor keeps current; the poll reports the failure.
    if (p.ok || !this.part?.ok) this.part = p;
    return p;
  }

  /** A full read in the background; it lands on the first poll after it finished. */
  startResync(): void {
    if (this.resync) return;
    const start = this.now();
    this.lastFullRead = start;
    this.fullReads++;
    this.sinceResync = [];
    this.resync = readRoutes(this.spawn, this.current, this.dumps).then((r) => {
      this.lastReadMs = this.now() - start;
      this.dumps = r.dumps;
      this.landed = r.part;
      this.resync = null;
    });
  }

  /** Monitor events, applied now; the part's array changes only if a route did. */
  apply(events: RouteEvent[]): void {
    if (events.length === 0) return;
    if (this.resync) appendAll(this.sinceResync, events);
    this.eventsApplied += events.length;
    if (!this.part?.ok) return;
    const next = applyRouteEvents(this.part.value, events);
    if (next) this.part = { ok: true, value: next, warnings: this.part.warnings };
  }

  /** The part for this poll, with a finished re-read folded in. */
  take(): Part<Route[]> {
    if (this.landed) {
      const landed = this.landed;
      this.landed = null;
      let part = this.keepIfSame(landed);
      if (part.ok && this.sinceResync.length > 0) {
        const next = applyRouteEvents(part.value, this.sinceResync);
        if (next) part = { ok: true, value: next, warnings: part.warnings };
      }
      this.sinceResync = [];
      this.error = part.ok ? null : part.error;
      if (part.ok || !this.part?.ok) this.part = part;
    }
    return this.part ?? { ok: false, error: "routes not read yet", warnings: [] };
  }

  /** The same part object when nothing changed, so callers can compare by identity. */
  private keepIfSame(p: Part<Route[]>): Part<Route[]> {
    const old = this.part;
    if (old?.ok && p.ok && old.value === p.value && sameWarnings(old.warnings, p.warnings)) return old;
    return p;
  }

  /** Waits for a background re-read (tests, close). */
  async settled(): Promise<void> {
    await this.resync;
  }
}

function sameWarnings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}
