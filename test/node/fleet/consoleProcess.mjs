// A console in its own process, for the kill -9 test: opens the store at argv[2] with the test
// passphrase and runs the real composition root (the fleet dials its enrolled agents) until killed.
import { register } from 'tsx/esm/api';

register();
const { createConsole } = await import('../../../main/index.ts');
const { silentLogger } = await import('../../../main/log.ts');
const { FAST_FLEET } = await import('./fleetSite.ts');
const { PASSPHRASE, TEST_KDF } = await import('../../helpers/console.ts');

await createConsole({
  dataDir: process.argv[2],
  shell: 'browser',
  version: 'test',
  logger: silentLogger,
  passphrase: PASSPHRASE,
  kdf: TEST_KDF,
  fleet: FAST_FLEET,
});
process.stdout.write('ready\n');
setInterval(() => {}, 60_000); // stay alive until killed
