// Postmortems: the list (or the one open), the open action items across postmortems, and the rule
// for when one is required.
import './postmortems.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import type { PostmortemsTab } from '../../store/uiSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Tabs, type TabItem } from '../../ui/Tabs.tsx';
import { OpenActionItems } from './OpenActionItems.tsx';
import { PolicyPanel } from './PolicyPanel.tsx';
import { PostmortemEditor } from './PostmortemEditor.tsx';
import { PostmortemList } from './PostmortemList.tsx';
import { selectPostmortem } from './postmortemsSlice.ts';

function OpenPostmortem({ id }: { id: number }) {
  const { t } = useTranslation();
  const detail = useAppStore(selectPostmortem);
  const load = useAppStore((s) => s.loadPostmortem);
  const open = useAppStore((s) => s.openPostmortem);
  useEffect(() => {
    if (detail.data?.id !== id && detail.status !== 'loading') void load(id);
  }, [id, detail.data?.id, detail.status, load]);
  const pm = detail.data?.id === id ? detail.data : null;
  return (
    <div className="pm-stack">
      <div>
        <Button variant="ghost" size="sm" onClick={() => open(null)} data-testid="pm-back">
          {t('postmortems.back')}
        </Button>
      </div>
      {detail.error && !pm && (
        <ErrorNotice error={detail.error} onRetry={() => void load(id)} testId="pm-error" />
      )}
      {!pm && !detail.error && <LoadingBlock label={t('postmortems.loading')} />}
      {/* A fresh editor per postmortem and revision: unsaved text never carries over. */}
      {pm && <PostmortemEditor key={`${pm.id}:${pm.revision}:${pm.state}`} pm={pm} />}
    </div>
  );
}

export function PostmortemsPage() {
  const { t } = useTranslation();
  const openId = useAppStore((s) => s.postmortemOpenId);
  const tab = useAppStore((s) => s.postmortemsTab);
  const setPageTab = useAppStore((s) => s.setPageTab);
  const setTab = (postmortemsTab: PostmortemsTab) => setPageTab({ postmortemsTab });
  const items: TabItem<PostmortemsTab>[] = [
    { key: 'list', label: t('postmortems.tabs.list'), testId: 'pm-tab-list' },
    { key: 'actionItems', label: t('postmortems.tabs.actionItems'), testId: 'pm-tab-items' },
  ];
  return (
    <div className="page postmortems-page" data-testid="postmortems-page">
      <PageHeader title={t('postmortems.title')} subtitle={t('postmortems.subtitle')} />
      {openId !== null ? (
        <OpenPostmortem id={openId} />
      ) : (
        <>
          <Tabs label={t('postmortems.title')} items={items} active={tab} onChange={setTab} />
          <div
            role="tabpanel"
            id={`tabpanel-${tab}`}
            aria-labelledby={`tab-${tab}`}
            className="tabpanel pm-stack"
          >
            {tab === 'list' && (
              <>
                <PostmortemList />
                <PolicyPanel />
              </>
            )}
            {tab === 'actionItems' && <OpenActionItems />}
          </div>
        </>
      )}
    </div>
  );
}
