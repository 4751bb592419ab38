// What applying a change (a route, or a guided-fix extra) reports back.

export interface ApplyOptions {
  /** Revert automatically after this many seconds unless kept; 0 or absent = no rollback. */
  rollbackAfterS?: number;
  /** The guided fix this change is a step of (journaled, so `undo` can offer the whole fix). */
  group?: string;
}

export interface ApplyOutcome {
  /** applied: ran and verified; unverified: ran but the table disagrees; failed: the command (or the journal) failed. */
  status: "applied" | "unverified" | "failed" | "refused";
  /** The journal id; null when nothing was journaled. */
  id: string | null;
  /** One line for people. */
  message: string;
  rollbackAt: number | null;
  watchdogPid: number | null;
  persisted: boolean;
  warnings: string[];
}

export const outcome = (
  o: Partial<ApplyOutcome> & Pick<ApplyOutcome, "status" | "message">,
): ApplyOutcome => ({
  id: null,
  rollbackAt: null,
  watchdogPid: null,
  persisted: false,
  warnings: [],
  ...o,
});
