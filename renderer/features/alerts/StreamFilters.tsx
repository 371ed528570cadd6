// The stream's filters: state and source (asked of the backend), severity and a label query
// (applied to the rows held): `service="fraud-scoring", cluster!~"dr-.*"` or plain words.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ALERT_SOURCE_LIST,
  SEVERITY_LIST,
  STREAM_STATE_LIST,
  parseLabelQuery,
  selectStreamFilter,
  type StreamFilter,
} from '../../store/alertStreamSlice.ts';
import { useAppStore } from '../../store/index.ts';
import { SelectField, TextField } from '../../ui/Field.tsx';

const STATES: StreamFilter['state'][] = [...STREAM_STATE_LIST, 'all'];

export function StreamFilters() {
  const { t } = useTranslation();
  const filter = useAppStore(selectStreamFilter);
  const setFilter = useAppStore((s) => s.setStreamFilter);
  // The query applies as it is typed; a half-typed regex is reported, not applied.
  const [query, setQuery] = useState(filter.query);
  useEffect(() => setQuery(filter.query), [filter.query]);
  const invalid = parseLabelQuery(query).invalid;
  const onQuery = (value: string) => {
    setQuery(value);
    if (parseLabelQuery(value).invalid === null) setFilter({ query: value });
  };
  return (
    <div className="stream-filters" role="group" aria-label={t('alertStream.filters.label')}>
      <div className="segmented" role="group" aria-label={t('alertStream.filters.state')}>
        {STATES.map((s) => (
          <button
            key={s}
            type="button"
            className="segment"
            aria-pressed={filter.state === s}
            onClick={() => setFilter({ state: s })}
            data-testid="stream-state"
            data-state={s}
          >
            {t(`alertStream.states.${s}`)}
          </button>
        ))}
      </div>
      <SelectField
        label={t('alertStream.filters.source')}
        value={filter.source}
        onChange={(e) => setFilter({ source: e.target.value as StreamFilter['source'] })}
        data-testid="stream-source"
      >
        <option value="all">{t('alertStream.filters.any')}</option>
        {ALERT_SOURCE_LIST.map((s) => (
          <option key={s} value={s}>
            {t(`alertStream.sources.${s}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('alertStream.filters.severity')}
        value={filter.severity}
        onChange={(e) => setFilter({ severity: e.target.value as StreamFilter['severity'] })}
        data-testid="stream-severity"
      >
        <option value="all">{t('alertStream.filters.any')}</option>
        {SEVERITY_LIST.map((s) => (
          <option key={s} value={s}>
            {t(`alertStream.severity.${s}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        className="stream-query"
        label={t('alertStream.filters.query')}
        hint={t('alertStream.filters.queryHint')}
        error={invalid ? t('alertStream.filters.queryInvalid', { term: invalid }) : null}
        value={query}
        dir="ltr"
        spellCheck={false}
        onChange={(e) => onQuery(e.target.value)}
        data-testid="stream-query"
      />
    </div>
  );
}
