// The attempt limiter on its own: free failures, doubling waits capped at 15 minutes, forgetting
// after a quiet hour, success clearing the account (not the client), and an admin's clear.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { AttemptLimiter, type Attempt, type Refusal } from '../../../main/identity/attempts.ts';

const T0 = Date.parse('2026-11-26T06:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);
const MINUTE = MINUTE_MS;

function mustBegin(
  limiter: AttemptLimiter,
  target: Parameters<AttemptLimiter['begin']>[0],
  now: Date,
): Attempt {
  const result = limiter.begin(target, now);
  if (result.refused)
    throw new Error(
      `refused by ${result.key.scope}:${result.key.id} until ${result.retryAt.toISOString()}`,
    );
  return result;
}

describe('the attempt limiter', () => {
  it('gives five free failures per account, then waits that double up to 15 minutes and end', () => {
    const limiter = new AttemptLimiter();
    const target = { account: 'admin', source: 's1' };
    let now = 0;
    for (let i = 0; i < 4; i += 1)
      expect(mustBegin(limiter, target, at(now)).failed(at(now))).toEqual([]);
    const waits = mustBegin(limiter, target, at(now)).failed(at(now));
    expect(waits).toEqual([
      { key: { scope: 'account', id: 'admin' }, until: at(30_000), failures: 5 },
    ]);
    const ends: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const refusal = limiter.begin(target, at(now)) as Refusal;
      expect(refusal.refused).toBe(true);
      now = refusal.retryAt.getTime() - T0;
      ends.push(now);
      mustBegin(limiter, target, at(now)).failed(at(now));
    }
    const gaps = ends.map((end, i) => end - (i === 0 ? 0 : ends[i - 1]!));
    expect(gaps).toEqual([0.5, 1, 2, 4, 8, 15, 15, 15, 15, 15].map((m) => m * MINUTE));
  });

  it('never makes anyone wait longer than 15 minutes after the last failure, whatever the sequence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 * MINUTE }), { maxLength: 200 }),
        (gaps) => {
          const limiter = new AttemptLimiter();
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            const result = limiter.begin({ account: 'admin', source: 'attacker' }, at(now));
            if (result.refused)
              expect(result.retryAt.getTime() - (T0 + now)).toBeLessThanOrEqual(15 * MINUTE);
            else result.failed(at(now));
          }
          // Fifteen minutes after whatever happened last, the owner may try again.
          expect(
            limiter.begin({ account: 'admin', source: 'attacker' }, at(now + 15 * MINUTE)).refused,
          ).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('forgets a streak after an hour without failures', () => {
    const limiter = new AttemptLimiter();
    const target = { account: 'admin', source: 's1' };
    for (let i = 0; i < 4; i += 1) mustBegin(limiter, target, at(0)).failed(at(0));
    expect(mustBegin(limiter, target, at(60 * MINUTE + 1)).failed(at(60 * MINUTE + 1))).toEqual([]);
  });

  it('a success clears the account but not the client that failed', () => {
    const limiter = new AttemptLimiter();
    for (let i = 0; i < 19; i += 1)
      mustBegin(limiter, { account: `user${i}`, source: 'spray' }, at(0)).failed(at(0));
    mustBegin(limiter, { account: 'mine', source: 'spray' }, at(0)).succeeded();
    const waits = mustBegin(limiter, { account: 'other', source: 'spray' }, at(0)).failed(at(0));
    expect(waits.map((w) => w.key)).toEqual([{ scope: 'source', id: 'spray' }]);
  });

  it('usernames are compared case-insensitively', () => {
    const limiter = new AttemptLimiter();
    for (const name of ['Admin', 'ADMIN', ' admin', 'admiN', 'admin'])
      mustBegin(limiter, { account: name, source: 's' }, at(0)).failed(at(0));
    expect(limiter.lockouts(at(0))).toEqual([
      { scope: 'account', id: 'admin', failures: 5, lockedUntil: at(30_000).toISOString() },
    ]);
  });

  it('an admin clears a key, after which it starts afresh', () => {
    const limiter = new AttemptLimiter();
    for (let i = 0; i < 5; i += 1)
      mustBegin(limiter, { account: 'omar', source: 's' }, at(0)).failed(at(0));
    expect(limiter.clear({ scope: 'account', id: 'Omar' }, at(1000))).toEqual({
      scope: 'account',
      id: 'omar',
      failures: 5,
      lockedUntil: at(30_000).toISOString(),
    });
    expect(limiter.clear({ scope: 'account', id: 'omar' }, at(1000))).toBeNull();
    expect(limiter.lockouts(at(1000))).toEqual([]);
    expect(mustBegin(limiter, { account: 'omar', source: 's' }, at(1000)).failed(at(1000))).toEqual(
      [],
    );
  });

  it('a released attempt counts nothing', () => {
    const limiter = new AttemptLimiter();
    for (let i = 0; i < 50; i += 1)
      mustBegin(limiter, { store: 'passphrase', source: 's' }, at(0)).release();
    expect(limiter.lockouts(at(0))).toEqual([]);
  });
});
