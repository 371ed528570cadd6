// The composition root: store → repositories → services → API handlers. The shells (main/shell for
// Electron, main/host for browsers) wrap what this returns; nothing here imports Electron.
import { alertRuleHandlers } from './api/alertRules.ts';
import { auditHandlers } from './api/audit.ts';
import { CheckpointSchedule, auditHead } from './audit/index.ts';
import { authHandlers } from './api/auth.ts';
import { AuditChangeNotices } from './core/auditNotices.ts';
import { AuditTrail } from './core/auditTrail.ts';
import { EventBus } from './core/events.ts';
import { fleetHandlers } from './api/fleet.ts';
import type { ApiHandlers, ApiServices } from './api/handler.ts';
import { intakeHandlers } from './api/intake.ts';
import { modelHandlers } from './api/models.ts';
import { driftHandlers } from './api/drift.ts';
import { oncallHandlers } from './api/oncall.ts';
import { operatorHandlers } from './api/operators.ts';
import { createDispatcher } from './api/pipeline.ts';
import { settingsHandlers } from './api/settings.ts';
import { telemetryStorageHandlers } from './api/telemetryStorage.ts';
import { setupHandlers } from './api/setup.ts';
import { SiteSettings } from './core/settings.ts';
import { Site } from './core/site.ts';
import { systemClock } from './core/clock.ts';
import { type ConsoleApp } from './api/types.ts';
import type { ConsoleOptions } from './consoleOptions.ts';
import { stderrLogger, type Logger } from './log.ts';
import { AttemptLimiter, createIdentity, tryOpenWithProtectedKey } from './identity/index.ts';
import { openStore, secureDataDir, unwrapKeyWithPassphrase } from './store/db.ts';
import { SECOND_MS } from '../shared/domain/time.ts';
import { DemoSite } from './fleet/demoSite.ts';
import { FleetService } from './fleet/service.ts';
import { ModelVersionService } from './models/service.ts';
import { DriftService } from './drift/service.ts';
import { sloHandlers } from './api/slo.ts';
import { createChromiumPrinter, type PdfPrinter } from './reports/pdf.ts';
import { Enforcer } from './slo/enforcement.ts';
import { SloEvaluator } from './slo/evaluator.ts';
import { SloService } from './slo/service.ts';
import { SlaReports } from './reports/slaReports.ts';
import { Escalator } from './incidents/escalation/escalator.ts';
import { AlertSources } from './incidents/sources/index.ts';
import { throttledBatch } from '../shared/util/throttledBatch.ts';
import { EscalationPolicyService } from './incidents/escalation/policyService.ts';
import { OnCallService } from './incidents/oncall/service.ts';
import { incidentHandlers } from './api/incidents.ts';
import { notifyHandlers } from './api/notify.ts';
import { createNotifications, OUTBOX_POLL_MS } from './incidents/notify/index.ts';
import { AlertPipeline } from './incidents/pipeline.ts';
import { AlertRuleService } from './incidents/sources/index.ts';
import { AlertmanagerIntake } from './incidents/intake/alertmanagerIntake.ts';
import { IntakeTokens } from './incidents/intake/tokens.ts';
import { AlertStreamService } from './incidents/alertStreamService.ts';
import { IncidentChanges } from './incidents/changes.ts';
import { IncidentService } from './incidents/incidentService.ts';
import { SloAlertSource } from './incidents/sloAlerts.ts';
import { runbookHandlers } from './api/runbooks.ts';
import { Runbooks } from './runbooks/index.ts';
import { postmortemHandlers } from './api/postmortems.ts';
import { ActionItemService } from './postmortems/actionItemService.ts';
import { PostmortemService } from './postmortems/postmortemService.ts';
import { PostmortemReports } from './reports/postmortemReports.ts';
import { drillHandlers } from './api/drills.ts';
import { routeDrillSessions } from './api/drillRouting.ts';
import { DrillScenarioLibrary } from './drills/library.ts';
import { DrillService } from './drills/service.ts';
import type { OpenWorkspace } from './drills/workspace.ts';
import { DrillReports } from './reports/drillReports.ts';
import { createGovernance } from './governance/index.ts';
import { ChangeRecordReports } from './reports/changeRecordReports.ts';
import { governanceHandlers } from './api/governance.ts';
import { experimentHandlers } from './api/experiments.ts';
import { ExperimentService } from './experiments/service.ts';
import { proposeShipChange } from './experiments/shipChange.ts';
import { listSlos } from './slo/sloRepository.ts';
import { LEGACY_SCRYPT_COST } from './store/scrypt.ts';

