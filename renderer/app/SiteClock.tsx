// The site's local time, ticking on each minute boundary, in the site's zone.
import { useEffect, useState } from 'react';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { formatClock } from '../i18n/format.ts';
import type { Language } from '../store/uiSlice.ts';

export function SiteClock({ timeZone, language }: { timeZone: string; language: Language }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    let interval: ReturnType<typeof setInterval> | undefined;
    const untilNextMinute = MINUTE_MS - (Date.now() % MINUTE_MS);
    const first = setTimeout(() => {
      setNow(new Date());
      interval = setInterval(() => setNow(new Date()), MINUTE_MS);
    }, untilNextMinute);
    return () => {
      clearTimeout(first);
      if (interval) clearInterval(interval);
    };
  }, []);
  return (
    <time className="site-clock" dateTime={now.toISOString()} data-testid="site-clock">
      {formatClock(now, timeZone, language)}
      <span className="site-zone" dir="ltr">
        {timeZone}
      </span>
    </time>
  );
}
