// How the lab's client calls again, as a service would: soon after a call it
// hung up, and with a growing but bounded pause after each call that failed,
// so a stuck SYN is on screen most of the time and comes back after every undo.

/** Pause before the next call: after a call that connected, then 1, 2, 4, 5, 5… s after failures. */
export function retryDelayMs(failuresInARow: number): number {
  if (failuresInARow <= 0) return 2_000;
  return Math.min(5_000, 1_000 * 2 ** (failuresInARow - 1));
}

/** A call that got no answer is given up after this long (the SYN stays visible meanwhile). */
export const CONNECT_GIVE_UP_MS = 20_000;
/** A call that connected is held this long, visible as ESTABLISHED, then hung up. */
export const HOLD_MS = 15_000;

/** The agent only ever talks to the lab's own hosts: nothing it does can leave the lab. */
export function isLabTarget(
  targets: readonly (readonly [string, number])[],
  host: string,
  port: number,
): boolean {
  return targets.some(([h, p]) => h === host && p === port);
}
