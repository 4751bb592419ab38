// A PowerShell session stand-in for the PowerShell platform tests, and the
// story server's poll answer (ws2019-poll.json).
import type { Session } from "../../../../src/system/exec/runner-session.js";
import { fixture } from "../fixtures.js";

/** A PowerShell stand-in: answers each poll with `answer(script)` followed by the marker line. */
export class FakeSession implements Session {
  writes: string[] = [];
  closed = false;
  constructor(private readonly answer: (script: string) => string | Error) {}
  write(text: string): void {
    this.writes.push(text);
  }
  async readUntil(marker: string): Promise<string> {
    const script = this.writes.at(-1) ?? "";
    if (!script.includes(`'${marker}'`)) throw new Error("read before the script was written");
    const a = this.answer(script);
    if (a instanceof Error) throw a;
    return `${a}\r\n`;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

export const poll = fixture("windows-ps", "ws2019-poll.json");
