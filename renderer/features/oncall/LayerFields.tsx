// One rotation in the schedule editor: its ordered participants, how long a turn lasts, the hand-off
// time and first day, and the days of the week it covers.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  WEEKDAYS,
  WORK_WEEK_PRESETS,
  type Weekday,
  type WorkWeekPreset,
} from '../../../shared/domain/oncall/index.ts';
import type { OnCallPerson } from '../../../shared/ipc/contract.ts';
import { Button } from '../../ui/Button.tsx';
import { Checkbox, SelectField, TextField } from '../../ui/Field.tsx';
import { presetOf, useDisplayName } from './oncallText.ts';
import type { LayerDraft, LayerField } from './scheduleForm.ts';

const PRESETS = Object.keys(WORK_WEEK_PRESETS) as WorkWeekPreset[];

function move<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

function Participants({
  layer,
  people,
  error,
  onChange,
}: {
  layer: LayerDraft;
  people: readonly OnCallPerson[];
  error: string | undefined;
  onChange: (participants: string[]) => void;
}) {
  const { t } = useTranslation();
  const name = useDisplayName();
  const [adding, setAdding] = useState('');
  const choices = people.filter((p) => !p.isDisabled && !layer.participants.includes(p.username));
  const list = layer.participants;
  return (
    <fieldset className="form-section oncall-participants">
      <legend>{t('oncall.layer.participants')}</legend>
      <p className="form-note">{t('oncall.layer.participantsHint')}</p>
      {list.length > 0 && (
        <ol className="oncall-order" data-testid="oncall-participants">
          {list.map((username, i) => (
            <li key={`${i}-${username}`} data-username={username}>
              <span className="oncall-order-name">
                {name(username)}{' '}
                <span className="muted mono" dir="ltr">
                  {username}
                </span>
              </span>
              <span className="oncall-order-actions">
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={i === 0}
                  onClick={() => onChange(move(list, i, i - 1))}
                  aria-label={t('oncall.layer.moveUp', { name: name(username) })}
                >
                  ↑
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={i === list.length - 1}
                  onClick={() => onChange(move(list, i, i + 1))}
                  aria-label={t('oncall.layer.moveDown', { name: name(username) })}
                >
                  ↓
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => onChange(list.filter((u) => u !== username))}
                  aria-label={t('oncall.layer.removePerson', { name: name(username) })}
                  data-testid="oncall-participant-remove"
                >
                  ×
                </Button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <div className="oncall-add-row">
        <SelectField
          label={t('oncall.layer.addPerson')}
          value={adding}
          error={error ? t(error) : null}
          onChange={(e) => setAdding(e.target.value)}
          data-testid="oncall-participant-choice"
        >
          <option value="">{t('oncall.layer.choosePerson')}</option>
          {choices.map((p) => (
            <option key={p.username} value={p.username}>
              {p.displayName} ({p.username})
            </option>
          ))}
        </SelectField>
        <Button
          size="sm"
          disabled={!adding}
          onClick={() => {
            onChange([...list, adding]);
            setAdding('');
          }}
          data-testid="oncall-participant-add"
        >
          {t('oncall.layer.add')}
        </Button>
      </div>
    </fieldset>
  );
}

export function LayerFields({
  index,
  layer,
  people,
  errors,
  canRemove,
  onChange,
  onRemove,
}: {
  index: number;
  layer: LayerDraft;
  people: readonly OnCallPerson[];
  errors: Partial<Record<LayerField, string>>;
  canRemove: boolean;
  onChange: (layer: LayerDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof LayerDraft>(key: K, value: LayerDraft[K]) =>
    onChange({ ...layer, [key]: value });
  const err = (field: LayerField) => (errors[field] ? t(errors[field]) : null);
  const preset = presetOf(layer.days);
  const toggleDay = (day: Weekday, on: boolean) =>
    set(
      'days',
      WEEKDAYS.filter((d) => (d === day ? on : layer.days.includes(d))),
    );
  return (
    <fieldset className="form-section-card oncall-layer" data-testid="oncall-layer">
      <legend>{t('oncall.layer.title', { n: index + 1 })}</legend>
      <TextField
        label={t('oncall.layer.name')}
        hint={t('oncall.layer.nameHint')}
        value={layer.name}
        maxLength={80}
        onChange={(e) => set('name', e.target.value)}
      />
      <Participants
        layer={layer}
        people={people}
        error={errors.participants}
        onChange={(participants) => set('participants', participants)}
      />
      <div className="oncall-row">
        <TextField
          label={t('oncall.layer.count')}
          inputMode="numeric"
          value={layer.count}
          error={err('count')}
          onChange={(e) => set('count', e.target.value)}
          data-testid="oncall-turn-count"
        />
        <SelectField
          label={t('oncall.layer.unit')}
          value={layer.unit}
          onChange={(e) => set('unit', e.target.value === 'day' ? 'day' : 'week')}
          data-testid="oncall-turn-unit"
        >
          <option value="day">{t('oncall.layer.units.day')}</option>
          <option value="week">{t('oncall.layer.units.week')}</option>
        </SelectField>
        <TextField
          label={t('oncall.layer.handoff')}
          type="time"
          value={layer.handoffTime}
          error={err('handoffTime')}
          onChange={(e) => set('handoffTime', e.target.value)}
          data-testid="oncall-handoff"
        />
        <TextField
          label={t('oncall.layer.startDate')}
          type="date"
          value={layer.startDate}
          error={err('startDate')}
          onChange={(e) => set('startDate', e.target.value)}
          data-testid="oncall-start-date"
        />
      </div>
      <p className="form-note">{t('oncall.layer.turnHint')}</p>
      <fieldset className="form-section">
        <legend>{t('oncall.layer.days')}</legend>
        <div className="oncall-presets" role="group" aria-label={t('oncall.layer.presets')}>
          {PRESETS.map((p) => (
            <Button
              key={p}
              size="sm"
              variant={preset === p ? 'primary' : 'secondary'}
              aria-pressed={preset === p}
              onClick={() =>
                set(
                  'days',
                  WEEKDAYS.filter((d) => (WORK_WEEK_PRESETS[p] as readonly Weekday[]).includes(d)),
                )
              }
              data-testid={`oncall-preset-${p}`}
            >
              {t(`oncall.days.presets.${p}`)}
            </Button>
          ))}
        </div>
        <div className="oncall-weekdays">
          {WEEKDAYS.map((d) => (
            <Checkbox
              key={d}
              label={t(`oncall.days.long.${d}`)}
              checked={layer.days.includes(d)}
              onChange={(e) => toggleDay(d, e.target.checked)}
              data-testid={`oncall-day-${d}`}
            />
          ))}
        </div>
        {errors.days && (
          <p className="field-error" role="alert">
            {t(errors.days)}
          </p>
        )}
      </fieldset>
      {canRemove && (
        <div className="form-actions">
          <Button size="sm" variant="danger" onClick={onRemove} data-testid="oncall-layer-remove">
            {t('oncall.layer.remove')}
          </Button>
        </div>
      )}
    </fieldset>
  );
}
