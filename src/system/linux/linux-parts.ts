// A poll's parts from command outputs: each part succeeds or fails on its own,
// IPv6 failing (a kernel booted without it) is only a warning on the IPv4 part.

import { appendAll } from "../../core/append-all.js";
import { errorText } from "../../core/errors.js";
import type { Part } from "../../core/model.js";
import { commandFailure, errorPart, okPart } from "../parts/part.js";

interface Parsed<T> {
  value: T;
  warnings: string[];
  error?: string | undefined;
}

/** A part for a command that gave nothing; refused for want of rights, it says to use sudo. */
export function fail<T>(e: unknown, warnings: string[] = []): Part<T> {
  return commandFailure<T>(e, "run dualhome with sudo", warnings);
}

/**
 * Output of which not one entry could be read is garbage, not an empty table: shown as
 * a failed part with the reason, never as "Routes 0" and "no findings".
 */
export function unreadable(value: unknown, warnings: readonly string[]): string | undefined {
  if (!Array.isArray(value) || value.length > 0 || warnings.length === 0) return undefined;
  return `nothing in the output could be read (${warnings.length} unreadable ${warnings.length === 1 ? "entry" : "entries"}; first: ${warnings[0]})`;
}

function toPart<T>(p: Parsed<T>): Part<T> {
  const error = p.error ?? unreadable(p.value, p.warnings);
  return error === undefined ? okPart(p.value, p.warnings) : errorPart<T>(error, undefined, p.warnings);
}

/** IPv4 decides the part; IPv6 failing (kernel booted without it) is only a warning. */
export async function bothFamilies<T>(
  v4: Promise<Parsed<T[]>>,
  v6: Promise<Parsed<T[]>>,
): Promise<Part<T[]>> {
  const [a, b] = await Promise.allSettled([v4, v6]);
  if (a.status === "rejected") return fail(a.reason);
  if (a.value.error !== undefined) return toPart(a.value);
  const garbage = unreadable(a.value.value, a.value.warnings);
  if (garbage !== undefined) return errorPart(garbage, undefined, a.value.warnings);
  const warnings = [...a.value.warnings];
  let value = a.value.value;
  if (b.status === "rejected") warnings.push(`IPv6: ${errorText(b.reason)}`);
  else if (b.value.error !== undefined) warnings.push(`IPv6: ${b.value.error}`);
  else {
    value = value.concat(b.value.value);
    appendAll(warnings, b.value.warnings);
  }
  return okPart(value, warnings);
}

export async function settle<T>(p: Promise<Parsed<T>>): Promise<Part<T>> {
  try {
    return toPart(await p);
  } catch (e) {
    return fail(e);
  }
}
