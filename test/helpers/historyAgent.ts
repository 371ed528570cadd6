// Child process for e2e specs: a scripted agent (test/node/fleet/fakeAgentPeer.ts: real wss + mutual
// TLS) that, once a console enrols it and says hello, resends a day of GPU history from its spool.
// Prints {address, pairingCode} as one JSON line, then "COMMITTED" when the console acked it all;
// exits when stdin closes. A child process, so the browser-typed e2e project never compiles it.
import { createInterface } from 'node:readline';
import { FakeAgentPeer } from '../node/fleet/fakeAgentPeer.ts';
import { dayOfGpuTelemetry } from './gpuHistory.ts';

const agent = await FakeAgentPeer.start({ simulated: true });
process.stdout.write(
  `${JSON.stringify({ address: agent.address, pairingCode: agent.pairingCode })}\n`,
);
const stop = async () => {
  await agent.close();
  process.exit(0);
};
createInterface({ input: process.stdin }).on('close', () => void stop());

await agent.waitFor(
  () => agent.greetedConsoles > 0,
  'the console to enrol and greet this agent',
  120_000,
);
let last = 0;
for (const batch of dayOfGpuTelemetry(Date.now())) last = agent.enqueue(batch);
await agent.waitFor(() => agent.lastAck === last, 'the console to commit the day', 120_000);
process.stdout.write('COMMITTED\n');
