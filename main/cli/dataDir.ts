// Where a site's data lives when no --data-dir is given: MIRQAB_DATA_DIR, else the same per-user
// folder Electron's app.getPath('userData') uses for the desktop app.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (env.MIRQAB_DATA_DIR) return env.MIRQAB_DATA_DIR;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Mirqab');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Mirqab');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Mirqab');
}
