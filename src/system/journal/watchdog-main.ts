// Entry point of the detached rollback watchdog in the tsc build:
//   node watchdog-main.js <journal.jsonl> <change id> <deadline epoch ms>
import { watchdogMain } from "./watchdog-run.js";

process.exitCode = await watchdogMain(process.argv.slice(2));
