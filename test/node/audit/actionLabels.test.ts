// Every audit action the console writes has a name in English and in Arabic, so the Audit screen never
// shows an operator a bare code (the code itself stays in the log and in exports).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..', '..');
const MAIN = join(REPO, 'main');

/** The renderer's catalogue of action names, read as the data it is. */
function actionNames(language: 'en' | 'ar'): unknown {
  const path = join(REPO, 'renderer', 'i18n', `systemText.${language}.json`);
  const catalogue = JSON.parse(readFileSync(path, 'utf8')) as {
    systemText: { auditActions: unknown };
  };
  return catalogue.systemText.auditActions;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** `action: 'fleet.enrol'` and `action: created ? 'slo.create' : 'slo.update'` in the backend. */
function actionCodes(): string[] {
  const codes = new Set<string>();
  for (const file of sources(MAIN)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /action:\s*(?:\w+\s*\?\s*)?'([a-z]+(?:\.[a-zA-Z]+)+)'(?:\s*:\s*'([a-z]+(?:\.[a-zA-Z]+)+)')?/g,
    ))
      for (const code of [m[1], m[2]]) if (code) codes.add(code);
  }
  return [...codes].sort();
}

function label(catalogue: unknown, code: string): unknown {
  return code
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
      catalogue,
    );
}

describe('audit action names', () => {
  it('names every action the backend writes, in English and in Arabic', () => {
    const codes = actionCodes();
    expect(codes).toContain('fleet.enrol');
    const missing = (['en', 'ar'] as const).flatMap((language) => {
      const names = actionNames(language);
      return codes
        .filter((code) => typeof label(names, code) !== 'string')
        .map((code) => `${language}: ${code}`);
    });
    expect(missing).toEqual([]);
  });
});
