import { formatTimestamp } from '../i18n/format.ts';

/** A UTC instant shown in the site's zone; isolated left-to-right so Arabic text never reorders it. */
export function Timestamp({
  iso,
  timeZone,
  className,
}: {
  iso: string;
  timeZone: string;
  className?: string;
}) {
  return (
    <time dateTime={iso} dir="ltr" className={className ?? 'mono'}>
      {formatTimestamp(iso, timeZone)}
    </time>
  );
}
