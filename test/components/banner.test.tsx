// The change banner's advice is never lost to the width (issue 15 polish): its
// lines wrap whole; when the screen has no room for all of them the countdown
// stays, the last line says Enter shows the rest, and the detail view has it all.
import { describe, expect, it } from "vitest";
import { bannerLines, fitBanner } from "../../src/components/ChangeBanner.js";
import { ASCII } from "../../src/components/glyphs.js";
import { analysisOf, demoSnapshot, renderApp, T0 } from "./helpers.js";

const ADVICE =
  "2 connects stuck in SYN_SENT still wait on ext until the service tries again (then int): Windows has no " +
  "documented command that closes a connection (TCPView's Close Connection calls the SetTcpEntry API; PowerShell's " +
  "NetTCPIP module can only list them): restart the service or wait for its own retry";
const flat = (frame: string) => frame.replace(/\s+/g, " ");

describe("the change banner", () => {
  it("wraps every line whole at 80 columns, the countdown kept", async () => {
    const app = await renderApp({ columns: 80, rows: 50, analysis: analysisOf(await demoSnapshot()) });
    app.store.dispatch({
      type: "change-outcome",
      outcome: { ok: true, lines: ["done and verified: 10.0.0.0/8 is in the table", ADVICE] },
      now: T0,
      rollback: { id: "c1", what: "route add 10.0.0.0/8 via 192.168.1.254 dev int", rollbackAt: T0 + 60_000 },
    });
    await new Promise((r) => setTimeout(r, 20));
    const f = app.frame();
    expect(flat(f)).toContain(flat(ADVICE));
    expect(f).toContain("reverting in 60 s unless you press c (keep)");
    expect(f.split("\n").every((l) => !l.endsWith("…"))).toBe(true);
    app.unmount();
  });

  it("short of room: the countdown stays, the cut outcome points at Enter, and Enter shows it whole", async () => {
    const app = await renderApp({ columns: 80, rows: 24, analysis: analysisOf(await demoSnapshot()) });
    app.store.dispatch({
      type: "change-outcome",
      outcome: { ok: true, lines: ["done and verified: 10.0.0.0/8 is in the table", ADVICE] },
      now: T0,
      rollback: { id: "c1", what: "route add 10.0.0.0/8 via 192.168.1.254 dev int", rollbackAt: T0 + 60_000 },
    });
    await new Promise((r) => setTimeout(r, 20));
    const f = app.frame();
    expect(f).toContain("done and verified: 10.0.0.0/8 is in the table");
    expect(f).toContain("more: Enter shows the whole message");
    expect(f).toContain("reverting in 60 s unless you press c");
    await app.type("\r");
    const d = app.frame();
    expect(d).toContain("Last change");
    expect(flat(d)).toContain(flat(ADVICE));
    app.unmount();
  });

  it("fitBanner: kept lines first, one spare line shows the outcome's first line", () => {
    const ui = {
      form: null,
      confirm: null,
      busy: null,
      outcome: { ok: false, lines: ["first", "second", "third"] },
      rollbacks: [{ id: "c1", what: "x", rollbackAt: 10_000 }],
      clock: 0,
      notice: null,
      resettable: [],
    };
    const lines = bannerLines(ASCII, ui, 200);
    expect(fitBanner(ASCII, lines, 2).map((l) => l.text)).toEqual([
      "X first",
      "! reverting in 10 s unless you press c (keep): x | u undoes it now",
    ]);
    expect(fitBanner(ASCII, lines, 3).map((l) => l.text)[1]).toContain("more: Enter shows the whole message");
    expect(fitBanner(ASCII, lines, 4)).toHaveLength(4);
  });
});
