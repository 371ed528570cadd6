// Alertmanager's four matcher operators and the flags the contract stores them as.
export type MatchOp = '=' | '!=' | '=~' | '!~';
export const MATCH_OPS: readonly MatchOp[] = ['=', '!=', '=~', '!~'];

export interface MatcherFlags {
  isRegex: boolean;
  isEqual: boolean;
}

export function opOf(m: MatcherFlags): MatchOp {
  if (m.isRegex) return m.isEqual ? '=~' : '!~';
  return m.isEqual ? '=' : '!=';
}

export function flagsOf(op: MatchOp): MatcherFlags {
  return { isRegex: op.endsWith('~'), isEqual: !op.startsWith('!') };
}
