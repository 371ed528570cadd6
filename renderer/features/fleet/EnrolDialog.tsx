// Admins add a host: its agent's address, the pairing code `mirqab-agent init` printed, a name and
// a cluster (or a new one, created first).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { clusterDisplayName } from './systemNames.ts';
import type { Cluster } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import * as rules from '../../ui/formRules.ts';
import { hostAddress, normalisedPairingCode, pairingCode, realClusters } from './enrolRules.ts';

const NEW_CLUSTER = 'new';
/** Nothing chosen yet: with several clusters the operator picks one, nothing is assumed. */
const NO_CLUSTER = '';

export function EnrolDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const clusters = realClusters(useAppStore((s) => s.fleetClusters.data) ?? []);
  const enrol = useAppStore((s) => s.enrolHost);
  const createCluster = useAppStore((s) => s.createCluster);
  const toast = useAppStore((s) => s.pushToast);
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [clusterId, setClusterId] = useState<string>(() =>
    clusters.length === 0
      ? NEW_CLUSTER
      : clusters.length === 1
        ? String(clusters[0]!.id)
        : NO_CLUSTER,
  );
  const [clusterName, setClusterName] = useState('');
  const [clusterKind, setClusterKind] = useState<Cluster['kind']>('gpu_cluster');
  const [site, setSite] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, submit } = useSubmission();
  const isNewCluster = clusterId === NEW_CLUSTER;

  const problems = {
    address: hostAddress(address),
    code: pairingCode(code),
    name: rules.firstProblem(rules.required(name), rules.maxLength(name, 120)),
    clusterName: isNewCluster
      ? rules.firstProblem(rules.required(clusterName), rules.maxLength(clusterName, 120))
      : null,
    cluster: rules.required(clusterId),
  };
  const shown = (problem: string | null) => (submitted && problem ? t(problem) : null);

  const enrolHost = async () => {
    const cluster = isNewCluster
      ? await createCluster({ name: clusterName.trim(), site: site.trim(), kind: clusterKind })
      : { id: Number(clusterId) };
    if (isNewCluster) setClusterId(String(cluster.id)); // a retry after a failed enrol reuses it
    return enrol({
      address: address.trim(),
      pairingCode: normalisedPairingCode(code),
      name: name.trim(),
      clusterId: cluster.id,
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(problems).some(Boolean)) return;
    submit(enrolHost, {
      onDone: (host) => {
        toast('success', t('fleet.enrol.done', { name: host.name }));
        onClose();
      },
    });
  };

  return (
    <Dialog title={t('fleet.enrol.title')} onClose={onClose} testId="fleet-enrol-dialog">
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('fleet.enrol.address')}
          hint={t('fleet.enrol.addressHint')}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          error={shown(problems.address)}
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
          data-testid="fleet-enrol-address"
        />
        <TextField
          label={t('fleet.enrol.code')}
          hint={t('fleet.enrol.codeHint')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={shown(problems.code)}
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
          className="mono"
          placeholder="mq1.<64 hex>.<32 hex>"
          data-testid="fleet-enrol-code"
        />
        <TextField
          label={t('fleet.enrol.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={shown(problems.name)}
          autoComplete="off"
          data-testid="fleet-enrol-name"
        />
        <SelectField
          label={t('fleet.enrol.cluster')}
          value={clusterId}
          onChange={(e) => setClusterId(e.target.value)}
          error={shown(problems.cluster)}
          data-testid="fleet-enrol-cluster"
        >
          {clusterId === NO_CLUSTER && (
            <option value={NO_CLUSTER} disabled>
              {t('simulatedData.noCluster')}
            </option>
          )}
          {clusters.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {clusterDisplayName(c.name, t)} — {t(`fleet.clusterKinds.${c.kind}`)}
            </option>
          ))}
          <option value={NEW_CLUSTER}>{t('fleet.enrol.newCluster')}</option>
        </SelectField>
        {isNewCluster && (
          <fieldset className="fleet-new-cluster">
            <legend>{t('fleet.enrol.newCluster')}</legend>
            <TextField
              label={t('fleet.enrol.clusterName')}
              value={clusterName}
              onChange={(e) => setClusterName(e.target.value)}
              error={shown(problems.clusterName)}
              data-testid="fleet-enrol-cluster-name"
            />
            <SelectField
              label={t('fleet.enrol.clusterKind')}
              value={clusterKind}
              onChange={(e) => setClusterKind(e.target.value as Cluster['kind'])}
            >
              <option value="gpu_cluster">{t('fleet.clusterKinds.gpu_cluster')}</option>
              <option value="cpu_pool">{t('fleet.clusterKinds.cpu_pool')}</option>
            </SelectField>
            <TextField
              label={t('fleet.enrol.site')}
              value={site}
              onChange={(e) => setSite(e.target.value)}
            />
          </fieldset>
        )}
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="fleet-enrol-submit">
            {t('fleet.enrol.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
