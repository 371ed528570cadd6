// The rules every versioned document library keeps (runbooks, drill scenarios): a file with a
// problem stores nothing, every version is kept as imported, and versions only go up.
import { DomainError } from './errors.ts';

/** The refusal of a document with problems, each already formatted as FILE:LINE:COLUMN: field: message. */
export function notImported(kind: string, problems: readonly string[]): DomainError {
  return new DomainError(
    'BAD_REQUEST',
    `The ${kind} was not imported; fix these and import it again:\n${problems.join('\n')}`,
  );
}

/**
 * Throws unless `version` may be stored: a stored version is never replaced (`isTaken`: stored with
 * other content) and none older than the newest is added.
 */
export function assertNewVersion(
  name: string,
  version: number,
  isTaken: boolean,
  latestVersion: number | undefined,
): void {
  if (isTaken)
    throw new DomainError(
      'CONFLICT',
      `Version ${version} of "${name}" is already stored with other content; every version is kept, so raise the version.`,
    );
  if (latestVersion !== undefined && latestVersion > version)
    throw new DomainError(
      'CONFLICT',
      `"${name}" is already at version ${latestVersion}; import version ${latestVersion + 1} or higher.`,
    );
}