/** How often idle sessions are looked for by default; a lock lands within this of the configured inactivity. */
const IDLE_SWEEP_MS = 30 * SECOND_MS;

export type { ConsoleOptions } from './consoleOptions.ts';

export async function createConsole(options: ConsoleOptions): Promise<ConsoleApp> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? stderrLogger;
  const { tightenedFrom } = secureDataDir(options.dataDir);
  if (tightenedFrom !== null) {
    logger.warn(
      `The data folder was open to other accounts (mode ${tightenedFrom.toString(8)}); it is now 700.`,
      { dataDir: options.dataDir },
    );
  }
  const site = new Site(options.dataDir, clock, options.keyProtector, options.kdf);

  if (site.state() === 'locked' && options.passphrase) {
    const key = await unwrapKeyWithPassphrase(site.dataDir, options.passphrase, { cost: site.kdf });
    site.attach(openStore(site.dataDir, key), key);
  } else if (site.state() === 'locked') {
    await tryOpenWithProtectedKey(site);
  }

  const events = new EventBus();
  // Every audit entry, whoever appends it, refreshes the Audit view: a burst makes few events.
  const auditNotices = new AuditChangeNotices(
    (seq) => events.emit('audit.changed', { seq }),
    () => (site.state() === 'ready' ? auditHead(site.store()).seq : null),
  );
  site.onAuditAppended(() => auditNotices.noteAppended());
  const identity = createIdentity({
    site,
    events,
    clock,
    attempts: new AttemptLimiter(),
    shell: options.shell,
    version: options.version,
  });
  const fleet = new FleetService({
    store: () => site.store(),
    events,
    logger,
    clock,
    siteName: () => site.settings().siteName,
    config: options.fleet,
  });
  if (options.onBatchCommitted) fleet.ingestEvents.onBatchCommitted(options.onBatchCommitted);
  // Model versions: learned from telemetry labels and deploy/rollback results; incidents mark suspects.
  const models = new ModelVersionService({
    store: () => site.store(),
    events,
    clock,
    logger,
    fleet,
  });
  const demo = new DemoSite({
    dataDir: options.dataDir,
    fleet,
    logger,
    now: () => clock.now().getTime(),
  });
  // Checkpoints on a schedule and after sensitive entries, each shown to the witnessing agents.
  const checkpoints = new CheckpointSchedule({
    store: () => (site.state() === 'ready' ? site.store() : null),
    now: () => clock.now(),
    logger,
    ...options.audit,
    onCheckpoint: () => fleet.presentLatestCheckpoint(),
  });
  // Looked at after every append's transaction has committed (not on the throttled audit.changed), so
  // a sensitive entry is checkpointed before the call that wrote it returns.
  let isCheckpointLookQueued = false;
  site.onAuditAppended(() => {
    if (isCheckpointLookQueued) return;
    isCheckpointLookQueued = true;
    queueMicrotask(() => {
      isCheckpointLookQueued = false;
      checkpoints.tick();
    });
  });
  const enforcer = new Enforcer({
    store: () => site.store(),
    runAction: (request, by) => fleet.runAction(request, by),
    clock,
    events,
    actionsOf: (hostId) => fleet.connections.actionsOf(hostId),
  });
  const evaluator = new SloEvaluator({
    store: () => site.store(),
    events,
    clock,
    logger,
    timeZone: () => site.settings().timeZone,
    enforcer,
    config: options.slo,
  });
  const pdfPrinter =
    options.pdfPrinter ?? createChromiumPrinter({ onNotice: (message) => logger.warn(message) });
  // Every report export: the site's store and clock, its zone and name, the data folder, the printer.
  const reportOptions = {
    store: () => site.store(),
    clock,
    timeZone: () => site.settings().timeZone,
    siteName: () => site.settings().siteName,
    dataDir: options.dataDir,
    printer: pdfPrinter,
  };
  const slas = new SlaReports(reportOptions);
  // Incident response: every alert source feeds one pipeline; SLO burn-rate alerts follow each evaluation.
  const incidentChanges = new IncidentChanges(events, () => site.store());
  // Pages reach the console at once, and the site's SMTP relay and chat webhook through the outbox.
  const notifications = createNotifications({
    store: () => (site.state() === 'ready' ? site.store() : null),
    clock,
    events,
    logger,
    siteName: () => site.settings().siteName,
    timeZone: () => site.settings().timeZone,
    onTimelineChanged: (ids) => incidentChanges.note(ids, false),
  });
  const sloSummaries = () => evaluator.summaries();
  const pipeline = new AlertPipeline({
    store: () => site.store(),
    clock,
    changes: incidentChanges,
    sloSummaries,
    config: { ...options.incidents, isDrillWorkspace: options.isDrillWorkspace === true },
  });
  const incidents = new IncidentService({
    store: () => site.store(),
    clock,
    changes: incidentChanges,
    sloSummaries,
    timeZone: () => site.settings().timeZone,
  });
  const alertStream = new AlertStreamService({
    store: () => site.store(),
    clock,
    changes: incidentChanges,
    pipeline,
  });
  // The site's Alertmanager delivers with an intake token; its alerts enter the same pipeline.
  const intakeTokens = new IntakeTokens({ store: () => site.store(), clock });
  const alertmanagerIntake = new AlertmanagerIntake({
    tokens: intakeTokens,
    pipeline,
    store: () => site.store(),
    isReady: () => site.state() === 'ready',
    clock,
    logger,
  });
  const sloAlerts = new SloAlertSource(() => site.store(), pipeline);
  events.on((event, payload) => {
    if (event !== 'slo.changed' || !(payload as { isAlertsChanged: boolean }).isAlertsChanged)
      return;
    try {
      sloAlerts.sync();
    } catch (error) {
      logger.error('incidents: taking SLO alerts failed', { error: String(error) });
    }
  });
  const oncallDeps = {
    store: () => site.store(),
    events,
    clock,
    timeZone: () => site.settings().timeZone,
  };
  // GPU health, hosts and agents, threshold rules and model quality: evaluated on a timer, and within a
  // second of new telemetry, so an agent's event becomes an incident without waiting for the timer.
  const alertSources = new AlertSources({
    store: () => site.store(),
    clock,
    logger,
    fleet,
    pipeline,
    config: options.alertSources,
  });
  const evaluateSources = throttledBatch(SECOND_MS, () => {
    if (site.state() !== 'ready') return;
    try {
      alertSources.tick(clock.now().getTime());
    } catch (error) {
      logger.error('alert sources: evaluation failed', { error: String(error) });
    }
  });
  events.on((event) => {
    if (event === 'fleet.changed') evaluateSources.add([]);
  });
  const escalator = new Escalator({
    ...oncallDeps,
    logger,
    pager: notifications.notifier,
    everyMs: options.escalateEveryMs,
    onIncidentsChanged: (ids) => incidentChanges.note(ids, false),
  });
  // Postmortems: written from incidents, reviewed, published, exported through the report pipeline.
  const postmortems = new PostmortemService({
    store: () => site.store(),
    clock,
    events,
    timeZone: () => site.settings().timeZone,
    onIncidentTimeline: (ids) => incidentChanges.note(ids, false),
  });
  const postmortemReports = new PostmortemReports({ ...reportOptions, postmortems });
  // Runbooks act through the fleet's action path; their health gates watch the fleet's readings.
  const runbooks = new Runbooks({
    store: () => site.store(),
    clock,
    events,
    logger,
    runAction: (request, by) => fleet.runAction(request, by),
    actionsOf: (hostId) => fleet.connections.actionsOf(hostId),
    readings: (hostId) => fleet.connections.live.values(hostId),
    pager: notifications.notifier,
    timeZone: () => site.settings().timeZone,
    onIncidentsChanged: (ids) => incidentChanges.note(ids, false),
  });
  // Drills: each in a workspace of its own (a console on the drill's folder and clock); the site's
  // store keeps only the record (scenario, people, score, debrief).
  const drillLibrary = new DrillScenarioLibrary({
    store: () => site.store(),
    clock,
    onChanged: () => events.emit('drill.changed', { runId: null }),
  });
  const drills = new DrillService({
    store: () => site.store(),
    clock,
    events,
    logger,
    dataDir: options.dataDir,
    timeZone: () => site.settings().timeZone,
    openWorkspace: drillWorkspaceOpener({ version: options.version, logger, pdfPrinter }),
    scenarios: drillLibrary,
  });
  const drillReports = new DrillReports(reportOptions);
  // Retraining triggers and change records: rules read the fleet's readings and SLOs; requests go to
  // the site's pipeline; deploys, rollbacks and new versions reported by agents settle them.
  const governance = createGovernance({
    store: () => site.store(),
    isReady: () => site.state() === 'ready',
    clock,
    events,
    logger,
    fleet,
    siteName: () => site.settings().siteName,
    sloSummaries,
  });
  // Model A/B experiments: the split goes through the fleet's action path; a guardrail or SRM stop
  // raises its alert through the incident pipeline; shipping a variant opens a change record.
  const experiments = new ExperimentService({
    store: () => site.store(),
    clock,
    events,
    logger,
    runAction: (request, by) => fleet.runAction(request, by),
    liveValues: (hostId) => fleet.connections.live.values(hostId),
    slos: () => listSlos(site.store()),
    alerts: pipeline,
    proposeShip: (request, by) => proposeShipChange(governance.changes, request, by),
  });
  const evaluateExperiments = throttledBatch(SECOND_MS, () => {
    if (site.state() === 'ready') void experiments.evaluate();
  });
  events.on((event) => {
    if (event === 'fleet.changed') evaluateExperiments.add([]);
  });
  const changeReports = new ChangeRecordReports({ ...reportOptions, changes: governance.changes });
  const services: ApiServices = {
    site,
    identity,
    settings: new SiteSettings({ site, events }),
    auditTrail: new AuditTrail(site),
  };
  const handlers: ApiHandlers = {
    ...setupHandlers(services),
    ...authHandlers(services),
    ...auditHandlers(services),
    ...operatorHandlers(services),
    ...settingsHandlers(services),
    ...fleetHandlers(fleet, demo),
    ...telemetryStorageHandlers(fleet),
    ...sloHandlers(new SloService(evaluator, enforcer), slas),
    ...notifyHandlers(notifications.service),
    ...oncallHandlers(new OnCallService(oncallDeps), new EscalationPolicyService(oncallDeps)),
    ...incidentHandlers(incidents, alertStream),
    ...alertRuleHandlers(new AlertRuleService({ store: () => site.store(), clock })),
    ...intakeHandlers(intakeTokens),
    ...modelHandlers(models),
    ...driftHandlers(new DriftService({ store: () => site.store(), clock })),
    ...runbookHandlers(runbooks),
    ...postmortemHandlers(
      postmortems,
      new ActionItemService({
        store: () => site.store(),
        clock,
        events,
        timeZone: () => site.settings().timeZone,
      }),
      postmortemReports,
    ),
    ...drillHandlers(drills, drillLibrary, drillReports),
    ...governanceHandlers(governance, changeReports),
    ...experimentHandlers(experiments),
  };
  // A chore on a timer: a failure is logged, never thrown into the timer.
  const chore = (what: string, run: () => void) => () => {
    try {
      run();
    } catch (error) {
      logger.error(`${what} failed`, { error: String(error) });
    }
  };
  // Inactivity locks happen (audited, told) even for a session nobody uses and no event reaches.
  const sweepIdleSessions = chore('sessions: the inactivity sweep', () =>
    identity.sessions.sweepIdle(clock.now()),
  );
  let idleSweep: NodeJS.Timeout | undefined;
  // Alerts held by a silence that ran out go back through the pipeline; drills that fell due are told.
  let silenceSweep: NodeJS.Timeout | undefined;
  const releaseAlerts = chore('incidents: releasing silenced alerts', () => alertStream.sweep());
  const remindDrills = chore('drills: looking for due drills', () => drills.records.remindDue());
  const releaseSilenced = () => {
    releaseAlerts();
    remindDrills();
  };
  // The fleet dials its agents once the store is open: now, or after the call that opens it.
  site.onOpen(() => {
    fleet
      .start()
      .catch((error: unknown) => logger.error('fleet: start failed', { error: String(error) }));
    demo
      .resume()
      .catch((error: unknown) =>
        logger.error('demo site: resume failed', { error: String(error) }),
      );
    evaluator.start();
    notifications.worker.start(OUTBOX_POLL_MS);
    escalator.start();
    runbooks.start();
    drills.recoverInterrupted();
    alertSources.start();
    governance.start();
    checkpoints.start();
    checkpoints.tick();
    idleSweep ??= setInterval(sweepIdleSessions, options.idleSweepMs ?? IDLE_SWEEP_MS).unref();
    silenceSweep ??= setInterval(releaseSilenced, options.idleSweepMs ?? IDLE_SWEEP_MS).unref();
  });

  const siteConsole: ConsoleApp = {
    dispatch: createDispatcher(identity.sessions, clock, handlers, logger),
    onEvent: (listener) => events.on(listener),
    canReceive: (token, audience) => identity.sessions.canReceive(token, audience, clock.now()),
    alertmanagerIntake,
    tick: async () => {
      if (site.state() !== 'ready') return;
      const nowMs = clock.now().getTime();
      await evaluator.evaluateNow();
      alertSources.tick(nowMs);
      escalator.tick(nowMs);
      alertStream.sweep(nowMs);
      await runbooks.tickGates();
      await experiments.evaluate();
      await governance.triggers.tick();
    },
    close: () => {
      clearInterval(idleSweep);
      clearInterval(silenceSweep);
      auditNotices.stop();
      void demo.stop();
      evaluator.stop();
      notifications.worker.stop();
      escalator.stop();
      runbooks.stop();
      evaluateSources.cancel();
      evaluateExperiments.cancel();
      alertSources.stop();
      governance.stop();
      checkpoints.stop();
      void drills.stop();
      if (site.state() === 'ready') models.flush();
      fleet.stop();
      site.close();
    },
  };
  return routeDrillSessions(siteConsole, drills.sessions, (listener) =>
    drills.onWorkspaceOpened(listener),
  );
}

/**
 * Opens a console as a drill's workspace: this same composition root on the drill's own folder and
 * clock, with every incident marked as a drill's. The drill layer gets it as a function.
 */
export function drillWorkspaceOpener(base: {
  version: string;
  logger: Logger;
  pdfPrinter?: PdfPrinter;
}): OpenWorkspace {
  return ({ dir, clock, onBatchCommitted }) =>
    createConsole({
      dataDir: dir,
      shell: 'browser',
      version: base.version,
      clock,
      logger: base.logger,
      pdfPrinter: base.pdfPrinter,
      isDrillWorkspace: true,
      // A drill's handful of agents send once per step, and the step waits for their commit.
      fleet: { ingestFlushMs: 2 },
      onBatchCommitted: (info) => onBatchCommitted(info.hostId),
      // The workspace's passphrase and passwords are random secrets made for one drill, so key
      // stretching adds nothing: the lowest cost the store accepts keeps set-up and sign-ins quick.
      kdf: LEGACY_SCRYPT_COST,
    });
}
