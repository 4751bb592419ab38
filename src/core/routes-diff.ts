// What changed between two route tables, cheaply: collectors that keep unchanged
// Route objects (the Linux monitor) make this a walk comparing pointers, and a
// table re-read from scratch (Windows, the demo) falls back to comparing fields.
// A million routes with a handful changed cost one walk, not a rebuilt index.
import type { NextHop, Route } from "./model.js";

export interface RoutesDelta {
  removed: Route[];
  added: Route[];
}

function sameHops(a: readonly NextHop[] | undefined, b: readonly NextHop[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as NextHop;
    const y = b[i] as NextHop;
    if (x.gateway !== y.gateway || x.interface !== y.interface || x.weight !== y.weight) return false;
  }
  return true;
}

/** Every field equal (the same route read twice). */
export function sameRoute(a: Route, b: Route): boolean {
  return (
    a === b ||
    (a.destination === b.destination &&
      a.family === b.family &&
      a.gateway === b.gateway &&
      a.interface === b.interface &&
      a.metric === b.metric &&
      a.table === b.table &&
      a.type === b.type &&
      a.persistent === b.persistent &&
      a.prefsrc === b.prefsrc &&
      a.protocol === b.protocol &&
      a.scope === b.scope &&
      sameHops(a.nexthops, b.nexthops))
  );
}

/** How far ahead to look for a route that moved because others were inserted or removed before it. */
const WINDOW = 16;

/**
 * The routes only in `prev` (removed) and only in `next` (added), matched in
 * order; null when more than `limit` changed (rebuilding is then cheaper).
 */
export function diffRoutes(
  prev: readonly Route[],
  next: readonly Route[],
  limit: number,
): RoutesDelta | null {
  const removed: Route[] = [];
  const added: Route[] = [];
  let i = 0;
  let j = 0;
  const over = () => removed.length + added.length > limit;
  while (i < prev.length && j < next.length) {
    const a = prev[i] as Route;
    const b = next[j] as Route;
    if (a === b || sameRoute(a, b)) {
      i++;
      j++;
      continue;
    }
    let moved = false;
    for (let k = 1; k <= WINDOW && j + k < next.length; k++)
      if (sameRoute(a, next[j + k] as Route)) {
        for (let m = 0; m < k; m++) added.push(next[j + m] as Route);
        j += k;
        moved = true;
        break;
      }
    if (!moved)
      for (let k = 1; k <= WINDOW && i + k < prev.length; k++)
        if (sameRoute(prev[i + k] as Route, b)) {
          for (let m = 0; m < k; m++) removed.push(prev[i + m] as Route);
          i += k;
          moved = true;
          break;
        }
    if (!moved) {
      removed.push(a);
      added.push(b);
      i++;
      j++;
    }
    if (over()) return null;
  }
  if (removed.length + added.length + (prev.length - i) + (next.length - j) > limit) return null;
  while (i < prev.length) removed.push(prev[i++] as Route);
  while (j < next.length) added.push(next[j++] as Route);
  return { removed, added };
}
