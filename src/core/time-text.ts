// Times for people: local, as the clock on the wall says, with the zone written
// out ("UTC+01:00"), in one format everywhere. JSON keeps ISO 8601 in UTC.

const two = (n: number) => String(n).padStart(2, "0");

/** "UTC" or "UTC+05:30": the local zone's offset at that moment (summer time included). */
export function zoneText(ms: number): string {
  const east = -new Date(ms).getTimezoneOffset();
  if (east === 0) return "UTC";
  const a = Math.abs(east);
  return `UTC${east > 0 ? "+" : "-"}${two(Math.floor(a / 60))}:${two(a % 60)}`;
}

/** "14:03:27 UTC+01:00". */
export function clockText(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${zoneText(ms)}`;
}

/** "2026-12-03 14:03:27 UTC+01:00". */
export function dateTimeText(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${clockText(ms)}`;
}
