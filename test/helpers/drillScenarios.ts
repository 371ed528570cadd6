// An operator's own drill scenario and the names of the built-in ones, for the library and CLI tests.

/** Rack B loses cooling: a valid scenario of two hosts; `host: sim-gpu-01` is on line 13. */
export const COOLING_SCENARIO = `apiVersion: mirqab/v1
kind: DrillScenario
name: rack-b-cooling
version: 1
title: Rack B loses cooling
description: Both GPUs of sim-gpu-01 run hot.
category: throttling
durationMinutes: 40
site: { hosts: 2, gpusPerHost: 2, models: [llama-3-8b] }
injects:
  - at: 5
    kind: thermal_throttle
    target: { host: sim-gpu-01 }
    durationMinutes: 30
hints:
  - { at: 10, text: Compare the GPUs' temperatures. }
expected:
  detectWithinMinutes: 10
  acknowledgeWithinMinutes: 15
  mitigateWithinMinutes: 30
  priority: P3
  runbook: scale-out
  requiredSteps: [scale]
`;

export const BUILTIN_SCENARIOS = [
  'bad-model-deploy',
  'data-pipeline-stall',
  'gpu-node-xid',
  'suspected-data-breach',
  'thermal-throttle',
  'traffic-surge',
];
