// A question answered by picking: ink-select-input with the suggestion first
// and, beside each answer, why it is offered.
import { Text } from "ink";
import SelectInput from "ink-select-input";
import type { Choice } from "../../app/fix/types.js";
import { cell, type Glyphs } from "../glyphs.js";

interface ChoiceListProps {
  choices: readonly Choice[];
  onSelect: (value: string) => void;
  g: Glyphs;
  width: number;
  limit: number;
}

export function ChoiceList({ choices, onSelect, g, width, limit }: ChoiceListProps) {
  const items = choices.map((c) => ({ key: c.value, value: c.value, label: `${c.label}  (${c.note})` }));
  return (
    <SelectInput
      items={items}
      limit={Math.max(1, limit)}
      onSelect={(item) => onSelect(item.value)}
      indicatorComponent={({ isSelected }) => <Text>{isSelected ? `${g.probe} ` : "  "}</Text>}
      itemComponent={({ isSelected, label }) => (
        <Text bold={isSelected}>{cell(g, label, Math.max(10, width - 2))}</Text>
      )}
    />
  );
}
