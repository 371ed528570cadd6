// Every built-in scenario, run headless against its simulated site (see describeBuiltins). Split
// over two files so the runs share the machine's cores.
import { describeBuiltins } from './headlessRun.ts';

describeBuiltins(['data-pipeline-stall', 'traffic-surge', 'suspected-data-breach']);
