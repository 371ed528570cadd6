// A postmortem export's own words in English and Arabic (terms match renderer/i18n/postmortems.*.json).
import type { SectionKey } from '../../shared/domain/postmortems/template.ts';
import type { ReportLanguage } from './reportText.ts';

type Words = {
  title: string;
  incident: string;
  state: string;
  states: Record<'draft' | 'in_review' | 'published', string>;
  revision: string;
  author: string;
  reviewers: string;
  decisions: Record<'pending' | 'approved' | 'changes_requested', string>;
  published: string;
  notPublished: string;
  blameless: string;
  groups: Record<'incident' | 'lessons' | 'ml', string>;
  sections: Record<SectionKey, string>;
  empty: string;
  actionItems: string;
  noActionItems: string;
  item: string;
  owner: string;
  due: string;
  status: string;
  statuses: Record<'open' | 'in_progress' | 'done' | 'wont_do', string>;
  overdue: string;
  charts: string;
  chartCaption: string;
  chartNoData: string;
  budgetConsumed: string;
  noCharts: string;
};

const en: Words = {
  title: 'Postmortem',
  incident: 'Incident',
  state: 'State',
  states: { draft: 'Draft', in_review: 'In review', published: 'Published' },
  revision: 'Revision',
  author: 'Author',
  reviewers: 'Reviewers',
  decisions: { pending: 'pending', approved: 'approved', changes_requested: 'changes requested' },
  published: 'Published',
  notPublished: 'Not published',
  blameless:
    'A blameless postmortem: it describes what the system and the process allowed, not who is at fault.',
  groups: {
    incident: 'The incident',
    lessons: 'Lessons learned',
    ml: 'Model and data',
  },
  sections: {
    summary: 'Summary',
    impact: 'Impact',
    rootCauses: 'Root causes',
    trigger: 'Trigger',
    detection: 'Detection',
    resolution: 'Resolution',
    wentWell: 'What went well',
    wentWrong: 'What went wrong',
    gotLucky: 'Where we got lucky',
    timeline: 'Timeline',
    modelVersion: 'Model and version',
    dataSlice: 'Data slice',
    driftEvidence: 'Drift and quality evidence',
  },
  empty: 'Not written.',
  actionItems: 'Action items',
  noActionItems: 'No action items.',
  item: 'Action',
  owner: 'Owner',
  due: 'Due',
  status: 'Status',
  statuses: { open: 'Open', in_progress: 'In progress', done: 'Done', wont_do: 'Won’t do' },
  overdue: 'overdue',
  charts: 'SLI charts',
  chartCaption:
    'SLI (line) against the objective {objective} (dashed), from before the incident opened to after it resolved.',
  chartNoData: 'No SLI data around the incident.',
  budgetConsumed: 'Error budget consumed by the incident: {value}',
  noCharts: 'No SLO was affected.',
};

const ar: Words = {
  title: 'مراجعة ما بعد الحادث',
  incident: 'الحادث',
  state: 'الحالة',
  states: { draft: 'مسودة', in_review: 'قيد المراجعة', published: 'منشورة' },
  revision: 'الإصدار',
  author: 'الكاتب',
  reviewers: 'المراجعون',
  decisions: {
    pending: 'بانتظار القرار',
    approved: 'موافَق عليها',
    changes_requested: 'طُلبت تعديلات',
  },
  published: 'نُشرت',
  notPublished: 'لم تُنشر',
  blameless: 'مراجعة بلا لوم: تصف ما سمح به النظام والإجراءات، لا من المخطئ.',
  groups: { incident: 'الحادث', lessons: 'الدروس المستفادة', ml: 'النموذج والبيانات' },
  sections: {
    summary: 'الملخص',
    impact: 'الأثر',
    rootCauses: 'الأسباب الجذرية',
    trigger: 'المُطلِق',
    detection: 'الاكتشاف',
    resolution: 'المعالجة',
    wentWell: 'ما سار على ما يرام',
    wentWrong: 'ما سار على نحو خاطئ',
    gotLucky: 'أين حالفنا الحظ',
    timeline: 'التسلسل الزمني',
    modelVersion: 'النموذج والإصدار',
    dataSlice: 'شريحة البيانات',
    driftEvidence: 'أدلة الانحراف والجودة',
  },
  empty: 'لم يُكتب.',
  actionItems: 'الإجراءات المطلوبة',
  noActionItems: 'لا توجد إجراءات.',
  item: 'الإجراء',
  owner: 'المسؤول',
  due: 'الاستحقاق',
  status: 'الحالة',
  statuses: { open: 'مفتوح', in_progress: 'قيد التنفيذ', done: 'منجز', wont_do: 'لن يُنفَّذ' },
  overdue: 'متأخر',
  charts: 'مخططات مؤشر مستوى الخدمة',
  chartCaption:
    'مؤشر مستوى الخدمة (الخط) مقابل الهدف {objective} (المتقطع)، من قبل فتح الحادث إلى ما بعد حله.',
  chartNoData: 'لا توجد بيانات للمؤشر حول الحادث.',
  budgetConsumed: 'ما استهلكه الحادث من ميزانية الأخطاء: {value}',
  noCharts: 'لم يتأثر أي هدف لمستوى الخدمة.',
};

export type PostmortemWords = Words;

export function postmortemWords(language: ReportLanguage): Words {
  return language === 'ar' ? ar : en;
}
