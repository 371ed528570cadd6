// The agent's YAML config, validated before anything starts. Every error names the file, line,
// column and field, so an operator fixing /etc/mirqab-agent.yaml over SSH knows where to look.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { ActionParamSchema } from '../shared/agent-protocol/index.ts';
import { SERVER_KINDS, type ServerKind } from '../shared/domain/metrics/canonicalRules.ts';
import { DriftSectionSchema } from './drift/config.ts';

/** `{param}` inside an argv element; anything else in braces is literal text. */
export const PLACEHOLDER = /\{([a-z][a-z0-9_]{0,63})\}/g;

const interval = (fallback: number) => z.number().int().min(250).max(3_600_000).default(fallback);

/** A label value written in YAML: `version: 3` is read as a number, and means "3". */
const labelValue = (example: string) =>
  z
    .union(
      [
        z
          .string()
          .trim()
          .min(1, `${example}, not empty`)
          .max(200, `${example}, at most 200 characters`),
        z.number().nonnegative(),
      ],
      {
        error: example,
      },
    )
    .transform(String);

const ActionParamConfigSchema = z.strictObject(ActionParamSchema.shape);

const ActionConfigSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case letters, digits and _, starting with a letter'),
    description: z.string().max(500).default(''),
    params: z.array(ActionParamConfigSchema).max(16).default([]),
    command: z
      .array(z.string().min(1))
      .min(1, 'an argv array such as ["/usr/bin/systemctl", "restart", "{service}"]'),
    timeoutMs: z
      .number()
      .int()
      .positive()
      .max(24 * 3_600_000)
      .default(60_000),
  })
  .superRefine((action, ctx) => {
    const names = new Set<string>();
    action.params.forEach((param, i) => {
      if (names.has(param.name))
        ctx.addIssue({
          code: 'custom',
          path: ['params', i, 'name'],
          message: `duplicate parameter "${param.name}"`,
        });
      names.add(param.name);
      if (param.pattern !== undefined) {
        if (param.type !== 'string')
          ctx.addIssue({
            code: 'custom',
            path: ['params', i, 'pattern'],
            message: 'pattern applies to string parameters only',
          });
        try {
          new RegExp(param.pattern, 'u');
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            path: ['params', i, 'pattern'],
            message: `invalid regular expression: ${(error as Error).message}`,
          });
        }
      }
      if (param.type === 'boolean' && (param.min !== undefined || param.max !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['params', i],
          message: 'min and max apply to integers (value) and strings (length), not booleans',
        });
      }
      checkOptionSafety(param, i, ctx);
    });
    const [program] = action.command;
    // The console chooses values, never the program: a fixed absolute path also rules out $PATH tricks.
    if (program !== undefined && (!isAbsolute(program) || program.includes('{'))) {
      ctx.addIssue({
        code: 'custom',
        path: ['command', 0],
        message: 'the program must be a fixed absolute path without placeholders',
      });
    }
    action.command.forEach((arg, i) => {
      for (const match of arg.matchAll(PLACEHOLDER)) {
        if (!names.has(match[1]!))
          ctx.addIssue({
            code: 'custom',
            path: ['command', i],
            message: `placeholder {${match[1]}} names no declared parameter`,
          });
      }
    });
    checkLeadingDashPlacement(action, ctx);
  });

type ParamConfig = z.infer<typeof ActionParamConfigSchema>;

/** A value the console chooses must never become an option of the program, unless the config says so. */
function checkOptionSafety(param: ParamConfig, i: number, ctx: z.RefinementCtx): void {
  if (param.type === 'string' && param.pattern === undefined && param.enum === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['params', i],
      message:
        "a string parameter needs a pattern (a regular expression the whole value must match, e.g. '[a-z0-9][a-z0-9._-]*') or an enum (the only values allowed)",
    });
  }
  if (param.enum !== undefined) {
    if (param.type !== 'string')
      ctx.addIssue({
        code: 'custom',
        path: ['params', i, 'enum'],
        message: 'enum applies to string parameters only',
      });
    param.enum.forEach((value, j) => {
      if (value.startsWith('-') && param.allowLeadingDash !== true) {
        ctx.addIssue({
          code: 'custom',
          path: ['params', i, 'enum', j],
          message: `"${value}" starts with "-", which the program could read as an option: set allowLeadingDash: true if it is meant as a value`,
        });
      }
    });
  }
  if (param.allowLeadingDash !== undefined && param.type === 'boolean') {
    ctx.addIssue({
      code: 'custom',
      path: ['params', i, 'allowLeadingDash'],
      message: 'allowLeadingDash applies to string and integer parameters only',
    });
  }
  if (
    param.type === 'integer' &&
    param.min !== undefined &&
    param.min < 0 &&
    param.allowLeadingDash !== true
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['params', i, 'min'],
      message:
        'a negative value starts with "-", which the program could read as an option: use a min of 0 or more, or set allowLeadingDash: true',
    });
  }
}

/**
 * A parameter allowed to start with '-' may only stand where the program cannot read it as an
 * option: after a `--` argument, or after fixed text in its argv element (as in --offset={n}).
 */
