// A drill report's own words in English and Arabic. The warning that the report is a simulation heads
// every printed page and opens every CSV, so nobody mistakes a drill for a real incident.
import type { ScoreComponentKey } from '../../shared/domain/drills/score.ts';
import type { DrillTimelineEntryView } from '../../shared/ipc/drillSchemas.ts';
import type { ReportLanguage } from './reportText.ts';

export type TimelineKind = DrillTimelineEntryView['kind'];

export type DrillWords = {
  /** Printed at the head of every page. */
  simulated: string;
  banner: string;
  title: string;
  scenario: string;
  version: string;
  team: string;
  facilitator: string;
  participants: string;
  nobody: string;
  mode: string;
  modes: Record<'live' | 'headless', string>;
  speed: string;
  maxSpeed: string;
  started: string;
  ended: string;
  notEnded: string;
  state: string;
  states: Record<'running' | 'ended' | 'failed', string>;
  incident: string;
  noIncident: string;
  error: string;
  purged: string;
  score: string;
  scoreOf: string;
  noScore: string;
  components: string;
  componentsIntro: string;
  component: string;
  target: string;
  outcome: string;
  points: string;
  pointsOf: string;
  totalPoints: string;
  labels: Record<ScoreComponentKey, string>;
  evidence: string;
  noEvidence: string;
  minuteAt: string;
  timeline: string;
  minute: string;
  kind: string;
  text: string;
  kinds: Record<TimelineKind, string>;
  noTimeline: string;
  debrief: string;
  notAnswered: string;
  noQuestions: string;
  actionItems: string;
  item: string;
  owner: string;
  unassigned: string;
  noActionItems: string;
};

const en: DrillWords = {
  simulated: 'DRILL — simulated incident, not production data',
  banner:
    'Everything in this report happened in a drill workspace against a simulated fleet. It is not production data and never counts in SLA figures or incident statistics.',
  title: 'Drill report',
  scenario: 'Scenario',
  version: 'version',
  team: 'Team',
  facilitator: 'Facilitator',
  participants: 'Participants',
  nobody: 'None',
  mode: 'Mode',
  modes: { live: 'Live', headless: 'Headless' },
  speed: 'speed',
  maxSpeed: 'maximum',
  started: 'Started',
  ended: 'Ended',
  notEnded: 'Not ended',
  state: 'State',
  states: { running: 'Running', ended: 'Ended', failed: 'Failed' },
  incident: 'Drill incident',
  noIncident: 'No incident was opened',
  error: 'Why the drill failed',
  purged: 'The drill workspace was purged; the score and timeline are kept.',
  score: 'Score',
  scoreOf: 'of 100',
  noScore: 'Not scored',
  components: 'Score breakdown',
  componentsIntro:
    'Scored from what the drill workspace recorded, not from what participants reported. Times: within the target earns all of a component, within twice the target half, later nothing.',
  component: 'Component',
  target: 'Target',
  outcome: 'What happened',
  points: 'Points',
  pointsOf: '{earned} of {weight}',
  totalPoints: 'Earned {earned} of {total} points.',
  labels: {
    detect: 'Detect',
    acknowledge: 'Acknowledge',
    mitigate: 'Mitigate',
    priority: 'Priority',
    category: 'Category',
    runbook: 'Runbook choice',
    steps: 'Required steps',
    commander: 'Incident commander',
    escalation: 'Escalation',
    communications: 'Communications',
    postmortem: 'Postmortem',
  },
  evidence: 'Evidence',
  noEvidence: 'No evidence recorded.',
  minuteAt: 'minute {minute}',
  timeline: 'Timeline',
  minute: 'Minute',
  kind: 'Event',
  text: 'What happened',
  kinds: {
    started: 'Started',
    inject: 'Fault injected',
    inject_ended: 'Fault ended',
    hint: 'Hint released',
    paused: 'Paused',
    resumed: 'Resumed',
    ended: 'Ended',
    response: 'Response',
  },
  noTimeline: 'No timeline was recorded.',
  debrief: 'Debrief',
  notAnswered: 'Not answered.',
  noQuestions: 'The scenario asks no debrief questions.',
  actionItems: 'Action items',
  item: 'Action item',
  owner: 'Owner',
  unassigned: 'Unassigned',
  noActionItems: 'No action items.',
};

