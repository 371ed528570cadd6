// Drills: each channel names the actor and calls the drill service, the scenario library or the
// drill report; the rules live in main/drills and main/reports. Joining hands this client's shell
// the workspace session (see drillRouting.ts).
import type { DrillScenarioLibrary } from '../drills/library.ts';
import { scenarioDetail } from '../drills/scenarioView.ts';
import type { DrillService } from '../drills/service.ts';
import type { DrillRunDetail } from '../../shared/ipc/drillSchemas.ts';
import type { z } from 'zod';
import type { ReportExportSchema } from '../../shared/ipc/sloSchemas.ts';
import type { Actor } from '../identity/index.ts';
import { requireActor, requireSession, type DomainHandlers } from './handler.ts';

type ReportExport = z.infer<typeof ReportExportSchema>;

/** The drill report (main/reports): PDF or CSV files of one finished drill, audited. */
export interface DrillReportExporter {
  export(
    detail: DrillRunDetail,
    debriefQuestions: string[],
    format: 'pdf' | 'csv',
    actor: Actor,
    language: 'en' | 'ar',
  ): Promise<ReportExport> | ReportExport;
}

export function drillHandlers(
  drills: DrillService,
  library: DrillScenarioLibrary,
  reports: DrillReportExporter,
): DomainHandlers<
  | 'drill.scenarios'
  | 'drill.scenario'
  | 'drill.importScenario'
  | 'drill.status'
  | 'drill.start'
  | 'drill.pause'
  | 'drill.resume'
  | 'drill.inject'
  | 'drill.hint'
  | 'drill.end'
  | 'drill.join'
  | 'drill.leave'
  | 'drill.runs'
  | 'drill.run'
  | 'drill.saveDebrief'
  | 'drill.purge'
  | 'drill.export'
  | 'drill.schedules'
  | 'drill.saveSchedule'
  | 'drill.deleteSchedule'
> {
  const done = { done: true } as const;
  return {
    'drill.scenarios': () => library.list(),
    'drill.scenario': (input) => scenarioDetail(library.get(input.name, input.version)),
    'drill.importScenario': (input, call) => library.import(input.text, requireActor(call)),
    'drill.status': (_input, call) => drills.status(call.ctx.drillToken ?? null),
    'drill.start': (input, call) => drills.start(input, requireActor(call)),
    'drill.pause': (_input, call) => (drills.pause(requireActor(call)), done),
    'drill.resume': (_input, call) => (drills.resume(requireActor(call)), done),
    'drill.inject': async (input, call) => (
      await drills.inject(input.index, requireActor(call)),
      done
    ),
    'drill.hint': (input, call) => (drills.hint(input.index, requireActor(call)), done),
    'drill.end': (_input, call) => drills.end(requireActor(call)),
    'drill.join': async (_input, call) => {
      const session = requireSession(call);
      const token = await drills.join(
        session.actor,
        session.operator.displayName,
        call.ctx.sessionToken!,
      );
      call.ctx.setSessionToken(token);
      return done;
    },
    // Reached here only by a client not in a drill (the router answers for those in one).
    'drill.leave': () => done,
    'drill.runs': () => drills.records.runs(),
    'drill.run': (input) => drills.records.run(input.id),
    'drill.saveDebrief': (input, call) =>
      drills.records.saveDebrief(input.id, input.debrief, input.actionItems, requireActor(call)),
    'drill.purge': (input, call) => (drills.records.purge(input.id, requireActor(call)), done),
    'drill.export': (input, call) =>
      reports.export(
        drills.records.run(input.id),
        drills.records.debriefQuestions(input.id),
        input.format,
        requireActor(call),
        input.language,
      ),
    'drill.schedules': () => drills.records.schedules(),
    'drill.saveSchedule': (input, call) => drills.records.saveSchedule(input, requireActor(call)),
    'drill.deleteSchedule': (input, call) => (
      drills.records.deleteSchedule(input.id, requireActor(call)),
      done
    ),
  };
}
