// The one confirmation every change goes through, in place of the panes.
import { Box, Text } from "ink";
import type { Confirmation } from "../app/live/change-state.js";
import { confirmLines } from "./confirm-lines.js";
import { cell, type Glyphs } from "./glyphs.js";

interface ConfirmBoxProps {
  confirm: Confirmation;
  width: number;
  height: number;
  g: Glyphs;
  color: boolean;
}

export function ConfirmBox({ confirm, width, height, g, color }: ConfirmBoxProps) {
  const lines = confirmLines(confirm, width, height, g);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.map((l, i) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: lines of one dialog, in order
          key={i}
          bold={l.bold}
          dimColor={l.dim}
          inverse={l.inverse}
          color={color ? l.color : undefined}
        >
          {cell(g, l.text, width)}
        </Text>
      ))}
    </Box>
  );
}
