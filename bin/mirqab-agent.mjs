#!/usr/bin/env node
// Runs the built agent CLI (out/agent/mirqab-agent.mjs, made by `npm run build`).
import { runBuilt } from './runBuilt.mjs';

await runBuilt('mirqab-agent', '../out/agent/mirqab-agent.mjs', import.meta.url);
