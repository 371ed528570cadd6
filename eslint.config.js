// Lint encodes the architecture: which runtime each folder may use (see DESIGN.md §1).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltinNames = [
  'fs',
  'path',
  'crypto',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'tls',
  'worker_threads',
  'stream',
  'url',
  'util',
  'events',
];
// reason: a regex on the whole specifier, so a folder of ours named util/ or events/ is not taken for Node's.
const nodeBuiltins = `^(node:.*|(${nodeBuiltinNames.join('|')})(/.*)?)$`;
const noElectron = {
  name: 'electron',
  message: 'Only main/shell and preload may import electron.',
};

const noRenderer = {
  group: ['**/renderer/**'],
  message: 'Backend code never imports the renderer.',
};

/** The backend's layers, lowest first; a folder may import its own layer and those below it. */
const BACKEND_LAYERS = [
  ['store'],
  ['audit'],
  ['core'],
  ['identity', 'fleet', 'telemetry', 'slo', 'models', 'drift'],
  // Incidents consume every other feature's signals; runbooks and postmortems work incidents; reports
  // (SLA reports, postmortem exports) list and render them; drills rehearse all of it in a workspace of
  // their own, and their reports go through the report pipeline.
  // Governance (retraining triggers, change records) sits beside incidents so runbooks, experiments
  // and reports above it can file and export changes.
  ['incidents', 'governance'],
  // Experiments act through the fleet, read SLOs and model versions, and raise alerts into incidents.
  ['runbooks', 'postmortems', 'experiments'],
  ['drills'],
  ['reports'],
  ['api'],
  ['host', 'shell', 'cli'],
];

/** One rule per folder of main/: the folders in the layers above it, by relative import, are off limits. */
function backendLayers() {
  const above = BACKEND_LAYERS.slice(0, -1).flatMap((layer, i) =>
    layer.map((folder) => [folder, BACKEND_LAYERS.slice(i + 1).flat()]),
  );
  return above.map(([layer, forbidden]) => ({
    files: [`main/${layer}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            noRenderer,
            {
              regex: `^(\\.\\./)+(${forbidden.join('|')})/`,
              message: `main/${layer} sits below ${forbidden.join(', ')} (DESIGN.md §1): move the shared piece down instead.`,
            },
            {
              regex: '^(\\.\\./)+index\\.ts$',
              message: 'Only the shells import the composition root.',
            },
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  {
    ignores: [
      '.device/**',
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          selector:
            'CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]',
          message: 'No focused or skipped tests.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // reason: the CLI, scripts and benchmarks talk to a terminal.
    files: ['main/cli/**', 'scripts/**', 'bench/**', 'bin/**', 'agent/cli/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // reason: config files for tools that require a default export.
    files: ['**/*.config.ts', '**/*.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { regex: nodeBuiltins, message: 'shared/ is runtime-neutral: no Node modules.' },
            { group: ['react', 'react-dom'], message: 'shared/ has no UI code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { regex: nodeBuiltins, message: 'The renderer runs in a sandbox: no Node modules.' },
            {
              group: ['**/main/**', '**/preload/**', '**/agent/**'],
              message: 'The renderer talks to the backend only through renderer/api.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**', 'agent/**', 'test/**', 'bench/**', 'scripts/**'],
    // reason: DOM tests render the renderer's own components.
    ignores: ['main/shell/**', 'test/dom/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['**/renderer/**'], message: 'Backend code never imports the renderer.' },
          ],
        },
      ],
    },
  },
  // The backend's layers (DESIGN.md §1): a folder imports only from its own layer or below.
  // store → audit → core → identity and feature services → api → shells (host, shell, cli) → index.ts.
  ...backendLayers(),
  {
    files: ['main/shell/**', 'preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**'], message: 'Backend code never imports the renderer.' },
          ],
        },
      ],
    },
  },
);
