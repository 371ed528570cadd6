// The files of an audit bundle and the shapes of its JSON files, shared by the export and the verifier.
import { z } from 'zod';
import { CheckpointSchema } from '../../shared/ipc/contract.ts';

export const BUNDLE_FILES = {
  log: 'audit-log.jsonl',
  checkpoint: 'checkpoint.json',
  publicKey: 'public-key.pem',
  witnesses: 'witnesses.json',
  summary: 'SUMMARY.txt',
} as const;
export const BUNDLE_FORMAT = 'mirqab-audit-bundle/v1';
const WITNESSES_FORMAT = 'mirqab-audit-witnesses/v1';

export const CheckpointFileSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  siteName: z.string(),
  treeSize: z.number().int().nonnegative(),
  checkpoint: CheckpointSchema,
});

/** A witness's cosignature as a bundle carries it: enough to check it with no store and no agent. */
export const BundleWitnessSchema = z.object({
  witnessId: z.string(),
  name: z.string(),
  /** Ed25519 SPKI DER, base64. */
  publicKey: z.string(),
  keyFingerprint: z.string(),
  checkpoint: CheckpointSchema,
  cosignedAt: z.string(),
  cosignature: z.string(),
});
export type BundleWitness = z.infer<typeof BundleWitnessSchema>;

export const WitnessesFileSchema = z.object({
  format: z.literal(WITNESSES_FORMAT),
  witnesses: z.array(BundleWitnessSchema),
});

export function witnessesFile(witnesses: BundleWitness[]): z.infer<typeof WitnessesFileSchema> {
  return { format: WITNESSES_FORMAT, witnesses };
}
