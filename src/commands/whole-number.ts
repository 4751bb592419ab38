// Whole-number options and arguments (ports, timeouts, intervals, seconds), checked
// before anything runs: a bad one gets one line that names it and says the range.
import { CliError } from "./context.js";

export function wholeIn(text: string, what: string, min: number, max: number, unit = "a number"): number {
  const t = text.trim();
  const n = Number(t);
  if (!/^\d{1,10}$/.test(t) || n < min || n > max)
    throw new CliError(`${what} "${text}" is not ${unit} from ${min} to ${max}`);
  return n;
}
