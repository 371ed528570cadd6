// The On-call page for e2e specs: who is on call now, the schedule editor and the escalation policy
// editor (renderer/features/oncall/**).
import type { Page } from '@playwright/test';
import type { Priority } from '../../../shared/domain/incidents/index.ts';

export interface ScheduleValues {
  name: string;
  /** Usernames in turn order. */
  participants: string[];
  /** Which days the rotation covers (default: every day, so someone is always on call). */
  preset?: 'every_day' | 'mon_fri' | 'sun_thu';
  /** The first turn's date (YYYY-MM-DD); default: the editor's (this week's Monday). */
  startDate?: string;
}

export interface PolicyValues {
  name: string;
  isDefault?: boolean;
  /** The priorities the policy takes (the editor starts with P1 and P2 ticked). */
  priorities?: Priority[];
  /** One tier per entry: the schedules whose on-call person it pages, and its timeout in minutes. */
  tiers: { schedules: string[]; timeoutMinutes?: number }[];
}

const ALL_PRIORITIES: Priority[] = ['P1', 'P2', 'P3', 'P4', 'P5'];

export class OnCallPage {
  constructor(private readonly page: Page) {}

  id(testId: string) {
    return this.page.getByTestId(testId);
  }

  async open(tab: 'now' | 'schedules' | 'policies' = 'now'): Promise<void> {
    await this.id('nav-oncall').click();
    await this.id('oncall-page').waitFor();
    await this.id(`oncall-tab-${tab}`).click();
  }

  /** The "on call now" card of a schedule; its data-username is whoever is on call. */
  nowCard(schedule: string) {
    return this.page
      .getByTestId('oncall-now-card')
      .and(this.page.locator(`[data-schedule="${cssString(schedule)}"]`));
  }

  schedule(name: string) {
    return this.page
      .getByTestId('oncall-schedule')
      .and(this.page.locator(`[data-name="${cssString(name)}"]`));
  }

  policy(name: string) {
    return this.page
      .getByTestId('oncall-policy')
      .and(this.page.locator(`[data-name="${cssString(name)}"]`));
  }

  /** Creates a schedule of one rotation from the Schedules tab; waits for the editor to close. */
  async createSchedule(values: ScheduleValues): Promise<void> {
    await this.open('schedules');
    await this.id('oncall-schedule-create').click();
    const editor = this.id('oncall-schedule-editor');
    await editor.waitFor();
    await this.id('oncall-schedule-name').fill(values.name);
    for (const username of values.participants) {
      await this.id('oncall-participant-choice').selectOption(username);
      await this.id('oncall-participant-add').click();
      await editor
        .getByTestId('oncall-participants')
        .locator(`li[data-username="${username}"]`)
        .waitFor();
    }
    await this.id(`oncall-preset-${values.preset ?? 'every_day'}`).click();
    if (values.startDate) await this.id('oncall-start-date').fill(values.startDate);
    await this.id('oncall-schedule-save').click();
    await editor.waitFor({ state: 'detached' });
  }

  /** Creates an escalation policy from the Policies tab; waits for the editor to close. */
  async createPolicy(values: PolicyValues): Promise<void> {
    await this.open('policies');
    await this.id('oncall-policy-create').click();
    const editor = this.id('oncall-policy-editor');
    await editor.waitFor();
    await this.id('oncall-policy-name').fill(values.name);
    if (values.isDefault) await this.id('oncall-policy-default').check();
    const wanted = values.priorities ?? ['P1', 'P2'];
    for (const p of ALL_PRIORITIES)
      await this.id(`oncall-policy-priority-${p}`).setChecked(wanted.includes(p));
    for (const [index, tier] of values.tiers.entries()) {
      if (index > 0) await this.id('oncall-tier-add').click();
      const fields = editor.getByTestId('oncall-tier').nth(index);
      for (const schedule of tier.schedules) {
        const choice = fields.getByTestId('oncall-tier-target-choice');
        // Options read "on call for <schedule>": pick by the schedule's name.
        const value = await choice
          .locator('option[value^="schedule:"]')
          .filter({ hasText: schedule })
          .first()
          .getAttribute('value');
        await choice.selectOption(value ?? '');
        await fields.getByTestId('oncall-tier-target-add').click();
      }
      if (tier.timeoutMinutes !== undefined)
        await fields.getByTestId('oncall-tier-timeout').fill(String(tier.timeoutMinutes));
    }
    await this.id('oncall-policy-save').click();
    await editor.waitFor({ state: 'detached' });
  }
}

/** A value for a CSS attribute selector in double quotes. */
function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
