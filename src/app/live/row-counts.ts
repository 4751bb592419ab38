// The counts in the Connections title, taken from the rows the pane lists: a
// closed flow still shown with ✗ is counted, and said to be closed, so the
// title never says 2 wrong NIC above 3 rows marked ✗.
import type { ConnRow } from "./view-model.js";

export interface RowCounts {
  /** Rows listed (before the filter), closed ones included. */
  total: number;
  /** Of those, leaving the wrong card. */
  wrong: number;
  /** Of the wrong ones, closed since (shown dimmed for a few seconds). */
  wrongClosed: number;
  closed: number;
}

export function countRows(rows: readonly ConnRow[]): RowCounts {
  const c: RowCounts = { total: rows.length, wrong: 0, wrongClosed: 0, closed: 0 };
  for (const r of rows) {
    if (r.closed) c.closed++;
    if (r.conn.verdict !== "wrong-nic") continue;
    c.wrong++;
    if (r.closed) c.wrongClosed++;
  }
  return c;
}
