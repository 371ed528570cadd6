// The SLA editor's two lists: maintenance windows (site-local times, a reason each) and the
// service-credit table (credit owed when attainment falls below a threshold).
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/Field.tsx';
import type { CreditDraft, MaintenanceDraft, SlaDraft } from './slaForm.ts';

interface ListsProps {
  draft: SlaDraft;
  update: (patch: Partial<SlaDraft>, ...paths: string[]) => void;
  err: (path: string) => string | null;
  timeZone: string;
}

export function SlaListsFields({ draft, update, err, timeZone }: ListsProps) {
  const { t } = useTranslation();
  // Adding a blank row touches nothing: its messages show once the operator types in it (or saves).
  const setMaintenance = (maintenance: MaintenanceDraft[], ...touched: string[]) =>
    update({ maintenance }, ...touched);
  const setCredits = (credits: CreditDraft[], ...touched: string[]) =>
    update({ credits }, ...touched);
  return (
    <>
      <fieldset className="form-section-card" data-testid="sla-maintenance-section">
        <legend className="visually-hidden">{t('sla.sections.maintenance')}</legend>
        <h2 className="form-card-title">{t('sla.sections.maintenance')}</h2>
        <p className="form-note">{t('sla.maintenanceNote', { zone: timeZone })}</p>
        {draft.maintenance.map((m, i) => (
          <div
            key={i}
            className="sla-list-row sla-maintenance-row"
            data-testid="sla-maintenance-row"
          >
            <TextField
              label={t('sla.fields.start')}
              type="datetime-local"
              dir="ltr"
              value={m.start}
              error={err(`maintenance.${i}.start`)}
              onChange={(e) =>
                setMaintenance(
                  draft.maintenance.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)),
                  `maintenance.${i}.start`,
                )
              }
            />
            <TextField
              label={t('sla.fields.end')}
              type="datetime-local"
              dir="ltr"
              value={m.end}
              error={err(`maintenance.${i}.end`)}
              onChange={(e) =>
                setMaintenance(
                  draft.maintenance.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)),
                  `maintenance.${i}.end`,
                )
              }
            />
            <TextField
              label={t('sla.fields.reason')}
              value={m.reason}
              error={err(`maintenance.${i}.reason`)}
              onChange={(e) =>
                setMaintenance(
                  draft.maintenance.map((x, j) => (j === i ? { ...x, reason: e.target.value } : x)),
                  `maintenance.${i}.reason`,
                )
              }
            />
            <Button
              variant="ghost"
              size="sm"
              className="slo-window-remove"
              aria-label={t('sla.removeRow', { n: i + 1 })}
              onClick={() => setMaintenance(draft.maintenance.filter((_, j) => j !== i))}
            >
              ×
            </Button>
          </div>
        ))}
        <Button
          size="sm"
          onClick={() => setMaintenance([...draft.maintenance, { start: '', end: '', reason: '' }])}
          data-testid="sla-add-maintenance"
        >
          {t('sla.addMaintenance')}
        </Button>
      </fieldset>
      <fieldset className="form-section-card" data-testid="sla-credits-section">
        <legend className="visually-hidden">{t('sla.sections.credits')}</legend>
        <h2 className="form-card-title">{t('sla.sections.credits')}</h2>
        {draft.credits.map((c, i) => (
          <div key={i} className="sla-list-row sla-credit-row" data-testid="sla-credit-row">
            <TextField
              label={t('sla.fields.below')}
              inputMode="decimal"
              dir="ltr"
              value={c.belowPercent}
              error={err(`credits.${i}.below`)}
              onChange={(e) =>
                setCredits(
                  draft.credits.map((x, j) =>
                    j === i ? { ...x, belowPercent: e.target.value } : x,
                  ),
                  `credits.${i}.below`,
                  'credits',
                )
              }
            />
            <TextField
              label={t('sla.fields.credit')}
              inputMode="decimal"
              dir="ltr"
              value={c.creditPercent}
              error={err(`credits.${i}.creditPercent`)}
              onChange={(e) =>
                setCredits(
                  draft.credits.map((x, j) =>
                    j === i ? { ...x, creditPercent: e.target.value } : x,
                  ),
                  `credits.${i}.creditPercent`,
                )
              }
            />
            <Button
              variant="ghost"
              size="sm"
              className="slo-window-remove"
              aria-label={t('sla.removeRow', { n: i + 1 })}
              onClick={() => setCredits(draft.credits.filter((_, j) => j !== i))}
            >
              ×
            </Button>
          </div>
        ))}
        {err('credits') && (
          <p className="field-error" role="alert">
            {err('credits')}
          </p>
        )}
        <Button
          size="sm"
          onClick={() => setCredits([...draft.credits, { belowPercent: '', creditPercent: '' }])}
        >
          {t('sla.addCredit')}
        </Button>
      </fieldset>
    </>
  );
}
