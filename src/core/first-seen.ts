// When each flow was first seen (AnalyzeOptions.firstSeen), kept across polls
// without rebuilding a 50,000-entry map every second: one map updated in place.
// Rows that come back as the same object in (about) the same place are known
// without a lookup; flows that are gone are forgotten at once, so a flow that
// comes back later is new again, as with a fresh map per poll.
import { connectionKey } from "./classify.js";
import type { Connection } from "./model.js";

export class FirstSeenTracker {
  private readonly first = new Map<string, number>();
  private prevRows: readonly Connection[] = [];
  private prevKeys: string[] = [];
  /** The array before last, reused: a 50,000-entry array a poll is garbage V8 would keep for a while. */
  private spare: string[] = [];

  /** The map for this poll: connectionKey → epoch ms first seen. The same Map object every poll. */
  update(connections: readonly Connection[], now: number): ReadonlyMap<string, number> {
    const keys = this.spare;
    const prev = this.prevRows;
    const prevKeys = this.prevKeys;
    /** Last poll's keys whose rows were not found in place, and this poll's keys found otherwise. */
    const skipped: string[] = [];
    const other = new Set<string>();
    let cursor = 0;
    for (let i = 0; i < connections.length; i++) {
      const c = connections[i] as Connection;
      if (prev[cursor] === c) {
        keys[i] = prevKeys[cursor++] as string;
        continue;
      }
      if (prev[cursor + 1] === c) {
        skipped.push(prevKeys[cursor] as string);
        keys[i] = prevKeys[cursor + 1] as string;
        cursor += 2;
        continue;
      }
      const k = connectionKey(c);
      keys[i] = k;
      other.add(k);
      if (!this.first.has(k)) this.first.set(k, now);
    }
    for (let j = cursor; j < prev.length; j++) skipped.push(prevKeys[j] as string);
    for (const k of skipped) if (!other.has(k)) this.first.delete(k);
    keys.length = connections.length;
    this.spare = prevKeys;
    this.prevRows = connections;
    this.prevKeys = keys;
    return this.first;
  }
}
