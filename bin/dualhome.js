#!/usr/bin/env node
// React and Ink run their production builds unless the user asks for development
// (DUALHOME_DEV=1): the development build records a performance track for every
// render in Node's user-timing buffer, which grows without bound in a long watch.
// Set before React loads, hence the dynamic import.
if (process.env.DUALHOME_DEV === "1") process.env.NODE_ENV ??= "development";
else process.env.NODE_ENV = "production";
await import("../dist/src/cli.js");
