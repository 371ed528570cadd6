// A select of the zones our sites use most, plus "Other" with free text checked by Intl.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from './Field.tsx';

export const COMMON_TIME_ZONES = [
  'Asia/Dubai',
  'Asia/Riyadh',
  'Asia/Qatar',
  'Asia/Bahrain',
  'Asia/Kuwait',
  'Asia/Muscat',
  'Africa/Cairo',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Europe/London',
  'Europe/Paris',
  'America/New_York',
  'UTC',
] as const;

const OTHER = '__other__';

export function TimeZoneField({
  value,
  onChange,
  error,
  disabled,
}: {
  value: string;
  onChange: (zone: string) => void;
  error?: string | null;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const isCommon = (COMMON_TIME_ZONES as readonly string[]).includes(value);
  const [other, setOther] = useState(!isCommon);

  return (
    <div className="timezone-field">
      <SelectField
        label={t('fields.timeZone')}
        value={other ? OTHER : value}
        disabled={disabled}
        error={other ? null : error}
        onChange={(event) => {
          const next = event.target.value;
          setOther(next === OTHER);
          if (next !== OTHER) onChange(next);
        }}
        data-testid="setup-time-zone"
      >
        {COMMON_TIME_ZONES.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
        <option value={OTHER}>{t('fields.timeZoneOther')}</option>
      </SelectField>
      {other && (
        <TextField
          label={t('fields.timeZoneName')}
          hint={t('fields.timeZoneHint')}
          value={value}
          disabled={disabled}
          error={error}
          dir="ltr"
          onChange={(event) => onChange(event.target.value)}
          data-testid="setup-time-zone-other"
        />
      )}
    </div>
  );
}
