// Times for people are local with their zone written out, in one format (issue 15 polish).
import { afterEach, describe, expect, it } from "vitest";
import { clockText, dateTimeText, zoneText } from "../../src/core/time-text.js";

const saved = process.env.TZ;
afterEach(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

// 2026-12-03 09:58:08 UTC
const AT = Date.UTC(2026, 11, 3, 9, 58, 8);

describe("time text", () => {
  it("UTC is said as UTC", () => {
    process.env.TZ = "UTC";
    expect(clockText(AT)).toBe("09:58:08 UTC");
    expect(dateTimeText(AT)).toBe("2026-12-03 09:58:08 UTC");
  });

  it("another zone: the local clock and its offset, summer time included", () => {
    process.env.TZ = "Europe/Berlin";
    expect(clockText(AT)).toBe("10:58:08 UTC+01:00");
    expect(zoneText(Date.UTC(2026, 6, 1))).toBe("UTC+02:00");
    process.env.TZ = "Asia/Kolkata";
    expect(dateTimeText(AT)).toBe("2026-12-03 15:28:08 UTC+05:30");
    process.env.TZ = "America/New_York";
    expect(dateTimeText(AT)).toBe("2026-12-03 04:58:08 UTC-05:00");
  });
});
