// `tasklist /fo csv /nh`: process names for netstat's PID column (netstat -b needs
// elevation and takes seconds). Its first row on every Windows host:
//   "System Idle Process","0","Services","0","8 K"
// The memory column holds a comma inside quotes; 'INFO: …' notices are not rows.
const ROW = /^\s*"([^"]*)","(\d+)"/;

export function parseTasklist(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split(/\r?\n|\r/)) {
    const m = ROW.exec(line);
    if (m?.[1] && m[2]) names.set(Number(m[2]), m[1]);
  }
  return names;
}
