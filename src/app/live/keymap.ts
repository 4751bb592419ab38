// Every key of the TUI in one table: the help screen, the key bar and the
// input handler all read it, so they cannot drift apart.
import { ownValue } from "../../core/own-key.js";

export type Command =
  | "quit"
  | "help"
  | "next-pane"
  | "up"
  | "down"
  | "page-up"
  | "page-down"
  | "top"
  | "bottom"
  | "filter"
  | "wrong-only"
  | "pause"
  | "refresh"
  | "explain"
  | "probe"
  | "dismiss"
  | "add-route"
  | "delete-route"
  | "fix"
  | "undo"
  | "reset"
  | "keep"
  | "confirm"
  | "guided"
  | "detail"
  | "sort"
  | "sort-reverse";

export interface KeySpec {
  command: Command;
  /** As shown to people. */
  keys: string;
  /** Short, for the key bar. */
  label: string;
  help: string;
  /** False for keys whose feature is not built yet: they answer "not yet". */
  available: boolean;
  /** Lower shows first in the key bar; undefined = help only. */
  bar?: number;
}

export const KEYS: readonly KeySpec[] = [
  {
    command: "add-route",
    keys: "a",
    label: "add route",
    help: "add a route pinned to a card (a form, then the confirmation)",
    available: true,
    bar: 5,
  },
  {
    command: "delete-route",
    keys: "d",
    label: "delete",
    help: "delete the route selected in Routes",
    available: true,
    bar: 6,
  },
  {
    command: "fix",
    keys: "f",
    label: "fix",
    help: "fix the selected finding or wrong flow (else the first error)",
    available: true,
    bar: 4,
  },
  {
    command: "guided",
    keys: "F",
    label: "guided fix",
    help: "the guided fix, step by step (the live screen comes back after it)",
    available: true,
  },
  {
    command: "probe",
    keys: "p",
    label: "probe",
    help: "probe host:port (a TCP connect, shown live)",
    available: true,
    bar: 2,
  },
  {
    command: "explain",
    keys: "e",
    label: "explain",
    help: "explain which way a destination goes",
    available: true,
    bar: 3,
  },
  { command: "undo", keys: "u", label: "undo", help: "undo the last change", available: true, bar: 7 },
  {
    command: "reset",
    keys: "x",
    label: "reset stuck",
    help: "after a fix: close the connects it left stuck in SYN_SENT (ss -K), so the retry takes the new way",
    available: true,
  },
  {
    command: "confirm",
    keys: "y n",
    label: "confirm",
    help: "in a confirmation: y applies, n or Esc cancels",
    available: true,
  },
  {
    command: "keep",
    keys: "c",
    label: "keep",
    help: "keep (confirm) the change counting down; any other key leaves it to revert",
    available: true,
  },
  {
    command: "filter",
    keys: "/",
    label: "filter",
    help: "filter this pane as you type (Enter keeps, Esc clears)",
    available: true,
    bar: 1,
  },
  {
    command: "wrong-only",
    keys: "w",
    label: "wrong only",
    help: "show only flows that are not ok",
    available: true,
    bar: 1,
  },
  {
    command: "sort",
    keys: "s",
    label: "sort",
    help: "sort this pane by its next column (wrong NIC first is the default)",
    available: true,
  },
  {
    command: "sort-reverse",
    keys: "S",
    label: "reverse",
    help: "reverse this pane's order",
    available: true,
  },
  {
    command: "pause",
    keys: "space",
    label: "pause",
    help: "pause / resume polling",
    available: true,
    bar: 8,
  },
  { command: "refresh", keys: "r", label: "refresh", help: "poll now", available: true, bar: 9 },
  {
    command: "next-pane",
    keys: "Tab",
    label: "pane",
    help: "next pane: Routes, Connections, Findings",
    available: true,
  },
  { command: "up", keys: "↑ k", label: "up", help: "move up", available: true },
  { command: "down", keys: "↓ j", label: "down", help: "move down", available: true },
  { command: "page-up", keys: "PgUp", label: "page up", help: "one page up", available: true },
  { command: "page-down", keys: "PgDn", label: "page down", help: "one page down", available: true },
  { command: "top", keys: "g Home", label: "top", help: "first row", available: true },
  { command: "bottom", keys: "G End", label: "bottom", help: "last row", available: true },
  {
    command: "dismiss",
    keys: "Esc",
    label: "close",
    help: "close the prompt or the answer",
    available: true,
  },
  {
    command: "detail",
    keys: "Enter",
    label: "detail",
    help: "the selected flow, route or finding in full: its route, card, gateway, source, why, and what applies",
    available: true,
  },
  { command: "help", keys: "?", label: "help", help: "this help", available: true, bar: 0 },
  { command: "quit", keys: "q", label: "quit", help: "quit (also Ctrl-C)", available: true, bar: 0 },
];

/** The subset of Ink's Key the map needs (src/app does not import React or Ink). */
interface KeyPress {
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  tab?: boolean;
  escape?: boolean;
  return?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

const BY_CHAR: Record<string, Command> = {
  q: "quit",
  "?": "help",
  k: "up",
  j: "down",
  g: "top",
  G: "bottom",
  // Keeping is a deliberate act (issue 12): its key moves nothing, opens nothing and
  // is not a shifted moving key, so no navigation habit (vim's k, less's g) keeps a change.
  c: "keep",
  "/": "filter",
  w: "wrong-only",
  " ": "pause",
  r: "refresh",
  e: "explain",
  p: "probe",
  a: "add-route",
  d: "delete-route",
  f: "fix",
  F: "guided",
  u: "undo",
  x: "reset",
  s: "sort",
  S: "sort-reverse",
};

export function commandFor(input: string, key: KeyPress): Command | null {
  if (key.upArrow) return "up";
  if (key.downArrow) return "down";
  if (key.pageUp) return "page-up";
  if (key.pageDown) return "page-down";
  if (key.home) return "top";
  if (key.end) return "bottom";
  if (key.tab) return "next-pane";
  if (key.escape) return "dismiss";
  if (key.return) return "detail";
  if (key.ctrl || key.meta) return null;
  return ownValue(BY_CHAR, input) ?? null;
}

export function specOf(command: Command): KeySpec | undefined {
  return KEYS.find((k) => k.command === command);
}
