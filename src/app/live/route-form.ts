// The add-route form's rules: which cards can be picked, how a destination may
// be typed (a prefix, an address, an address and a mask, as route.exe takes it),
// and what is wrong with the input, checked on every key press with the same
// validation the change runner applies before any argv is built.
import { formatPrefix, maskToLen, parseAddr, parsePrefix } from "../../core/ip.js";
import type { NetInterface, RouteChange } from "../../core/model.js";
import { ValidationError, validateChange } from "../../core/route-change.js";
import { FORM_FIELDS, type FormField, type RouteForm } from "./change-state.js";

interface CardChoice {
  label: string;
  value: string;
}

const isLoopback = (c: NetInterface) =>
  c.addresses.length > 0 && c.addresses.every((a) => a.address === "::1" || a.address.startsWith("127."));

/** The host's cards, the ones that can carry a routed flow first. */
export function cardChoices(cards: readonly NetInterface[]): CardChoice[] {
  const rank = (c: NetInterface) => (isLoopback(c) ? 2 : c.up && c.addresses.length > 0 ? 0 : 1);
  return [...cards]
    .sort((a, b) => rank(a) - rank(b))
    .map((c) => {
      const addrs = c.addresses
        .filter((a) => a.family === 4)
        .map((a) => `${a.address}/${a.prefixLen}`)
        .slice(0, 2)
        .join(" ");
      const state = c.up ? "" : "  (down)";
      return { value: c.name, label: `${c.name}  ${addrs || "no IPv4 address"}  #${c.index}${state}` };
    });
}

export interface FormPrefill {
  destination?: string;
  gateway?: string;
  card?: string | null;
  note?: string;
}

/** `persistent`: the default of the last field; false where changes are live only (a lab namespace). */
export function newForm(
  cards: readonly NetInterface[],
  prefill: FormPrefill = {},
  persistent = true,
): RouteForm {
  const choices = cardChoices(cards);
  const card = choices.find((c) => c.value === prefill.card)?.value ?? choices[0]?.value ?? null;
  const destination = prefill.destination ?? "";
  return {
    destination,
    gateway: prefill.gateway ?? "",
    card,
    metric: "",
    persistent,
    // Pre-filled with a destination: what is missing is the gateway.
    focus: destination ? "gateway" : "destination",
    error: null,
    note: prefill.note ?? null,
  };
}

/** "10.0.0.0/8", "10.1.1.20", "10.0.0.0 255.0.0.0", "10.0.0.0 mask 255.0.0.0" → a prefix. */
export function parseDestination(text: string): { prefix: string } | { error: string } {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  if (parts[1]?.toLowerCase() === "mask") parts.splice(1, 1);
  const [addr, mask, extra] = parts;
  const example = "e.g. 10.0.0.0/8, 10.1.1.20 or 10.0.0.0 255.0.0.0";
  if (!addr) return { error: `type a destination: ${example}` };
  if (extra !== undefined) return { error: `"${text.trim()}" is not a destination: ${example}` };
  let candidate = addr;
  if (mask !== undefined) {
    const a = parseAddr(addr);
    if (a?.family !== 4 || addr.includes("/"))
      return { error: `"${addr}" is not an IPv4 address to go with the mask ${mask}` };
    const len = maskToLen(mask);
    if (len === null) return { error: `"${mask}" is not a netmask such as 255.0.0.0` };
    candidate = `${addr}/${len}`;
  }
  const strict = parsePrefix(candidate, { strict: true });
  if (strict) return { prefix: formatPrefix(strict) };
  const loose = parsePrefix(candidate);
  if (loose) return { error: `${candidate} has host bits set: did you mean ${formatPrefix(loose)}?` };
  return { error: `"${addr}" is not an address or prefix: ${example}` };
}

interface FormCheck {
  /** The change the form describes, when it is valid. */
  change: RouteChange | null;
  errors: Partial<Record<FormField, string>>;
}

const FIELD_OF: Record<string, FormField> = {
  destination: "destination",
  gateway: "gateway",
  interface: "card",
  metric: "metric",
};

/** What is wrong with the form now; run on every key press. */
export function checkForm(form: RouteForm, cards: readonly NetInterface[]): FormCheck {
  const errors: Partial<Record<FormField, string>> = {};
  const dest = parseDestination(form.destination);
  if ("error" in dest) errors.destination = dest.error;
  const metricText = form.metric.trim();
  if (metricText !== "" && !/^\d{1,4}$/.test(metricText))
    errors.metric = `metric "${metricText}" is not a whole number from 0 to 9999`;
  if (!form.card) errors.card = "pick the card the route leaves by";
  const gw = form.gateway.trim();
  // As `dualhome route add --via`: a pinned route names its gateway (an on-link 10/8 is rarely meant).
  if (gw === "") errors.gateway = `type the gateway: the router on ${form.card ?? "the card"}'s subnet`;
  const change: RouteChange = {
    action: "add",
    destination: "prefix" in dest ? dest.prefix : form.destination.trim(),
    gateway: gw === "" ? null : gw,
    interface: form.card,
    ...(metricText !== "" && !errors.metric ? { metric: Number(metricText) } : {}),
    persistent: form.persistent,
  };
  try {
    validateChange(change, cards);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const field = FIELD_OF[e.field] ?? "destination";
    errors[field] ??= e.message;
  }
  if (form.error) {
    const field = FIELD_OF[form.error.field] ?? "destination";
    errors[field] ??= form.error.message;
  }
  return { change: Object.keys(errors).length === 0 ? change : null, errors };
}

/** The card `step` places away in the list (wrapping round), or the `index`-th; null when there is none. */
export function pickCard(
  form: RouteForm,
  cards: readonly NetInterface[],
  move: { step: number } | { index: number },
): string | null {
  const choices = cardChoices(cards);
  const n = choices.length;
  if (n === 0) return null;
  if ("index" in move) return choices[move.index]?.value ?? null;
  const at = Math.max(
    0,
    choices.findIndex((c) => c.value === form.card),
  );
  return choices[(((at + move.step) % n) + n) % n]?.value ?? null;
}

export function nextField(field: FormField, delta: 1 | -1): FormField {
  const i = FORM_FIELDS.indexOf(field);
  const n = FORM_FIELDS.length;
  return FORM_FIELDS[(i + delta + n) % n] ?? "destination";
}

/** The first field with an error, in form order. */
export function firstError(check: FormCheck): FormField | null {
  return FORM_FIELDS.find((f) => check.errors[f] !== undefined) ?? null;
}
