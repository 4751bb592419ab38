// `a`: the add-route form, checked on every key press with the validation the
// change runner applies; the card is picked from the host's own cards.
import { Box, Text } from "ink";
import SelectInput from "ink-select-input";
import { useMemo } from "react";
import type { FormField, RouteForm } from "../app/live/change-state.js";
import { cardChoices, checkForm } from "../app/live/route-form.js";
import type { NetInterface } from "../core/model.js";
import { cell, type Glyphs } from "./glyphs.js";

interface RouteFormBoxProps {
  form: RouteForm;
  cards: readonly NetInterface[];
  busy: string | null;
  width: number;
  height: number;
  g: Glyphs;
  color: boolean;
}

const LABELS: Record<FormField, string> = {
  destination: "Destination",
  gateway: "Gateway",
  card: "Card",
  metric: "Metric",
  persistent: "Persistent",
};
const HINTS: Record<FormField, string> = {
  destination: "prefix, address, or address + mask (10.0.0.0 255.0.0.0)",
  gateway: "the router on the card's subnet",
  card: "↑ ↓ or 1-9 picks, Enter or Tab moves on",
  metric: "blank = the system's default",
  persistent: "space toggles: survives a reboot",
};
const TEXT_FIELDS = ["destination", "gateway"] as const;

export function RouteFormBox(p: RouteFormBoxProps) {
  const { form, g, width } = p;
  const check = useMemo(() => checkForm(form, p.cards), [form, p.cards]);
  const choices = useMemo(() => cardChoices(p.cards), [p.cards]);
  const red = p.color ? "red" : undefined;
  const line = (field: FormField, value: string) => {
    const focused = form.focus === field;
    const mark = focused ? g.probe : " ";
    // The caret stands where the cursor is (← → Home End move it).
    const at = focused && field !== "persistent" ? Math.min(form.cursor ?? value.length, value.length) : -1;
    const shown = at < 0 ? value : `${value.slice(0, at)}${g.caret}${value.slice(at)}`;
    const text = `${mark} ${LABELS[field].padEnd(12)} ${shown}`;
    const hint = focused ? `   ${HINTS[field]}` : "";
    return (
      <Text key={field} bold={focused}>
        {cell(g, text + hint, width)}
      </Text>
    );
  };
  const error = (field: FormField) => {
    const e = check.errors[field];
    return e ? (
      <Text key={`${field}-error`} color={red}>
        {cell(g, `      ${g.wrong} ${e}`, width)}
      </Text>
    ) : null;
  };
  const selected = Math.max(
    0,
    choices.findIndex((c) => c.value === form.card),
  );
  const footer = p.busy
    ? `${g.more} ${p.busy}`
    : check.change
      ? `Enter shows the exact command to confirm ${g.sep} Tab next field ${g.sep} Esc cancels`
      : `fix the field marked ${g.wrong} ${g.sep} Tab next field ${g.sep} Esc cancels`;
  return (
    <Box flexDirection="column" width={width} height={p.height}>
      <Text bold>{cell(g, "Add a route pinned to a card", width)}</Text>
      {form.note ? <Text color={p.color ? "yellow" : undefined}>{cell(g, form.note, width)}</Text> : null}
      {TEXT_FIELDS.flatMap((f) => [line(f, form[f]), error(f)])}
      {form.focus === "card" ? (
        <Box flexDirection="row">
          <Text bold>{`${g.probe} ${LABELS.card.padEnd(12)} `}</Text>
          {/* Keys are handled in change-keys.ts (type-ahead safe); a new card remounts the list. */}
          <SelectInput
            key={form.card ?? ""}
            items={choices}
            initialIndex={selected}
            limit={4}
            isFocused={false}
            indicatorComponent={({ isSelected }) => <Text>{isSelected ? `${g.arrow} ` : "  "}</Text>}
            itemComponent={({ isSelected, label }) => (
              <Text bold={isSelected}>{cell(g, label, Math.max(10, width - 18))}</Text>
            )}
          />
        </Box>
      ) : (
        line("card", choices.find((c) => c.value === form.card)?.label ?? "(none)")
      )}
      {error("card")}
      {line("metric", form.metric)}
      {error("metric")}
      {line("persistent", form.persistent ? "[x] yes" : "[ ] no")}
      <Text> </Text>
      <Text inverse bold>
        {cell(g, footer, width)}
      </Text>
    </Box>
  );
}
