// Where the intent behind a verdict comes from, and what counts as evidence that
// a guessed intent is right: an inferred intent is a hypothesis (docs/ARCHITECTURE.md, "Intent and policy"),
// worth an error only when the traffic is seen to suffer.
import type { Basis } from "./model.js";

/** A probe (`dualhome probe`, `p`) that timed out: to where, and by which card it left. */
export interface ProbeTimeout {
  address: string;
  interface: string | null;
}

export interface Intent {
  basis: Extract<Basis, "policy" | "inferred">;
  /** The guess in words ("assuming int is the internal card because …"); null with a policy file. */
  guess: string | null;
  /** Why the host does not say which card is internal; empty when the guess stands. */
  ambiguous: string[];
}

export const POLICY_INTENT: Intent = { basis: "policy", guess: null, ambiguous: [] };

export const HOW_TO_CONFIRM = "confirm it with a --policy file or `dualhome fix` (the guided fix asks)";

/** SYN_SENT however written; the length test spares 50,000 upper-casings a poll. */
export function isSynSent(state: string): boolean {
  return state === "SYN_SENT" || (state.length === 8 && state.toUpperCase().replace("-", "_") === "SYN_SENT");
}
