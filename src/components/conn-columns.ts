// The Connections pane's columns, sized by what the rows on screen hold. The
// verdict and the card a flow leaves by (→ the one it should use) are never cut:
// they are the question the screen answers. Then the state and the remote end,
// the local end, the PID and the process; names that do not fit are shortened in
// the middle, and the detail view (Enter) shows them whole.
import type { ConnRow } from "../app/live/view-model.js";
import { VERDICT_WORDS } from "../app/live/view-model.js";
import { endpointText } from "../core/classify.js";
import type { ClassifiedConnection } from "../core/model.js";
import { type Glyphs, plain } from "./glyphs.js";
import { widthOf } from "./text-cells.js";

/** Column widths in display columns, each counting the space after it; 0 = not shown. */
export interface ConnColumns {
  mark: number;
  local: number;
  remote: number;
  state: number;
  /** Long state names (ESTABLISHED) or the short ones (ESTAB). */
  longStates: boolean;
  via: number;
  verdict: number;
  pid: number;
  process: number;
}

/** The widest text of each column among some rows (display columns, without the space). */
interface ConnTexts {
  local: number;
  remote: number;
  state: number;
  shortState: number;
  via: number;
  verdict: number;
  pid: number;
  process: number;
}

export const SHORT_STATES: Record<string, string> = {
  ESTABLISHED: "ESTAB",
  SYN_RECEIVED: "SYN_RCVD",
  LISTENING: "LISTEN",
  FIN_WAIT_1: "FIN_WAIT1",
  FIN_WAIT_2: "FIN_WAIT2",
  CLOSE_WAIT: "CLOSE_WT",
};

/** "ext→int" when the flow leaves the wrong card, else the card it leaves by. */
export function viaText(g: Glyphs, c: ClassifiedConnection): string {
  const out = c.egress.interface ?? "-";
  if (c.verdict === "wrong-nic" && c.expected) return `${out}${g.arrow}${c.expected.interface}`;
  return out;
}

export function verdictText(c: ClassifiedConnection): string {
  return c.verdict === "ok" ? "" : VERDICT_WORDS[c.verdict];
}

/** What the rows hold, at least as wide as the headers. */
export function connTexts(g: Glyphs, rows: readonly ConnRow[]): ConnTexts {
  const t: ConnTexts = {
    local: 5,
    remote: 6,
    state: 5,
    shortState: 5,
    via: 2,
    verdict: 0,
    pid: 0,
    process: 0,
  };
  for (const { conn: c } of rows) {
    t.local = Math.max(t.local, endpointText(c.local).length);
    t.remote = Math.max(t.remote, endpointText(c.remote).length);
    t.state = Math.max(t.state, c.state.length);
    t.shortState = Math.max(t.shortState, (SHORT_STATES[c.state] ?? c.state).length);
    t.via = Math.max(t.via, widthOf(plain(g, viaText(g, c))));
    t.verdict = Math.max(t.verdict, verdictText(c).length);
    if (c.pid !== null && c.pid > 0) t.pid = Math.max(t.pid, 3, String(c.pid).length);
    if (c.process) t.process = Math.max(t.process, 7, widthOf(plain(g, c.process)));
  }
  if (t.verdict > 0) t.verdict = Math.max(t.verdict, 7);
  return t;
}

const ADDR_SHARE = 22; // any IPv4 endpoint; longer (IPv6) ones get more only when room is left
const ADDR_MIN = 12;
const PROCESS_MIN = 8;

/** Widths for a pane `width` wide (with its two border columns). */
export function connColumns(width: number, t: ConnTexts): ConnColumns {
  const inner = width - 2;
  const mark = 3;
  const verdict = t.verdict > 0 ? t.verdict + 1 : 0;
  // Never cut; only a pane too narrow to hold anything else caps it.
  const via = Math.min(t.via + 1, Math.max(12, inner - mark - verdict - 8));
  let room = inner - mark - verdict - via;
  const state = Math.min(t.shortState + 1, Math.max(0, room));
  room -= state;
  // The remote end says where the flow goes; the local end mostly repeats the card.
  let local = 0;
  let remote = Math.min(t.remote + 1, Math.max(0, room));
  if (room >= 2 * ADDR_MIN) {
    const share = Math.floor(room / 2);
    local = Math.min(t.local + 1, ADDR_SHARE, share);
    remote = Math.min(t.remote + 1, ADDR_SHARE, room - local);
    local = Math.min(t.local + 1, ADDR_SHARE, room - remote);
  }
  let left = room - local - remote;
  let longState = state;
  if (t.state + 1 > state && left >= t.state + 1 - state) {
    left -= t.state + 1 - state;
    longState = t.state + 1;
  }
  let pid = 0;
  let process = 0;
  if (t.pid > 0 && left >= t.pid + 1 + (t.process > 0 ? PROCESS_MIN : 0)) {
    pid = t.pid + 1;
    left -= pid;
  }
  if (t.process > 0 && left >= PROCESS_MIN) process = PROCESS_MIN;
  left -= process;
  // What is left grows the cut addresses to their whole length, then the process name.
  const growLocal = Math.min(left, Math.max(0, t.local + 1 - local));
  local += local > 0 ? growLocal : 0;
  left -= local > 0 ? growLocal : 0;
  const growRemote = Math.min(left, Math.max(0, t.remote + 1 - remote));
  remote += growRemote;
  left -= growRemote;
  if (process > 0) process += left;
  return {
    mark,
    local,
    remote,
    state: longState,
    longStates: longState >= t.state + 1,
    via,
    verdict,
    pid,
    process,
  };
}

/** The width the pane would need to show every column whole. */
export function connWidthNeed(t: ConnTexts): number {
  const cols = [t.local, t.remote, t.state, t.via, t.verdict, t.pid, t.process];
  return 2 + 3 + cols.reduce((sum, w) => sum + (w > 0 ? w + 1 : 0), 0);
}
