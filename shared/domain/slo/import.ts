// One entry point for SLO files: reads every YAML document, dispatches on apiVersion (or Sloth's
// `version`), and returns the SLOs that passed with every problem located by field path and line.
import {
  DEFAULT_SITE_TIME_ZONE,
  IssueLog,
  type AcceptSpecs,
  type ImportOptions,
  type ImportResult,
} from './importTypes.ts';
import { importOpenSlo, OPENSLO_V1 } from './openslo.ts';
import { importPyrra, PYRRA_V1ALPHA1 } from './pyrra.ts';
import { importSloth, SLOTH_PROMETHEUS_V1 } from './sloth.ts';
import { importSlothOpenSlo, OPENSLO_V1ALPHA } from './slothOpenSlo.ts';
import { readYamlObjects, type FieldReader } from './yamlFields.ts';

const SLOTH_KUBERNETES = 'sloth.slok.dev/v1';
const KNOWN_FORMATS = `apiVersion ${OPENSLO_V1}, ${OPENSLO_V1ALPHA} (Sloth), ${PYRRA_V1ALPHA1}, ${SLOTH_KUBERNETES}, or version ${SLOTH_PROMETHEUS_V1} (Sloth)`;

/** Imports OpenSLO, Sloth and Pyrra SLO files; one invalid SLO never keeps the others out. */
export function importSloSpecs(text: string, options: ImportOptions = {}): ImportResult {
  const result: ImportResult = { specs: [], problems: [], warnings: [] };
  const nameLines = new Map<string, number | undefined>();
  const accept: AcceptSpecs = (drafts, log, failed = []) => {
    const named = [...drafts.map((d) => ({ name: d.spec.name, nameAt: d.nameAt })), ...failed];
    for (const { name, nameAt } of named) {
      if (!nameLines.has(name)) continue;
      const line = nameLines.get(name);
      nameAt.problem(
        `an SLO named "${name}" is already in this file${line === undefined ? '' : ` (line ${line})`}`,
      );
    }
    // Names count even from an SLO with problems, so a duplicate is reported in the same round.
    for (const { name, nameAt } of named)
      if (!nameLines.has(name)) nameLines.set(name, nameAt.line);
    if (!log.hasProblems) result.specs.push(...drafts.map((draft) => draft.spec));
    log.mergeInto(result);
  };
  const openSlo: FieldReader[] = [];
  for (const { reader } of readYamlObjects(text, result)) {
    const apiVersion = reader.at('apiVersion').string();
    const kind = reader.at('kind').string();
    if (apiVersion === OPENSLO_V1) openSlo.push(reader);
    else if (apiVersion === OPENSLO_V1ALPHA) importSlothOpenSlo(reader, accept);
    else if (apiVersion === PYRRA_V1ALPHA1) importPyrra(reader, accept);
    else if (apiVersion === SLOTH_KUBERNETES && kind === 'PrometheusServiceLevel')
      importSloth(reader.at('spec'), accept);
    else if (apiVersion === SLOTH_KUBERNETES && kind === 'AlertWindows') {
      reader
        .at('kind')
        .warn(
          'Sloth alert-window presets hold no SLO: nothing imported; Mirqab uses the SRE Workbook windows unless an SLO names its own',
        );
    } else if (apiVersion === undefined && reader.at('version').string() === SLOTH_PROMETHEUS_V1)
      importSloth(reader, accept);
    else refuse(reader, accept);
  }
  if (openSlo.length > 0)
    importOpenSlo(openSlo, options.siteTimeZone ?? DEFAULT_SITE_TIME_ZONE, accept);
  return result;
}

function refuse(reader: FieldReader, accept: AcceptSpecs): void {
  const log = new IssueLog();
  const doc = reader.withLog(log);
  if (doc.at('groups').exists) {
    doc
      .at('groups')
      .problem(
        "this is a Prometheus rules file (such as Sloth's generated output), not an SLO spec: import the SLO file it was generated from",
      );
  } else if (doc.at('apiVersion').exists) {
    doc
      .at('apiVersion')
      .problem(
        `"${doc.at('apiVersion').string() ?? ''}" with kind "${doc.at('kind').string() ?? ''}" is not an SLO format Mirqab reads; expected ${KNOWN_FORMATS}`,
      );
  } else if (doc.at('version').exists) {
    doc
      .at('version')
      .problem(
        `Sloth spec version "${doc.at('version').string() ?? ''}" is not supported; expected ${SLOTH_PROMETHEUS_V1}`,
      );
  } else doc.problem(`not an SLO document: expected ${KNOWN_FORMATS}`);
  accept([], log);
}
