import { describe, expect, it } from "vitest";
import { createChangeRunner } from "../../src/app/change/runner.js";
import type { ChangeCliDeps } from "../../src/commands/change-cli.js";
import { CliError, type Ctx } from "../../src/commands/context.js";
import { routeCommand } from "../../src/commands/route-command.js";
import { undoCommand } from "../../src/commands/undo-command.js";
import { memoryJournal } from "../../src/system/journal/journal.js";
import { baseRoutes, route, SSH, tablePlatform } from "../app/change/world.js";
import { FakeRunner } from "../support/fake-runner.js";

const ARGV = ["ip", "route", "add", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1"];

function world(
  o: { tty?: boolean; answers?: (string | null)[]; env?: Record<string, string>; isRoot?: boolean } = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const runner = new FakeRunner();
  const journal = memoryJournal();
  const asked: string[] = [];
  const answers = o.answers ?? [];
  const ctx: Ctx = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    runner,
    os: "linux",
    isRoot: o.isRoot ?? true,
    self: "dualhome",
    env: o.env ?? {},
    stdinIsTTY: o.tty ?? false,
  };
  const deps: ChangeCliDeps = {
    ask: async (q) => {
      asked.push(q);
      return answers.shift() ?? null;
    },
    platform: async () =>
      tablePlatform(baseRoutes(), [...baseRoutes(), route("10.0.0.0/8", "192.168.1.254", "eth1")]),
    changes: (c, platform, readOnly) =>
      createChangeRunner({
        platform,
        runner,
        journal,
        spawnWatchdog: () => 0,
        readOnly,
        privileged: c.isRoot,
        env: c.env,
        self: c.self,
      }),
    sleep: async () => {},
    now: () => 0,
  };
  return { ctx, deps, out, err, runner, journal, asked };
}

async function code(p: Promise<number>): Promise<[number, string]> {
  try {
    return [await p, ""];
  } catch (e) {
    if (e instanceof CliError) return [e.exitCode, e.message];
    throw e;
  }
}

const add = { via: "192.168.1.254", dev: "eth1" };

describe("dualhome route add", () => {
  it("refuses without a terminal to confirm on, and runs nothing", async () => {
    const w = world({ tty: false });
    expect(await code(routeCommand(w.ctx, "add", "10.0.0.0/8", add, {}, w.deps))).toEqual([
      1,
      "no terminal to confirm on: add --yes",
    ]);
    expect(w.runner.calls).toEqual([]);
    expect(w.journal.read().records).toEqual([]);
    expect(w.out.join("")).toContain("ip route add 10.0.0.0/8 via 192.168.1.254 dev eth1");
    // Where new connections and the stuck connect's retry will go, not only the flows that move.
    expect(w.out.join("")).toContain(
      "  new connections to 10.0.0.0/8 will leave by eth1 via 192.168.1.254 (now eth0 via 192.168.1.1)",
    );
    expect(w.out.join("")).toContain(
      "  retried: 192.168.1.10:50123 -> 10.1.1.20:5061 SYN_SENT is stuck on eth0 via 192.168.1.1; the service's next try leaves by eth1 via 192.168.1.254",
    );
  });

  it("asks on the terminal; y applies the exact command shown", async () => {
    const w = world({ tty: true, answers: ["y"] });
    w.runner.expect(ARGV, {});
    expect(await code(routeCommand(w.ctx, "add", "10.0.0.0/8", add, {}, w.deps))).toEqual([0, ""]);
    expect(w.asked).toEqual(["Apply? [y/N] "]);
    expect(w.runner.calls).toEqual([ARGV]);
    expect(w.out.join("")).toMatch(
      /done and verified: 10\.0\.0\.0\/8 is in the table \(journal id [0-9a-f]{8}\)/,
    );
  });

  it("anything but y cancels", async () => {
    const w = world({ tty: true, answers: ["yes please"] });
    expect(await code(routeCommand(w.ctx, "add", "10.0.0.0/8", add, {}, w.deps))).toEqual([
      1,
      "cancelled: nothing was changed",
    ]);
    expect(w.runner.calls).toEqual([]);
  });

  it("warns loudly before a change that moves the operator's own session", async () => {
    const w = world({ tty: true, answers: ["n"], env: { SSH_CONNECTION: SSH } });
    await code(routeCommand(w.ctx, "add", "192.168.1.0/25", add, {}, w.deps));
    expect(w.asked).toEqual(["This may cut your own session. Apply anyway? [y/N] "]);
    const text = w.out.join("");
    expect(text.indexOf("YOUR OWN SESSION")).toBeLessThan(text.indexOf("192.168.1.60"));
  });

  it("--read-only and no root refuse with one line, exit 1, nothing run", async () => {
    const ro = world();
    expect(
      await code(
        routeCommand(ro.ctx, "add", "10.0.0.0/8", { ...add, yes: true }, { readOnly: true }, ro.deps),
      ),
    ).toEqual([1, "read-only: nothing was changed"]);
    const user = world({ isRoot: false });
    const [c, msg] = await code(
      routeCommand(user.ctx, "add", "10.0.0.0/8", { ...add, yes: true }, {}, user.deps),
    );
    expect(c).toBe(1);
    expect(msg).toMatch(
      /^needs root: run `sudo dualhome route add 10\.0\.0\.0\/8 --via 192\.168\.1\.254 --dev eth1`/,
    );
    expect([...ro.runner.calls, ...user.runner.calls]).toEqual([]);
  });

  it("bad input exits 2 with the reason", async () => {
    const w = world();
    expect(
      await code(
        routeCommand(
          w.ctx,
          "add",
          "10.0.0.0/8",
          { via: "192.168.1.254;reboot", dev: "eth1", yes: true },
          {},
          w.deps,
        ),
      ),
    ).toEqual([2, 'gateway "192.168.1.254;reboot" is not an IP address']);
    expect(
      await code(routeCommand(w.ctx, "add", "10.0.0.0/8", { ...add, metric: "ten", yes: true }, {}, w.deps)),
    ).toEqual([2, '--metric "ten" is not a whole number from 0 to 9999']);
    expect(w.runner.calls).toEqual([]);
  });
});

describe("dualhome undo", () => {
  it("says there is nothing to undo on an empty journal (exit 1)", async () => {
    const w = world();
    const [c, msg] = await code(undoCommand(w.ctx, { yes: true }, {}, w.deps));
    expect(c).toBe(1);
    expect(msg).toMatch(/^nothing to undo/);
  });
});