function checkLeadingDashPlacement(
  action: { params: ParamConfig[]; command: string[] },
  ctx: z.RefinementCtx,
): void {
  const dashAllowed = new Set(
    action.params.filter((p) => p.allowLeadingDash === true).map((p) => p.name),
  );
  if (dashAllowed.size === 0) return;
  const endOfOptions = action.command.indexOf('--', 1);
  action.command.forEach((arg, i) => {
    if (endOfOptions !== -1 && i > endOfOptions) return;
    const first = new RegExp(PLACEHOLDER.source).exec(arg);
    if (first?.index !== 0 || !dashAllowed.has(first[1]!)) return;
    ctx.addIssue({
      code: 'custom',
      path: ['command', i],
      message: `{${first[1]}} allows a leading "-": put it after a "--" argument, or after fixed text in its argument (as in --name={${first[1]}}), so the program can never read its value as an option`,
    });
  });
}

export const AgentConfigSchema = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    listen: z
      .strictObject({
        host: z.string().min(1).default('0.0.0.0'),
        port: z.number().int().min(0).max(65_535).default(7443),
      })
      .prefault({}),
    identityDir: z.string().min(1),
    spool: z.strictObject({
      dir: z.string().min(1),
      maxBytes: z
        .number()
        .int()
        .min(1024 * 1024, 'at least 1 MiB (1048576)')
        .default(256 * 1024 * 1024),
    }),
    batchIntervalMs: z.number().int().min(100).max(60_000).default(1000),
    collectors: z
      .strictObject({
        host: z
          .strictObject({
            intervalMs: interval(5000),
            mounts: z.array(z.string().startsWith('/')).default(['/']),
            procRoot: z.string().default('/proc'),
          })
          .optional(),
        gpu: z
          .strictObject({
            intervalMs: interval(5000),
            nvidiaSmiPath: z.string().min(1).default('nvidia-smi'),
          })
          .optional(),
        scrape: z
          .array(
            z
              .strictObject({
                url: z
                  .string()
                  .refine((u) => /^https?:\/\/[^\s/]+/.test(u), 'an http:// or https:// URL'),
                server: z.enum(SERVER_KINDS as [ServerKind, ...ServerKind[]]),
                intervalMs: interval(10_000),
                timeoutMs: z.number().int().positive().max(60_000).default(5000),
                // For servers whose metrics carry no model labels (TGI serves one model per process).
                model: labelValue(
                  'a model name such as meta-llama/Llama-3.1-8B-Instruct',
                ).optional(),
                version: labelValue('a version such as "3" or "2024-06-01"').optional(),
              })
              .refine((target) => target.version === undefined || target.model !== undefined, {
                path: ['version'],
                message: 'version labels the configured model: set model too',
              }),
          )
          .default([]),
      })
      .prefault({}),
    actions: z.array(ActionConfigSchema).max(64).default([]),
    /** Prediction logs to follow for drift (sketches and counts leave the host, never rows). */
    drift: DriftSectionSchema,
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.actions.forEach((action, i) => {
      if (seen.has(action.name))
        ctx.addIssue({
          code: 'custom',
          path: ['actions', i, 'name'],
          message: `duplicate action "${action.name}"`,
        });
      seen.add(action.name);
    });
  });

export type AgentConfig = z.infer<typeof AgentConfigSchema>;
export type ActionConfig = AgentConfig['actions'][number];
export type ScrapeTarget = AgentConfig['collectors']['scrape'][number];

export interface ConfigIssue {
  line: number;
  column: number;
  /** e.g. `actions[0].params[1].pattern`; empty for a YAML syntax error. */
  field: string;
  message: string;
}

export type ConfigResult = { ok: true; config: AgentConfig } | { ok: false; issues: ConfigIssue[] };

/** Parses and validates config text. Relative paths resolve against baseDir (the config file's folder). */
export function parseAgentConfig(text: string, baseDir = process.cwd()): ConfigResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { line: pos.line, column: pos.col, field: '', message: e.message.split('\n')[0]! };
      }),
    };
  }
  const parsed = AgentConfigSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => locate(doc, lineCounter, issue)),
    };
  }
  const config = parsed.data;
  config.identityDir = resolve(baseDir, config.identityDir);
  config.spool.dir = resolve(baseDir, config.spool.dir);
  for (const log of config.drift) {
    log.path = resolve(baseDir, log.path);
    if (log.labels) log.labels.path = resolve(baseDir, log.labels.path);
  }
  return { ok: true, config };
}

export function loadAgentConfig(file: string): ConfigResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return {
      ok: false,
      issues: [
        {
          line: 0,
          column: 0,
          field: '',
          message: `cannot read the config: ${(error as Error).message}`,
        },
      ],
    };
  }
  return parseAgentConfig(text, dirname(resolve(file)));
}

export function formatConfigIssues(file: string, issues: ConfigIssue[]): string {
  return issues
    .map((i) => `${file}:${i.line}:${i.column}: ${i.field ? `${i.field}: ` : ''}${i.message}`)
    .join('\n');
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** Finds the YAML node for a zod issue's path: the deepest node that exists (a missing field points at its parent). */
function locate(doc: Document, lineCounter: LineCounter, issue: z.core.$ZodIssue): ConfigIssue {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  let offset = 0;
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      offset = (node.range as number[])[0] ?? 0;
      break;
    }
  }
  let field = formatPath(path);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
    const pair = isMap(map)
      ? map.items.find((p) => isScalar(p.key) && p.key.value === key)
      : undefined;
    if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
    field = formatPath([...path, key]);
  }
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col, field, message: issue.message };
}
