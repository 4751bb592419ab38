// The TUI's part of changing routes safely: the add-route form, the one
// confirmation every change goes through, what came of it, and the rollbacks
// counting down. Plain data and a pure reducer; the effects are in change-controller.ts.
import type { ImpactRow } from "../../core/impact.js";
import type { ChangedWays } from "../../core/impact-ways.js";
import type { RouteChange } from "../../core/model.js";
import type { PreparedChange, PreparedReset, PreparedUndo, ResetFlow } from "../change/runner.js";

export type FormField = "destination" | "gateway" | "card" | "metric" | "persistent";
export const FORM_FIELDS: readonly FormField[] = ["destination", "gateway", "card", "metric", "persistent"];

export interface RouteForm {
  /** A prefix, an address (a host route), or an address and a mask. */
  destination: string;
  gateway: string;
  /** The card's name, picked from the host's cards. */
  card: string | null;
  /** Blank: the system's default. */
  metric: string;
  persistent: boolean;
  focus: FormField;
  /** Where the cursor is in the focused text field; absent: at its end. */
  cursor?: number;
  /** What the host refused when the form was submitted (the route exists already, …). */
  error: { field: string; message: string } | null;
  /** Why the form opened pre-filled, e.g. "the gateway of int is unknown: type it". */
  note: string | null;
}

type ConfirmPayload =
  | { kind: "change"; prepared: PreparedChange; rest: RouteChange[] }
  | { kind: "undo"; prepared: PreparedUndo }
  | { kind: "reset"; prepared: PreparedReset };

/** Everything the confirmation shows; `commands` are the argv arrays that will run, in order. */
export interface Confirmation {
  title: string;
  commands: string[][];
  /** The commands that undo it (shown so the operator knows the way back). */
  revert: string[][];
  impact: ImpactRow[];
  /** New and retried connections that will leave another way (a route change only). */
  ways?: ChangedWays;
  operatorAffected: boolean;
  persistence: { note: string; snippet?: string } | null;
  warnings: string[];
  /** Why nothing will run (read-only, not privileged): then `y` runs nothing. */
  refusal: string | null;
  /** Seconds after the apply before it reverts by itself unless kept; 0 = no rollback. */
  rollbackAfterS: number;
  /** A fix made of several changes is confirmed one change at a time. */
  step: { index: number; count: number } | null;
  payload: ConfirmPayload;
}

export interface PendingRollback {
  id: string;
  /** "route add 10.0.0.0/8 via 192.168.1.254 dev int". */
  what: string;
  rollbackAt: number;
}

export interface ChangeOutcome {
  ok: boolean;
  lines: string[];
}

export interface ChangeUi {
  form: RouteForm | null;
  confirm: Confirmation | null;
  /** "applying: route add …" while a command runs. */
  busy: string | null;
  outcome: ChangeOutcome | null;
  rollbacks: PendingRollback[];
  /** Epoch ms of the last countdown tick: what the countdown is measured against. */
  clock: number;
  /** Connects stuck in SYN_SENT that the last change moved: `x` offers to close them. */
  resettable: ResetFlow[];
  /** From the journal at start: an interrupted change, a rollback whose watchdog died. */
  notice: string | null;
}

export function initialChangeUi(): ChangeUi {
  return {
    form: null,
    confirm: null,
    busy: null,
    outcome: null,
    rollbacks: [],
    clock: 0,
    notice: null,
    resettable: [],
  };
}

export type ChangeAction =
  | { type: "form-open"; form: RouteForm }
  | {
      type: "form-edit";
      patch: Partial<
        Pick<RouteForm, "destination" | "gateway" | "card" | "metric" | "persistent" | "cursor">
      >;
    }
  | { type: "form-focus"; field: FormField }
  | { type: "form-error"; field: string; message: string }
  | { type: "form-close" }
  | { type: "change-busy"; text: string | null }
  | { type: "confirm-open"; confirm: Confirmation }
  | { type: "confirm-close" }
  | {
      type: "change-outcome";
      outcome: ChangeOutcome | null;
      now: number;
      /** A rollback that now counts down. */
      rollback?: PendingRollback;
      /** Rollbacks that are over (kept, reverted, undone). */
      settled?: string[];
      /** The stuck connects this outcome offers to reset (replaces the offer; absent keeps it). */
      resettable?: ResetFlow[];
    }
  | { type: "change-tick"; now: number }
  | { type: "change-notice"; text: string | null; rollbacks?: PendingRollback[] };

const TYPES = new Set<string>([
  "form-open",
  "form-edit",
  "form-focus",
  "form-error",
  "form-close",
  "change-busy",
  "confirm-open",
  "confirm-close",
  "change-outcome",
  "change-tick",
  "change-notice",
]);

export function isChangeAction(a: { type: string }): a is ChangeAction {
  return TYPES.has(a.type);
}

export function changeReducer(ui: ChangeUi, a: ChangeAction): ChangeUi {
  switch (a.type) {
    case "form-open":
      return { ...ui, form: a.form, confirm: null, busy: null, outcome: null };
    case "form-edit":
      return ui.form ? { ...ui, form: { ...ui.form, ...a.patch, error: null } } : ui;
    case "form-focus":
      return ui.form ? { ...ui, form: { ...ui.form, focus: a.field, cursor: undefined } } : ui;
    case "form-error": {
      if (!ui.form) return ui;
      const field = FORM_FIELDS.find((f) => f === a.field);
      const focus = a.field === "interface" ? "card" : (field ?? ui.form.focus);
      return {
        ...ui,
        busy: null,
        form: { ...ui.form, focus, error: { field: a.field, message: a.message } },
      };
    }
    case "form-close":
      return { ...ui, form: null };
    case "change-busy":
      return { ...ui, busy: a.text };
    case "confirm-open":
      return { ...ui, confirm: a.confirm, form: null, busy: null, outcome: null };
    case "confirm-close":
      return { ...ui, confirm: null };
    case "change-outcome": {
      const gone = new Set(a.settled ?? []);
      if (a.rollback) gone.add(a.rollback.id);
      const rollbacks = ui.rollbacks.filter((r) => !gone.has(r.id));
      if (a.rollback) rollbacks.push(a.rollback);
      const resettable = a.resettable ?? ui.resettable;
      return { ...ui, busy: null, outcome: a.outcome ?? ui.outcome, rollbacks, clock: a.now, resettable };
    }
    case "change-tick":
      return a.now === ui.clock ? ui : { ...ui, clock: a.now };
    case "change-notice": {
      const known = new Set(ui.rollbacks.map((r) => r.id));
      const more = (a.rollbacks ?? []).filter((r) => !known.has(r.id));
      return { ...ui, notice: a.text, rollbacks: [...ui.rollbacks, ...more] };
    }
  }
}
