#!/usr/bin/env node
// Runs the agent's TypeScript CLI directly (no build step) through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../agent/cli.ts');
await main(process.argv);
