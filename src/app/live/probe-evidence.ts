// What the live screen's probes (`p`) prove: a probe that timed out on a card is
// evidence against a guessed intent (core/intent.ts), kept for the session so
// every later analysis reads it, until a probe answered by the same way says
// the path works after all.
import type { ProbeTimeout } from "../../core/intent.js";
import type { Analysis } from "../../core/model.js";
import type { ProbeResult } from "../probe.js";

/** Enough for a session of probing by hand; an old timeout says little about the host now. */
export const PROBE_MEMORY = 32;

export interface ProbeEvidence {
  /** Oldest first; a new array after each change, the same one otherwise. */
  readonly timeouts: readonly ProbeTimeout[];
  /** Takes in a finished probe; true when the evidence changed (analyse again). */
  note(result: ProbeResult, card: string | null): boolean;
}

export function createProbeEvidence(limit = PROBE_MEMORY): ProbeEvidence {
  let timeouts: readonly ProbeTimeout[] = [];
  return {
    get timeouts() {
      return timeouts;
    },
    note(result, card) {
      // Without the card the SYN left by, a timeout says nothing about which card is wrong.
      if (card === null) return false;
      const others = timeouts.filter((t) => t.address !== result.host || t.interface !== card);
      if (result.outcome === "timeout") {
        timeouts = [...others, { address: result.host, interface: card }].slice(-limit);
        return true;
      }
      // A refusal is an answer too: the reset came back, so the way works.
      const answered = result.outcome === "connected" || result.outcome === "refused";
      if (!answered || others.length === timeouts.length) return false;
      timeouts = others;
      return true;
    },
  };
}

/**
 * The card a probe left by: its flow's egress as last polled (the probe polls
 * as it starts, so its SYN_SENT is seen), else the card owning its source
 * address, which is the card it leaves by on a strong host (Windows) and the
 * usual one on Linux, where the source is picked from the outgoing card.
 */
export function probeCard(analysis: Analysis | null, r: ProbeResult): string | null {
  if (!analysis || r.source === null) return null;
  const flow = analysis.connections.find(
    (c) =>
      c.protocol === "tcp" &&
      c.local.address === r.source &&
      c.local.port === r.sourcePort &&
      c.remote.address === r.host &&
      c.remote.port === r.port,
  );
  if (flow?.egress.interface) return flow.egress.interface;
  const cards = analysis.snapshot.interfaces.ok ? analysis.snapshot.interfaces.value : [];
  return cards.find((i) => i.addresses.some((a) => a.address === r.source))?.name ?? null;
}
