// Entry of the agent's single executable file (and of out/agent/mirqab-agent.cjs): the same command
// line as `mirqab-agent`, started from one embedded script.
import { main } from './cli.ts';

void main(process.argv);
