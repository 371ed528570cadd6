// Postmortems from the backend: the list, the one open in the editor, the open action items across
// every postmortem, and which one is open. Refreshed when the backend says postmortems changed.
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc/contract.ts';
import type {
  ActionItem,
  IncidentPostmortem,
  PostmortemPolicy,
  PostmortemDetail,
  PostmortemSummary,
} from '../../../shared/ipc/postmortemSchemas.ts';
import type { ApiClient } from '../../api/client.ts';
import type { AppState, SliceCreator } from '../../store/appState.ts';
import { failed, idle, loading, ready, type Remote } from '../../store/remote.ts';

/** The channels that change one postmortem and answer with it. */
export type PostmortemChange =
  | 'postmortems.update'
  | 'postmortems.setReviewers'
  | 'postmortems.submit'
  | 'postmortems.review'
  | 'postmortems.publish'
  | 'postmortems.reopen'
  | 'postmortems.comment'
  | 'postmortems.addActionItem';

export interface PostmortemsSlice {
  postmortemList: Remote<PostmortemSummary[]>;
  postmortem: Remote<PostmortemDetail>;
  openActionItems: Remote<ActionItem[]>;
  postmortemOpenId: number | null;
  loadPostmortems: () => Promise<void>;
  loadPostmortem: (id: number) => Promise<void>;
  loadOpenActionItems: () => Promise<void>;
  /** Shows one postmortem (or the list, with null) on the Postmortems page. */
  openPostmortem: (id: number | null) => void;
  createPostmortem: (incidentId: number) => Promise<PostmortemDetail>;
  changePostmortem: <C extends PostmortemChange>(
    channel: C,
    input: ChannelInput<C>,
  ) => Promise<PostmortemDetail>;
  updateActionItem: (input: ChannelInput<'postmortems.updateActionItem'>) => Promise<void>;
  exportPostmortem: (
    input: ChannelInput<'postmortems.export'>,
  ) => Promise<ChannelOutput<'postmortems.export'>>;
  /** Whether an incident needs a postmortem and the one it has (the incident view's panel). */
  incidentPostmortem: Remote<IncidentPostmortem>;
  loadIncidentPostmortem: (incidentId: number) => Promise<void>;
  postmortemPolicy: Remote<PostmortemPolicy>;
  loadPostmortemPolicy: () => Promise<void>;
  savePostmortemPolicy: (policy: PostmortemPolicy) => Promise<void>;
}

export const createPostmortemsSlice =
  (api: ApiClient): SliceCreator<PostmortemsSlice> =>
  (set, get) => {
    const loadList = async () => {
      set({ postmortemList: loading(get().postmortemList) });
      try {
        set({ postmortemList: ready(await api.call('postmortems.list', {})) });
      } catch (error) {
        set({ postmortemList: failed(get().postmortemList, error) });
      }
    };
    const loadOne = async (id: number) => {
      set({ postmortem: loading(get().postmortem) });
      try {
        set({ postmortem: ready(await api.call('postmortems.get', { id })) });
      } catch (error) {
        set({ postmortem: failed(get().postmortem, error) });
      }
    };
    const loadItems = async () => {
      set({ openActionItems: loading(get().openActionItems) });
      try {
        set({ openActionItems: ready(await api.call('postmortems.actionItems', {})) });
      } catch (error) {
        set({ openActionItems: failed(get().openActionItems, error) });
      }
    };
    const loadForIncident = async (incidentId: number) => {
      const previous = get().incidentPostmortem;
      const kept = previous.data?.incidentId === incidentId ? previous : idle<IncidentPostmortem>();
      set({ incidentPostmortem: loading(kept) });
      try {
        set({
          incidentPostmortem: ready(await api.call('postmortems.forIncident', { incidentId })),
        });
      } catch (error) {
        set({ incidentPostmortem: failed(kept, error) });
      }
    };
    // Another operator's review or edit shows at once in whatever is already loaded.
    api.onEvent('postmortems.changed', ({ ids }) => {
      const state = get();
      if (state.postmortemList.status !== 'idle') void loadList();
      if (state.openActionItems.status !== 'idle') void loadItems();
      const open = state.postmortemOpenId;
      if (open !== null && (ids.length === 0 || ids.includes(open))) void loadOne(open);
      const forIncident = state.incidentPostmortem.data?.incidentId;
      if (forIncident !== undefined) void loadForIncident(forIncident);
    });
    return {
      postmortemList: idle(),
      postmortem: idle(),
      openActionItems: idle(),
      postmortemOpenId: null,
      loadPostmortems: loadList,
      loadPostmortem: loadOne,
      loadOpenActionItems: loadItems,
      openPostmortem(id) {
        set({ postmortemOpenId: id });
        get().navigate('postmortems');
        if (id !== null) void loadOne(id);
      },
      async createPostmortem(incidentId) {
        const created = await api.call('postmortems.create', { incidentId });
        set({ postmortem: ready(created) });
        get().openPostmortem(created.id);
        return created;
      },
      async changePostmortem(channel, input) {
        // reason: every PostmortemChange channel answers with the postmortem (see postmortemChannels.ts).
        const detail = (await api.call(channel, input)) as PostmortemDetail;
        set({ postmortem: ready(detail) });
        return detail;
      },
      async updateActionItem(input) {
        await api.call('postmortems.updateActionItem', input);
        const open = get().postmortemOpenId;
        if (open !== null) await loadOne(open);
        if (get().openActionItems.status !== 'idle') await loadItems();
      },
      exportPostmortem: (input) => api.call('postmortems.export', input),
      incidentPostmortem: idle(),
      loadIncidentPostmortem: loadForIncident,
      postmortemPolicy: idle(),
      async loadPostmortemPolicy() {
        set({ postmortemPolicy: loading(get().postmortemPolicy) });
        try {
          set({ postmortemPolicy: ready(await api.call('postmortems.policy', {})) });
        } catch (error) {
          set({ postmortemPolicy: failed(get().postmortemPolicy, error) });
        }
      },
      async savePostmortemPolicy(policy) {
        set({ postmortemPolicy: ready(await api.call('postmortems.setPolicy', policy)) });
      },
    };
  };

export const selectPostmortemList = (state: AppState) => state.postmortemList;
export const selectPostmortem = (state: AppState) => state.postmortem;
export const selectOpenActionItems = (state: AppState) => state.openActionItems;
