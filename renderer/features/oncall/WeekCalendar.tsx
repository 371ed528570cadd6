// A week of shifts, one row per schedule and one column per site day; overrides are marked. The
// arrow keys (mirrored right to left), Page Up/Down and Home move between weeks.
import { useCallback, useEffect, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OnCallShift } from '../../../shared/ipc/contract.ts';
import { useAppStore } from '../../store/index.ts';
import { selectOnCallShifts, selectOnCallWeek, selectOnCallWho } from '../../store/oncallSlice.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { useDisplayName } from './oncallText.ts';
import { addWeeks, dayRange, timeOfDay, weekDays, weekRange, weekStartOf } from './week.ts';

const iso = (ms: number) => new Date(ms).toISOString();

function dayLabel(date: string, language: string): string {
  // A site date has no zone of its own: read it at noon UTC so every zone names the same day.
  return new Intl.DateTimeFormat(language === 'ar' ? 'ar-AE' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

function DayCell({
  shifts,
  date,
  timeZone,
  isToday,
}: {
  shifts: readonly OnCallShift[];
  date: string;
  timeZone: string;
  isToday: boolean;
}) {
  const { t } = useTranslation();
  const name = useDisplayName();
  const { fromMs, toMs } = dayRange(date, timeZone);
  const inDay = shifts.filter(
    (s) => Date.parse(s.startsAt) < toMs && Date.parse(s.endsAt) > fromMs,
  );
  return (
    <td className={`oncall-day${isToday ? ' oncall-today' : ''}`} data-date={date}>
      {inDay.length === 0 ? (
        <span className="muted oncall-gap">{t('oncall.calendar.nobody')}</span>
      ) : (
        <ul className="oncall-shifts">
          {inDay.map((s) => {
            const start = Math.max(fromMs, Date.parse(s.startsAt));
            const end = Math.min(toMs, Date.parse(s.endsAt));
            const isOverride = s.source === 'override';
            return (
              <li
                key={`${s.startsAt}-${s.username}`}
                className={`oncall-shift${isOverride ? ' oncall-shift-override' : ''}`}
                data-testid="oncall-shift"
                data-source={s.source}
                data-username={s.username}
              >
                <span className="oncall-shift-time" dir="ltr">
                  {timeOfDay(start, timeZone)}–{end === toMs ? '24:00' : timeOfDay(end, timeZone)}
                </span>{' '}
                <span className="oncall-shift-name">{name(s.username)}</span>
                {isOverride && (
                  <span className="oncall-shift-tag">{t('oncall.shift.override')}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </td>
  );
}

export function WeekCalendar() {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  const week = useAppStore(selectOnCallWeek);
  const shifts = useAppStore(selectOnCallShifts);
  const who = useAppStore(selectOnCallWho);
  const loadWeek = useAppStore((s) => s.loadOnCallWeek);
  // "Now" is the console's clock, as the on-call cards read it.
  const nowMs = who.data ? Date.parse(who.data.at) : null;
  const thisWeek = nowMs === null ? null : weekStartOf(nowMs, timeZone);
  const today =
    nowMs === null
      ? null
      : weekDays(weekStartOf(nowMs, timeZone)).find((d) => {
          const r = dayRange(d, timeZone);
          return nowMs >= r.fromMs && nowMs < r.toMs;
        });

  const go = useCallback(
    (start: string) => {
      const { fromMs, toMs } = weekRange(start, timeZone);
      void loadWeek({ start, from: iso(fromMs), to: iso(toMs) });
    },
    [loadWeek, timeZone],
  );
  useEffect(() => {
    if (!week && thisWeek) go(thisWeek);
  }, [week, thisWeek, go]);

  if (!week) return who.error ? null : <LoadingBlock />;
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const later = event.key === 'PageDown' || event.key === (rtl ? 'ArrowLeft' : 'ArrowRight');
    const earlier = event.key === 'PageUp' || event.key === (rtl ? 'ArrowRight' : 'ArrowLeft');
    if (!later && !earlier && !(event.key === 'Home' && thisWeek)) return;
    event.preventDefault();
    go(later ? addWeeks(week.start, 1) : earlier ? addWeeks(week.start, -1) : thisWeek!);
  };
  const days = weekDays(week.start);

  return (
    <section
      className="panel oncall-calendar"
      aria-label={t('oncall.calendar.title')}
      aria-describedby="oncall-calendar-keys"
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="oncall-calendar"
      data-week={week.start}
    >
      <header className="panel-header">
        <h2>{t('oncall.calendar.title')}</h2>
        <div className="page-actions">
          <Button
            size="sm"
            onClick={() => go(addWeeks(week.start, -1))}
            data-testid="oncall-week-prev"
          >
            {t('oncall.calendar.previous')}
          </Button>
          <Button
            size="sm"
            disabled={!thisWeek || thisWeek === week.start}
            onClick={() => thisWeek && go(thisWeek)}
            data-testid="oncall-week-today"
          >
            {t('oncall.calendar.thisWeek')}
          </Button>
          <Button
            size="sm"
            onClick={() => go(addWeeks(week.start, 1))}
            data-testid="oncall-week-next"
          >
            {t('oncall.calendar.next')}
          </Button>
        </div>
      </header>
      <p id="oncall-calendar-keys" className="form-note">
        {t('oncall.calendar.keys', { zone: timeZone })}
      </p>
      {shifts.error && (
        <ErrorNotice
          error={shifts.error}
          onRetry={() => go(week.start)}
          testId="oncall-calendar-error"
        />
      )}
      {!shifts.data && !shifts.error && <LoadingBlock />}
      {shifts.data && (
        <div className="table-wrap">
          <table className="table oncall-week" aria-busy={shifts.status === 'loading' || undefined}>
            <caption className="visually-hidden">
              {t('oncall.calendar.caption', { from: days[0], to: days[6] })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('oncall.calendar.schedule')}</th>
                {days.map((d) => (
                  <th key={d} scope="col" aria-current={d === today ? 'date' : undefined}>
                    {dayLabel(d, language)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shifts.data.schedules.map((s) => (
                <tr key={s.scheduleId} data-testid="oncall-week-row" data-schedule={s.scheduleName}>
                  <th scope="row">{s.scheduleName}</th>
                  {days.map((d) => (
                    <DayCell
                      key={d}
                      date={d}
                      shifts={s.shifts}
                      timeZone={timeZone}
                      isToday={d === today}
                    />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
