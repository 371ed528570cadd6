// Notifications (server data): the on-prem channels' settings, operators' e-mail contacts and the
// delivery log, refreshed when the backend says deliveries changed (notify.changed).
import type {
  ChannelInput,
  Contact,
  Delivery,
  DeliveryLog,
  NotifyChannel,
  NotifySettings,
} from '../../shared/ipc/contract.ts';
import type { ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';

/** How many deliveries the log shows (failed and pending ones are always among the newest). */
export const DELIVERY_LOG_LIMIT = 100;

export interface NotifySlice {
  notifySettings: Remote<NotifySettings>;
  notifyContacts: Remote<Contact[]>;
  deliveryLog: Remote<DeliveryLog>;
  loadNotifySettings: () => Promise<void>;
  saveNotifySettings: (input: ChannelInput<'notify.saveSettings'>) => Promise<NotifySettings>;
  loadNotifyContacts: () => Promise<void>;
  setNotifyContact: (username: string, email: string | null) => Promise<Contact>;
  loadDeliveryLog: () => Promise<void>;
  sendTestNotification: (channel: NotifyChannel, to?: string) => Promise<Delivery>;
  retryDelivery: (id: number) => Promise<Delivery>;
  /** notify.changed: the log refreshes if it is on screen. */
  applyNotifyChanged: () => void;
  resetNotify: () => void;
}

const notifyInitial = () => ({
  notifySettings: idle<NotifySettings>(),
  notifyContacts: idle<Contact[]>(),
  deliveryLog: idle<DeliveryLog>(),
});

export const createNotifySlice =
  (api: ApiClient): SliceCreator<NotifySlice> =>
  (set, get) => {
    let logGeneration = 0;
    const withContact = (list: Contact[] | null, next: Contact) =>
      (list ?? []).map((c) => (c.username === next.username ? next : c));

    return {
      ...notifyInitial(),

      async loadNotifySettings() {
        set({ notifySettings: loading(get().notifySettings) });
        try {
          set({ notifySettings: ready(await api.call('notify.settings', {})) });
        } catch (error) {
          set({ notifySettings: failed(get().notifySettings, error) });
        }
      },

      async saveNotifySettings(input) {
        const saved = await api.call('notify.saveSettings', input);
        set({ notifySettings: ready(saved) });
        return saved;
      },

      async loadNotifyContacts() {
        set({ notifyContacts: loading(get().notifyContacts) });
        try {
          set({ notifyContacts: ready(await api.call('notify.contacts', {})) });
        } catch (error) {
          set({ notifyContacts: failed(get().notifyContacts, error) });
        }
      },

      async setNotifyContact(username, email) {
        const contact = await api.call('notify.setContact', { username, email });
        set({ notifyContacts: ready(withContact(get().notifyContacts.data, contact)) });
        return contact;
      },

      async loadDeliveryLog() {
        const mine = ++logGeneration;
        set({ deliveryLog: loading(get().deliveryLog) });
        try {
          const log = await api.call('notify.deliveries', { limit: DELIVERY_LOG_LIMIT });
          if (mine === logGeneration) set({ deliveryLog: ready(log) });
        } catch (error) {
          if (mine === logGeneration) set({ deliveryLog: failed(get().deliveryLog, error) });
        }
      },

      async sendTestNotification(channel, to) {
        const delivery = await api.call('notify.test', to ? { channel, to } : { channel });
        void get().loadDeliveryLog();
        return delivery;
      },

      async retryDelivery(id) {
        const delivery = await api.call('notify.retry', { id });
        void get().loadDeliveryLog();
        return delivery;
      },

      applyNotifyChanged() {
        if (get().deliveryLog.status !== 'idle') void get().loadDeliveryLog();
      },

      resetNotify() {
        logGeneration++;
        set(notifyInitial());
      },
    };
  };

export const selectNotifySettings = (state: AppState) => state.notifySettings;
export const selectNotifyContacts = (state: AppState) => state.notifyContacts;
export const selectDeliveryLog = (state: AppState) => state.deliveryLog;
