// The sample log's row format: one group commit's samples as three columns (series id, time in
// milliseconds, value), each a float64 in the machine's byte order, so a commit is one blob written
// in one statement, and the value keeps its exact bits (NaN payloads, -0).

/** Encodes parts of a commit (sample i of a part belongs to series ids[i]). */
export function encodeLog(
  parts: readonly { ids: readonly number[]; samples: readonly { tsMs: number; value: number }[] }[],
): { count: number; data: Uint8Array } {
  const count = parts.reduce((n, p) => n + p.samples.length, 0);
  const cols = new Float64Array(count * 3);
  let i = 0;
  for (const { ids, samples } of parts)
    for (let j = 0; j < samples.length; j++, i++) {
      cols[i] = ids[j]!;
      cols[count + i] = samples[j]!.tsMs;
      cols[2 * count + i] = samples[j]!.value;
    }
  return { count, data: new Uint8Array(cols.buffer) };
}

/** Calls `visit` with each logged sample, in the order it was committed. */
export function decodeLog(
  data: Uint8Array,
  visit: (seriesId: number, tsMs: number, value: number) => void,
): void {
  if (data.byteLength % 24 !== 0) throw new RangeError('sample log row is truncated');
  // A copy: a blob read from the store need not be aligned for a Float64Array view.
  const cols = new Float64Array(new Uint8Array(data).buffer);
  const count = cols.length / 3;
  for (let i = 0; i < count; i++) visit(cols[i]!, cols[count + i]!, cols[2 * count + i]!);
}
