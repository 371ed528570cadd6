// Platform key protection, behind a small interface the shells fill in.

/** Wraps the store key with an OS facility (Electron safeStorage); absent in browser mode. */
export interface KeyProtector {
  /** False when the OS cannot protect secrets properly (e.g. Linux 'basic_text'). */
  isAvailable(): Promise<boolean>;
  protect(key: Buffer): Promise<string>;
  unprotect(blob: string): Promise<Buffer>;
}
