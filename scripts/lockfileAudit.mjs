// `npm run test:security`, first step: checks package-lock.json offline, since `npm audit` needs the
// registry's advisory service and build machines here are air-gapped. Two checks:
//   1. no package version in the tree falls in a range listed in scripts/known-bad-packages.json;
//   2. every exact version pinned in package.json "overrides" is the version the lockfile holds
//      everywhere that package appears (so an override that npm did not apply cannot pass unseen).
// Exits 1 naming each problem (package, version, where in the tree, advisories, fixed versions).
// Usage: node scripts/lockfileAudit.mjs [--lockfile FILE] [--package FILE] [--list FILE]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** "1.2.3-rc.1" → { nums: [1, 2, 3], pre: ['rc', 1] }; null when it is not a version. */
export function parseVersion(text) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(
    text.trim(),
  );
  if (!match) return null;
  const pre = match[4] ? match[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [];
  return { nums: [Number(match[1]), Number(match[2]), Number(match[3])], pre };
}

function compare(a, b) {
  for (let i = 0; i < 3; i += 1) if (a.nums[i] !== b.nums[i]) return a.nums[i] < b.nums[i] ? -1 : 1;
  // A pre-release sorts before its release.
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length;
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i += 1) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

const TESTS = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
  '=': (c) => c === 0,
};

/** Parses "<1.2.3 || >=2.0.0 <2.1.0"; throws on anything else, so a typo in the list fails loudly. */
export function parseRange(range) {
  return range.split('||').map((alternative) => {
    const comparators = alternative.trim().split(/\s+/).filter(Boolean);
    if (comparators.length === 0) throw new Error(`empty alternative in range "${range}"`);
    return comparators.map((comparator) => {
      const match = /^(<=|>=|<|>|=)?(.+)$/.exec(comparator);
      const version = match && parseVersion(match[2]);
      if (!version) throw new Error(`cannot read "${comparator}" in range "${range}"`);
      return { test: TESTS[match[1] ?? '='], version };
    });
  });
}

export function satisfies(versionText, range) {
  const version = parseVersion(versionText);
  if (!version) return false;
  return parseRange(range).some((all) =>
    all.every(({ test, version: bound }) => test(compare(version, bound))),
  );
}

/** Every installed package in a lockfile (v2/v3 "packages", or v1 nested "dependencies"): { name, version, where }. */
export function lockfilePackages(lock) {
  const found = [];
  if (lock.packages) {
    for (const [where, entry] of Object.entries(lock.packages)) {
      if (where === '' || entry.link || !entry.version) continue;
      const name =
        entry.name ?? where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
      found.push({ name, version: entry.version, where });
    }
    return found;
  }
  const walk = (deps, prefix) => {
    for (const [name, entry] of Object.entries(deps ?? {})) {
      const where = `${prefix}node_modules/${name}`;
      if (entry.version) found.push({ name, version: entry.version, where });
      walk(entry.dependencies, `${where}/`);
    }
  };
  walk(lock.dependencies, '');
  return found;
}

/** Problems in the lockfile: known-bad versions and exact overrides that did not take. */
export function auditLockfile(lock, list, pkg = {}) {
  const installed = lockfilePackages(lock);
  const problems = [];
  for (const entry of list.packages) {
    parseRange(entry.vulnerable);
    for (const found of installed) {
      if (found.name === entry.name && satisfies(found.version, entry.vulnerable)) {
        problems.push({
          kind: 'known-bad',
          ...found,
          severity: entry.severity,
          advisories: entry.advisories,
          fixedIn: entry.fixedIn,
          summary: entry.summary,
        });
      }
    }
  }
  for (const [name, pinned] of Object.entries(pkg.overrides ?? {})) {
    if (typeof pinned !== 'string' || !parseVersion(pinned)) continue; // only exact, top-level pins are policy
    for (const found of installed) {
      if (found.name === name && found.version !== pinned)
        problems.push({ kind: 'override-not-applied', ...found, pinned });
    }
  }
  return { checked: installed.length, problems };
}

function describe(problem) {
  if (problem.kind === 'override-not-applied') {
    return `${problem.name} ${problem.version} at ${problem.where}: package.json overrides pin ${problem.pinned}; run npm install so the lockfile follows`;
  }
  return `${problem.name} ${problem.version} at ${problem.where}: ${problem.severity}, ${problem.summary} (${problem.advisories.join(', ')}); fixed in ${problem.fixedIn}`;
}

function argument(args, name, fallback) {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] ? path.resolve(args[index + 1]) : fallback;
}

function main(args) {
  const lockfile = argument(args, '--lockfile', path.join(root, 'package-lock.json'));
  const packageFile = argument(args, '--package', path.join(root, 'package.json'));
  const listFile = argument(args, '--list', path.join(root, 'scripts', 'known-bad-packages.json'));
  const list = JSON.parse(fs.readFileSync(listFile, 'utf8'));
  const { checked, problems } = auditLockfile(
    JSON.parse(fs.readFileSync(lockfile, 'utf8')),
    list,
    JSON.parse(fs.readFileSync(packageFile, 'utf8')),
  );
  console.log(
    `Lockfile audit: ${checked} packages in ${path.relative(process.cwd(), lockfile) || lockfile} against ${list.packages.length} known-bad entries (list reviewed ${list.reviewed}).`,
  );
  for (const problem of problems)
    console.log(
      `  ${problem.kind === 'known-bad' ? 'KNOWN-BAD' : 'OVERRIDE'} ${describe(problem)}`,
    );
  if (problems.length > 0) {
    console.error(
      `Lockfile audit failed: ${problems.length} problem(s). Upgrade the package, or pin a fixed version in package.json "overrides" and run npm install.`,
    );
    process.exit(1);
  }
  console.log('Lockfile audit passed: no known-bad version, every override applied.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(
      `Lockfile audit could not run: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
}
