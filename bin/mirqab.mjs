#!/usr/bin/env node
// Runs the built console CLI (out/cli/mirqab.mjs, made by `npm run build`).
import { runBuilt } from './runBuilt.mjs';

await runBuilt('mirqab', '../out/cli/mirqab.mjs', import.meta.url);