const ar: DrillWords = {
  simulated: 'تمرين — حادث محاكى، ليست بيانات إنتاج',
  banner:
    'كل ما في هذا التقرير جرى في مساحة عمل تمرين على أسطول محاكى. ليست بيانات إنتاج، ولا تُحسب أبدًا في أرقام اتفاقيات مستوى الخدمة ولا في إحصاءات الحوادث.',
  title: 'تقرير التمرين',
  scenario: 'السيناريو',
  version: 'الإصدار',
  team: 'الفريق',
  facilitator: 'الميسّر',
  participants: 'المشاركون',
  nobody: 'لا أحد',
  mode: 'النمط',
  modes: { live: 'مباشر', headless: 'دون واجهة' },
  speed: 'السرعة',
  maxSpeed: 'القصوى',
  started: 'البداية',
  ended: 'النهاية',
  notEnded: 'لم ينتهِ',
  state: 'الحالة',
  states: { running: 'قيد التشغيل', ended: 'انتهى', failed: 'فشل' },
  incident: 'حادث التمرين',
  noIncident: 'لم يُفتح أي حادث',
  error: 'سبب فشل التمرين',
  purged: 'حُذفت مساحة عمل التمرين؛ بقيت الدرجة والخط الزمني.',
  score: 'الدرجة',
  scoreOf: 'من 100',
  noScore: 'بلا درجة',
  components: 'تفصيل الدرجة',
  componentsIntro:
    'الدرجة مما سجّلته مساحة عمل التمرين، لا مما أفاد به المشاركون. الأوقات: ضمن الهدف تنال المكوّن كاملًا، وضمن ضعفه نصفه، وبعد ذلك لا شيء.',
  component: 'المكوّن',
  target: 'الهدف',
  outcome: 'ما حدث',
  points: 'النقاط',
  pointsOf: '{earned} من {weight}',
  totalPoints: 'نال الفريق {earned} من {total} نقطة.',
  labels: {
    detect: 'الكشف',
    acknowledge: 'الإقرار',
    mitigate: 'التخفيف',
    priority: 'الأولوية',
    category: 'الفئة',
    runbook: 'اختيار دليل التشغيل',
    steps: 'الخطوات المطلوبة',
    commander: 'قائد الحادث',
    escalation: 'التصعيد',
    communications: 'التواصل',
    postmortem: 'مراجعة ما بعد الحادث',
  },
  evidence: 'الدليل',
  noEvidence: 'لم يُسجَّل دليل.',
  minuteAt: 'الدقيقة {minute}',
  timeline: 'الخط الزمني',
  minute: 'الدقيقة',
  kind: 'الحدث',
  text: 'ما حدث',
  kinds: {
    started: 'البداية',
    inject: 'حقن عطل',
    inject_ended: 'انتهاء العطل',
    hint: 'تلميح',
    paused: 'إيقاف مؤقت',
    resumed: 'استئناف',
    ended: 'النهاية',
    response: 'استجابة',
  },
  noTimeline: 'لم يُسجَّل خط زمني.',
  debrief: 'استخلاص الدروس',
  notAnswered: 'لم يُجب عنه.',
  noQuestions: 'لا يطرح السيناريو أسئلة للاستخلاص.',
  actionItems: 'الإجراءات المطلوبة',
  item: 'الإجراء',
  owner: 'المسؤول',
  unassigned: 'غير مسند',
  noActionItems: 'لا إجراءات مطلوبة.',
};

export function drillWords(language: ReportLanguage): DrillWords {
  return language === 'ar' ? ar : en;
}
