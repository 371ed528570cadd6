// Joining or leaving a drill switches every screen between the site's data and the drill's: the page
// reloads so nothing cached from the other side lingers, then opens where the operator was.
import type { Page } from '../../store/uiSlice.ts';

export interface ResumeAt {
  page: Page;
  drillRunId: number | null;
}

export interface PageReloader {
  reload: (resume: ResumeAt) => void;
  /** Where to open after a reload this reloader asked for (once), or null. */
  takeResume: () => ResumeAt | null;
}

const RESUME_KEY = 'mirqab.resumeAfterReload';

export function browserPageReloader(): PageReloader {
  return {
    reload(resume) {
      try {
        window.sessionStorage.setItem(RESUME_KEY, JSON.stringify(resume));
      } catch {
        // storage can be disabled by policy: the reload then opens on the overview
      }
      window.location.reload();
    },
    takeResume() {
      try {
        const text = window.sessionStorage.getItem(RESUME_KEY);
        window.sessionStorage.removeItem(RESUME_KEY);
        if (!text) return null;
        const value = JSON.parse(text) as Partial<ResumeAt>;
        if (typeof value.page !== 'string') return null;
        return {
          page: value.page,
          drillRunId: typeof value.drillRunId === 'number' ? value.drillRunId : null,
        };
      } catch {
        return null;
      }
    },
  };
}

/** For tests: records each reload instead of leaving the page. */
export function memoryPageReloader(): PageReloader & { reloads: ResumeAt[] } {
  const reloads: ResumeAt[] = [];
  return { reloads, reload: (resume) => void reloads.push(resume), takeResume: () => null };
}
