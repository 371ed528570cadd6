// Types for the functions scripts/start.mjs exports (its tests import them).
export function platformExecutable(platform: NodeJS.Platform | 'mas'): string;
export function findElectronBinary(where: {
  env: NodeJS.ProcessEnv;
  electronDir: string | null;
  platform: NodeJS.Platform;
}): string | null;
