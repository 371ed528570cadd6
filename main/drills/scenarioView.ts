// A scenario as the Drills page shows it: the document's parts in plain fields, and its text.
import { injectTarget } from '../../shared/domain/drills/scenario.ts';
import type { ScenarioDetail } from '../../shared/ipc/drillSchemas.ts';
import type { StoredScenario } from './library.ts';

export function scenarioDetail({ listing, scenario, text }: StoredScenario): ScenarioDetail {
  const { expected } = scenario;
  return {
    ...listing,
    description: scenario.description,
    hosts: scenario.site.hosts,
    gpusPerHost: scenario.site.gpusPerHost,
    models: scenario.site.models,
    slos: scenario.site.slos.map((s) => s.name),
    injects: scenario.injects.map((i) => ({ at: i.at, kind: i.kind, target: injectTarget(i) })),
    hints: scenario.hints,
    debrief: scenario.debrief,
    expected: {
      detectWithinMinutes: expected.detectWithinMinutes,
      acknowledgeWithinMinutes: expected.acknowledgeWithinMinutes,
      mitigateWithinMinutes: expected.mitigateWithinMinutes,
      priority: expected.priority,
      category: expected.category ?? null,
      runbook: expected.runbook ?? null,
      requiredSteps: expected.requiredSteps,
      escalateTo: expected.escalateTo ?? null,
    },
    text,
  };
}
