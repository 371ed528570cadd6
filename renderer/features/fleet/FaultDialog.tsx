// Breaking a simulated host on purpose, for drills and demos: a fault of one kind, on the host, one
// of its GPUs or one of its model services, for a while. Only simulated hosts offer it; audited.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FAULT_KINDS,
  GPU_FAULTS,
  MODEL_FAULTS,
  type FaultKind,
} from '../../../shared/domain/faults.ts';
import type { FleetHostDetail } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';

const isModelFault = (kind: FaultKind) => (MODEL_FAULTS as readonly string[]).includes(kind);
const isGpuFault = (kind: FaultKind) => (GPU_FAULTS as readonly string[]).includes(kind);

export function FaultDialog({ detail, onClose }: { detail: FleetHostDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const inject = useAppStore((s) => s.injectDemoFault);
  const toast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  const [kind, setKind] = useState<FaultKind>('latency_spike');
  const [target, setTarget] = useState('');
  const [minutes, setMinutes] = useState('10');
  const duration = Number(minutes);
  const isDurationValid = Number.isFinite(duration) && duration > 0 && duration <= 7 * 24 * 60;
  const targets = isModelFault(kind)
    ? [...new Set(detail.modelServices.map((m) => m.model))]
    : isGpuFault(kind)
      ? detail.gpus.map((g) => g.gpu)
      : [];

  const confirm = () => {
    const chosen = targets.includes(target) ? target : '';
    const spec = {
      kind,
      target: {
        host: detail.host.name,
        ...(isModelFault(kind) && chosen ? { model: chosen } : {}),
        ...(isGpuFault(kind) && chosen ? { gpu: Number(chosen) } : {}),
      },
      durationSeconds: duration * 60,
    };
    submit(() => inject(spec), {
      onDone: () => {
        toast(
          'success',
          t('fleet.fault.done', { kind: t(`fleet.fault.kinds.${kind}`), name: detail.host.name }),
        );
        onClose();
      },
    });
  };

  return (
    <Dialog
      title={t('fleet.fault.title', { name: detail.host.name })}
      onClose={onClose}
      testId="fleet-fault-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="danger"
            busy={busy}
            disabled={!isDurationValid}
            onClick={confirm}
            data-testid="fleet-fault-confirm"
          >
            {t('fleet.fault.confirm')}
          </Button>
        </>
      }
    >
      <p>{t('fleet.fault.body')}</p>
      <SelectField
        label={t('fleet.fault.kind')}
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as FaultKind);
          setTarget('');
        }}
        data-testid="fleet-fault-kind"
        data-autofocus=""
      >
        {FAULT_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`fleet.fault.kinds.${k}`)}
          </option>
        ))}
      </SelectField>
      {targets.length > 0 && (
        <SelectField
          label={isModelFault(kind) ? t('fleet.fault.model') : t('fleet.fault.gpu')}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          data-testid="fleet-fault-target"
        >
          <option value="">
            {isModelFault(kind) ? t('fleet.fault.everyModel') : t('fleet.fault.everyGpu')}
          </option>
          {targets.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </SelectField>
      )}
      <TextField
        label={t('fleet.fault.minutes')}
        inputMode="numeric"
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        error={isDurationValid ? null : t('fleet.fault.minutesInvalid')}
        data-testid="fleet-fault-minutes"
      />
      {error && <ErrorNotice error={error} />}
    </Dialog>
  );
}
