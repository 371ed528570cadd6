// Follows a log file as `tail -F` does: new lines as they are appended; after a rename (rotation)
// the old file is read to its end and the new one from its start; a truncated file is read again
// from the top. Polled (stat + read), so it works the same on every filesystem.
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** A line longer than this is no prediction record: it is skipped and counted. */
const MAX_LINE_BYTES = 1024 * 1024;
const CHUNK = 256 * 1024;

export interface FollowedLines {
  lines: string[];
  /** Lines skipped for being too long. */
  skipped: number;
}

export class LogFollower {
  private fd: number | null = null;
  private ino = -1;
  private offset = 0;
  private partial = '';
  private skipping = false;
  private readonly buffer = Buffer.allocUnsafe(CHUNK);
  /** Keeps a character split across two reads whole. */
  private decoder = new StringDecoder('utf8');

  constructor(
    readonly path: string,
    private startAt: 'beginning' | 'end',
  ) {
    this.poll(0); // takes the starting position now, so lines appended from here on are read
  }

  /** Reads what was appended since the last call (at most maxBytes). */
  poll(maxBytes = 16 * 1024 * 1024): FollowedLines {
    const out: FollowedLines = { lines: [], skipped: 0 };
    const current = statSync(this.path, { throwIfNoEntry: false });
    if (this.fd !== null && (!current || current.ino !== this.ino)) {
      // Rotated away (or deleted): finish the old file first, then move on to the new one.
      this.read(out, maxBytes);
      this.flushPartial(out);
      this.close();
    }
    if (this.fd === null && current) {
      try {
        this.fd = openSync(this.path, 'r');
      } catch {
        return out; // gone again between stat and open: next poll
      }
      const opened = fstatSync(this.fd);
      this.ino = opened.ino;
      this.offset = this.startAt === 'end' ? opened.size : 0;
    }
    // Only a file there at the start is skipped to its end; one that appears later is new, read whole.
    this.startAt = 'beginning';
    if (this.fd !== null) {
      if (fstatSync(this.fd).size < this.offset) {
        this.offset = 0; // truncated in place (copytruncate)
        this.partial = '';
        this.skipping = false;
      }
      this.read(out, maxBytes);
    }
    return out;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.ino = -1;
    this.partial = '';
    this.skipping = false;
    this.decoder = new StringDecoder('utf8');
  }

  private read(out: FollowedLines, maxBytes: number): void {
    if (this.fd === null) return;
    let budget = maxBytes;
    while (budget > 0) {
      const n = readSync(this.fd, this.buffer, 0, Math.min(CHUNK, budget), this.offset);
      if (n <= 0) break;
      this.offset += n;
      budget -= n;
      this.split(this.decoder.write(this.buffer.subarray(0, n)), out);
    }
  }

  private split(text: string, out: FollowedLines): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const piece = text.slice(start, nl);
      start = nl + 1;
      if (this.skipping) {
        this.skipping = false;
        continue;
      }
      const line = this.partial ? this.partial + piece : piece;
      this.partial = '';
      if (line.length > 0) out.lines.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    if (this.skipping) return;
    this.partial += text.slice(start);
    if (this.partial.length > MAX_LINE_BYTES) {
      this.partial = '';
      this.skipping = true;
      out.skipped++;
    }
  }

  /** A last line without its newline, in a file that will grow no more. */
  private flushPartial(out: FollowedLines): void {
    if (this.partial.length > 0 && !this.skipping) out.lines.push(this.partial);
    this.partial = '';
  }
}
