// Keys while changing a route: the confirmation takes only y, n and Esc (a
// stray key must not start something else mid-confirmation); the add form
// takes typing, Tab and arrows between fields, Enter to review, Esc to leave.
import type { Key } from "ink";
import type { ChangeController } from "../app/live/change-controller.js";
import type { RouteForm } from "../app/live/change-state.js";
import type { Command } from "../app/live/keymap.js";
import { editLine, lineEditFor } from "../app/live/line-edit.js";
import { nextField, pickCard } from "../app/live/route-form.js";
import type { Action, AppState } from "../app/live/state.js";
import type { Store } from "../app/store.js";
import type { NetInterface } from "../core/model.js";

interface ChangeKeyContext {
  store: Store<AppState, Action>;
  changes?: ChangeController | undefined;
  noChanges?: string | undefined;
}

const UNAVAILABLE = "route changes are not available here";

/** a, d, f, u, c: the change commands, or why they do nothing here. */
export function changeActions(ctx: ChangeKeyContext): Partial<Record<Command, () => void>> {
  const c = ctx.changes;
  const say = () => ctx.store.dispatch({ type: "status", text: ctx.noChanges ?? UNAVAILABLE });
  return {
    "add-route": c ? () => c.openAdd() : say,
    "delete-route": c ? () => void c.deleteSelected() : say,
    fix: c ? () => void c.fix() : say,
    undo: c ? () => c.undo() : say,
    reset: c ? () => c.reset() : say,
    // The only way to keep a change from the live screen: no other key settles a countdown.
    keep: c ? () => c.keep() : say,
  };
}

type FormText = "destination" | "gateway" | "metric";

/**
 * The card list is drawn by ink-select-input but moved from here: keys typed ahead
 * (a slow link delivers them together) arrive before the list has mounted, and a
 * lost arrow would leave the route on the card the operator did not mean.
 */
function cardKey(ctx: ChangeKeyContext, form: RouteForm, cards: NetInterface[], input: string, key: Key) {
  const up = key.upArrow || input === "k";
  const down = key.downArrow || input === "j";
  const digit = /^[1-9]$/.test(input) ? Number(input) - 1 : null;
  const move = up ? { step: -1 } : down ? { step: 1 } : digit !== null ? { index: digit } : null;
  const card = move ? pickCard(form, cards, move) : null;
  if (card) ctx.store.dispatch({ type: "form-edit", patch: { card } });
  else if (key.return) ctx.store.dispatch({ type: "form-focus", field: nextField("card", 1) });
}

function formKey(ctx: ChangeKeyContext, s: AppState, form: RouteForm, input: string, key: Key): void {
  const snap = s.analysis?.snapshot;
  const cards = snap?.interfaces.ok ? snap.interfaces.value : [];
  const send = (a: Action) => ctx.store.dispatch(a);
  if (key.escape) {
    send({ type: "form-close" });
    send({ type: "status", text: "cancelled: nothing was changed" });
    return;
  }
  const move = key.tab
    ? key.shift
      ? -1
      : 1
    : form.focus === "card"
      ? 0
      : key.upArrow
        ? -1
        : key.downArrow
          ? 1
          : 0;
  if (move !== 0) send({ type: "form-focus", field: nextField(form.focus, move) });
  else if (form.focus === "card") cardKey(ctx, form, cards, input, key);
  else if (key.return) void ctx.changes?.submitForm();
  else if (form.focus === "persistent") {
    const toggle = input === " " || key.leftArrow || key.rightArrow;
    const value = input === "y" ? true : input === "n" ? false : toggle ? !form.persistent : null;
    if (value !== null) send({ type: "form-edit", patch: { persistent: value } });
  } else textKey(ctx, form, form.focus, input, key);
}

/** The same line editing as the prompts (line-edit.ts), without history: ↑ ↓ move between fields. */
function textKey(ctx: ChangeKeyContext, form: RouteForm, field: FormText, input: string, key: Key): void {
  const edit = lineEditFor(input, key);
  if (!edit || edit.type === "history") return;
  const text = form[field];
  const line = {
    text,
    cursor: Math.min(form.cursor ?? text.length, text.length),
    history: [],
    historyAt: null,
    draft: "",
  };
  const next = editLine(line, edit);
  if (next !== line)
    ctx.store.dispatch({ type: "form-edit", patch: { [field]: next.text, cursor: next.cursor } });
}

/** True when the key belonged to the confirmation or the form. */
export function changeKey(ctx: ChangeKeyContext, s: AppState, input: string, key: Key): boolean {
  if (s.change.confirm) {
    if (input === "y" || input === "Y") void ctx.changes?.confirm();
    else if (input === "n" || input === "N" || key.escape) {
      if (ctx.changes) ctx.changes.cancel();
      else ctx.store.dispatch({ type: "confirm-close" });
    }
    return true;
  }
  if (s.change.form) {
    formKey(ctx, s, s.change.form, input, key);
    return true;
  }
  return false;
}
