// The real-disk RendererFiles adapter. Callback fs APIs on purpose: Electron's asar support
// patches them, so the same code serves out/renderer from a folder or from app.asar.
import fs from 'node:fs';
import { promisify } from 'node:util';
import type { RendererFiles } from './appProtocol.ts';

const readFile = promisify(fs.readFile);
const realpath = promisify(fs.realpath);

export const diskRendererFiles: RendererFiles = {
  async read(filePath) {
    try {
      return await readFile(filePath); // EISDIR, ENOENT… all mean "not served"
    } catch {
      return null;
    }
  },
  async realPath(filePath) {
    try {
      return await realpath(filePath);
    } catch {
      return null;
    }
  },
};
