// Opens a console as a drill's workspace: the same composition root as the site's own console, on
// the drill's own folder and clock, with every incident marked as a drill's. The drill layer gets
// this as a function, so it never imports the composition root.
import type { OpenWorkspace } from './drills/workspace.ts';
import { createConsole } from './index.ts';
import type { Logger } from './log.ts';
import type { PdfPrinter } from './reports/pdf.ts';
import { LEGACY_SCRYPT_COST } from './store/scrypt.ts';

export interface DrillWorkspaceBase {
  version: string;
  logger: Logger;
  pdfPrinter?: PdfPrinter;
}

export function drillWorkspaceOpener(base: DrillWorkspaceBase): OpenWorkspace {
  return ({ dir, clock, onBatchCommitted }) =>
    createConsole({
      dataDir: dir,
      shell: 'browser',
      version: base.version,
      clock,
      logger: base.logger,
      pdfPrinter: base.pdfPrinter,
      isDrillWorkspace: true,
      // A drill's handful of agents send once per step and the step waits for their commit.
      fleet: { ingestFlushMs: 2 },
      onBatchCommitted: (info) => onBatchCommitted(info.hostId),
      // The workspace's passphrase and passwords are random secrets made for one drill, so key
      // stretching adds nothing: the lowest cost the store accepts keeps set-up and sign-ins quick.
      kdf: LEGACY_SCRYPT_COST,
    });
}
