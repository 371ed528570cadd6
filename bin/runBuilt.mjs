// Loads a built command line and runs it, or says in one line how to build it.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * @param {string} name the command's name, for the message
 * @param {string} relative the bundle, relative to the caller
 * @param {string} from the caller's import.meta.url
 */
export async function runBuilt(name, relative, from) {
  const url = new URL(relative, from);
  if (!existsSync(fileURLToPath(url))) {
    process.stderr.write(
      `${name}: the built command line is missing (${fileURLToPath(url)}); run \`npm run build\` first.\n`,
    );
    process.exitCode = 2;
    return;
  }
  // Node 22+: keep V8's compiled code between runs (no-op on Node 20).
  module.enableCompileCache?.();
  const { main } = await import(url.href);
  await main(process.argv);
}
