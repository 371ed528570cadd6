// Settings → Notifications: everyone keeps their own e-mail address; notify.manage also configures
// the site's mail relay and chat webhook, sends tests, edits operators' addresses and reads the log.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { selectNotifyContacts, selectNotifySettings } from '../../store/notifySlice.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { ChannelsForm } from './ChannelsForm.tsx';
import { ContactsTable, MyAddress } from './Contacts.tsx';
import { DeliveryLog } from './DeliveryLog.tsx';
import { TestSend } from './TestSend.tsx';
import './notify.css';

function Channels() {
  const { t } = useTranslation();
  const settings = useAppStore(selectNotifySettings);
  const load = useAppStore((s) => s.loadNotifySettings);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="form-section">
      <h3>{t('notify.channels.title')}</h3>
      {settings.error && !settings.data && (
        <ErrorNotice error={settings.error} onRetry={() => void load()} />
      )}
      {!settings.data && settings.status !== 'error' && <LoadingBlock />}
      {/* Keyed so a save resets the form to what was stored (secret fields blank again). */}
      {settings.data && (
        <ChannelsForm key={JSON.stringify(settings.data)} settings={settings.data} />
      )}
      {settings.data && <TestSend />}
    </section>
  );
}

export function NotificationsTab() {
  const { t } = useTranslation();
  const canManage = useAppStore(selectCan('notify.manage'));
  const username = useAppStore((s) => s.session?.operator.username);
  const contacts = useAppStore(selectNotifyContacts);
  const loadContacts = useAppStore((s) => s.loadNotifyContacts);
  useEffect(() => {
    void loadContacts();
  }, [loadContacts]);
  const own = contacts.data?.find((c) => c.username === username);

  return (
    <div className="tab-content" data-testid="notify-tab">
      <p className="form-note">{t('notify.intro')}</p>
      {contacts.error && !contacts.data && (
        <ErrorNotice error={contacts.error} onRetry={() => void loadContacts()} />
      )}
      {!contacts.data && contacts.status !== 'error' && <LoadingBlock />}
      {own && <MyAddress key={own.email ?? ''} contact={own} />}
      {canManage && <Channels />}
      {canManage && contacts.data && <ContactsTable contacts={contacts.data} />}
      {canManage && <DeliveryLog />}
    </div>
  );
}
