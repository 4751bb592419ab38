// Printed commands paste safely: each line, run by a real sh (dash) and bash, gives
// back exactly the argv it was made from, whatever the words hold.
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commandLine, posixWord, powershellWord, shellFor } from "../../src/core/shell-quote.js";
import { ANY_CONTROL } from "../helpers/raw-control.js";

/** The argv a shell builds from `line`: the line's own program is replaced by printf. */
function argvFrom(shell: string, line: string): string[] {
  const out = execFileSync(shell, ["-c", `printf '%s\\0' ${line}`], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

// Bytes a card name or a saved file can hold, weighted to shell syntax.
const SYNTAX = [..."$`'\"\\;|&()<>{}[]*?!#~= \t%^,+@:-./", "\u2019", "é", "ü"];
const word = fc
  .array(fc.oneof(fc.constantFrom(...SYNTAX), fc.string({ minLength: 1, maxLength: 1 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((cs) => cs.join(""))
  // Control characters are shown escaped (for reading), so they do not round-trip; NUL
  // cannot be in an argv at all.
  .filter((w) => !ANY_CONTROL.test(w));

describe("POSIX quoting", () => {
  it("the kernel-legal odd names of the review paste back to themselves", () => {
    const argv = ["ip", "route", "add", "10.9.0.0/16", "dev", "x;id|sh", "$(id>&2)", "a'b", "~x", "=ls", "-"];
    const line = commandLine(argv);
    expect(line).toBe("ip route add 10.9.0.0/16 dev 'x;id|sh' '$(id>&2)' 'a'\\''b' '~x' '=ls' -");
    for (const sh of ["dash", "bash"]) expect(argvFrom(sh, line)).toEqual(argv);
  });

  it("any words paste back to themselves in dash and bash", () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const line = words.map(posixWord).join(" ");
        expect(argvFrom("dash", line)).toEqual(words);
        expect(argvFrom("bash", line)).toEqual(words);
      }),
      { numRuns: 150 },
    );
  });

  it("leaves plain words bare, as people type them", () => {
    expect(
      commandLine(["ip", "route", "replace", "10.0.0.0/8", "via", "fe80::1%eth0", "dev", "eth1.100"]),
    ).toBe("ip route replace 10.0.0.0/8 via fe80::1%eth0 dev eth1.100");
  });

  it("shows control characters escaped, never raw", () => {
    const line = commandLine(["ip", "link", "show", "e\x1b]0;owned\x07", "n\x9bx"]);
    expect(line).toBe("ip link show 'e\\x1b]0;owned\\x07' 'n\\x9bx'");
  });
});

describe("PowerShell quoting", () => {
  it("single quotes with doubled quotes: nothing inside expands", () => {
    expect(powershellWord('$(Remove-Item C:\\ -Recurse) "x"')).toBe(`'$(Remove-Item C:\\ -Recurse) "x"'`);
    expect(powershellWord("it's")).toBe("'it''s'");
    // PowerShell also ends a quoted string at typographic single quotes.
    expect(powershellWord("a\u2019;calc;\u2019")).toBe("'a\u2019\u2019;calc;\u2019\u2019'");
    expect(powershellWord("Ethernet 2")).toBe("'Ethernet 2'");
    expect(powershellWord("`whoami`")).toBe("'`whoami`'");
    expect(powershellWord("@x")).toBe("'@x'");
  });

  it("keeps our own words bare", () => {
    const argv = [
      "powershell.exe",
      "-NoProfile",
      "-Command",
      "Remove-NetRoute",
      "-DestinationPrefix",
      "10.0.0.0/8",
    ];
    expect(commandLine([...argv, "-Confirm:$false"], shellFor(argv))).toBe(
      `${argv.join(" ")} -Confirm:$false`,
    );
    expect(powershellWord("-Confirm:$(calc)")).toBe("'-Confirm:$(calc)'");
  });

  it("Windows programs are pasted into PowerShell, others into sh", () => {
    expect(shellFor(["route", "add"])).toBe("powershell");
    expect(shellFor(["powershell.exe"])).toBe("powershell");
    expect(shellFor(["ip", "route"])).toBe("posix");
  });
});
