#!/usr/bin/env node
// React and Ink run their production builds unless the user asks for development
// (DUALHOME_DEV=1): the development build records a performance track for every
// render in Node's user-timing buffer, which grows without bound in a long watch.
// Set before React loads, hence the dynamic import.
if (process.env.DUALHOME_DEV === "1") process.env.NODE_ENV ??= "development";
else process.env.NODE_ENV = "production";
// A million routes are a few hundred MB that live as long as the program: V8's
// default heap growth let the live screen's RSS reach 720-1090 MB at (1M routes,
// 50k sockets) with about 420 MB alive; optimizing for size keeps it near 500 MB,
// and an unchanged poll allocates almost nothing, so the extra collections cost little.
const v8 = await import("node:v8");
v8.setFlagsFromString("--optimize-for-size");
await import("../dist/src/cli.js");
