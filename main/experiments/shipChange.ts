// Shipping a variant is a governed change: the experiment's evidence goes into a change record
// that a second person approves before the variant is deployed.
import type { ChangeRecords } from '../governance/index.ts';
import type { ActionActor } from '../fleet/runAction.ts';
import type { ShipRequest } from './service.ts';

export function proposeShipChange(
  changes: ChangeRecords,
  { experiment, reason }: ShipRequest,
  by: ActionActor,
): number {
  const analysis = experiment.analysis;
  const values: Record<string, number | string | null> = {
    controlUnits: analysis?.units.control ?? null,
    variantUnits: analysis?.units.variant ?? null,
    srmPValue: analysis?.srm?.pValue ?? null,
  };
  for (const m of analysis?.metrics ?? []) {
    values[`${m.metric}Estimate`] = m.estimate;
    values[`${m.metric}PValue`] = m.pValue;
    values[`${m.metric}ChanceToWin`] = m.chanceToWin;
  }
  const record = changes.propose(
    {
      model: experiment.model,
      kind: 'ship_variant',
      fromVersion: experiment.control,
      toVersion: experiment.variant,
      config: {
        experimentId: experiment.id,
        experiment: experiment.name,
        variantPercent: experiment.variantPercent,
        hosts: experiment.hosts.join(', '),
      },
      reason,
      requestId: null,
      source: 'experiment',
      evidence: {
        summary: `Experiment "${experiment.name}": ${experiment.variant} against ${experiment.control} on ${experiment.model}, primary metric ${experiment.primaryMetric}.`,
        test: "Welch's t (always-valid confidence sequence), Beta-Binomial chance to win, χ² sample ratio check",
        signal: experiment.primaryMetric,
        windows: [],
        series: [],
        values,
      },
    },
    by,
  );
  return record.id;
}
