// `npm run serve`: build the renderer if needed, then start browser mode (`mirqab serve`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.log('Building the console (first run)…');
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const args = process.argv.slice(2);
const result = spawnSync(process.execPath, [join(root, 'bin', 'mirqab.mjs'), 'serve', ...args], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
