// Issue 18 on the screen: `p` to a host that times out by the card the guessed
// intent calls wrong turns that card's warning into an error, with the probe
// named, though the host itself answers as before.
import { cleanup, render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { createLiveSession } from "../../src/app/live/session.js";
import type { ProbeResult } from "../../src/app/probe.js";
import { App } from "../../src/components/App.js";
import type { Platform } from "../../src/system/platform.js";
import { route, snapshot, winCards, winRoutes } from "../core/support/story.js";

afterEach(() => cleanup());

const tick = () => new Promise((r) => setTimeout(r, 20));

async function until(frame: () => string, text: string): Promise<string> {
  for (let i = 0; i < 250 && !frame().includes(text); i++) await tick();
  return frame();
}

describe("p: a probe that times out is evidence", () => {
  it("the inferred warning about 10.0.0.0/8 becomes an error naming the probe", async () => {
    const host = snapshot(
      "windows",
      winCards(),
      [...winRoutes(), route("172.16.0.0/12", "192.168.1.254", "int", 36)],
      [],
    );
    const platform: Platform = {
      id: "simulated",
      os: "windows",
      collector: "powershell",
      collect: async () => ({ ...host, takenAt: Date.now() }),
    };
    const timeout: ProbeResult = {
      host: "10.1.1.20",
      port: 5061,
      outcome: "timeout",
      source: "192.168.1.10",
      sourcePort: 50000,
      ms: 5000,
    };
    // Polls only when asked: every change on screen comes from the probe.
    const s = createLiveSession({
      platform,
      policy: null,
      policySource: "inferred",
      intervalMs: 600_000,
      probe: async () => timeout,
    });
    const info = {
      platform: "simulated",
      os: "windows",
      collector: "powershell",
      intervalMs: 600_000,
      policySource: "inferred",
      readOnly: true,
    };
    const ink = render(
      <App
        store={s.store}
        controller={s.controller}
        info={info}
        ascii={false}
        color={false}
        size={{ columns: 200, rows: 40 }}
      />,
    );
    const frame = () => ink.lastFrame() ?? "";
    s.poller.start();
    expect(await until(frame, "! 10.0.0.0/8 leaves ext")).toContain("! 10.0.0.0/8 leaves ext");
    for (const k of "p\x1510.1.1.20:5061\r") {
      ink.stdin.write(k);
      await tick();
    }
    expect(await until(frame, "timed out in SYN_SENT")).toContain(
      "probe 10.1.1.20:5061: timed out in SYN_SENT",
    );
    // Esc closes the probe's answer, and the findings are back under the panes.
    ink.stdin.write("\x1b");
    await tick();
    expect(await until(frame, "✗ 10.0.0.0/8 leaves ext")).toContain("✗ 10.0.0.0/8 leaves ext");
    // The whole message, evidence and all, in the finding's detail.
    for (const k of "\t\r") {
      ink.stdin.write(k);
      await tick();
    }
    const detail = (await until(frame, "Finding ✗ error")).replace(/\s+/g, " ");
    expect(detail).toContain("inferred intent, confirmed: 1 probe timed out there (to 10.1.1.20 by ext)");
    s.poller.stop();
    ink.unmount();
  });
});
