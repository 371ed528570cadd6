// The kinds of fault a simulated fleet can be given (see faults.ts for the spec and its schema), in
// a module with no dependencies, so a command line can list them in its help without loading zod.
export const GPU_FAULTS = [
  'gpu_xid_error',
  'ecc_uncorrectable',
  'thermal_throttle',
  'power_cap',
] as const;
export const MODEL_FAULTS = [
  'latency_spike',
  'error_burst',
  'accuracy_drop',
  'data_pipeline_stall',
  // A new model version that fails more requests and answers less accurately; stays until rolled back.
  'bad_model_deploy',
  // More requests than usual (a launch, a retry storm) while it lasts: arrivals × params.factor.
  'traffic_surge',
  // Prediction-log drift: inputs move by params.factor standard deviations (default 2).
  'covariate_shift',
  // An upstream feature arrives as 0 for every row.
  'broken_feature',
  // The positive class occurs with share params.ratio (default 0.6, normally 0.2).
  'label_shift',
] as const;
export const HOST_FAULTS = ['host_down', 'network_partition'] as const;
export const FAULT_KINDS = [...GPU_FAULTS, ...MODEL_FAULTS, ...HOST_FAULTS] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
