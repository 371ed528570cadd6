// Worker-thread entry for parallel audit verification. A parent's tsx hooks (tsx/esm/api register())
// do not reach worker threads, so this registers them before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./verifyWorker.ts');
