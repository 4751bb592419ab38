// Entry point of the tsc build (bin/dualhome.js imports it).
import { main } from "./cli-main.js";

await main();
