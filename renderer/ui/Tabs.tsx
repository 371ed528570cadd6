// WAI-ARIA tabs: arrow keys move between tabs (mirrored in RTL by the browser's own order).
import type { KeyboardEvent } from 'react';

export interface TabItem<K extends string> {
  key: K;
  label: string;
  testId?: string;
}

export function Tabs<K extends string>({
  label,
  items,
  active,
  onChange,
}: {
  label: string;
  items: TabItem<K>[];
  active: K;
  onChange: (key: K) => void;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = items.findIndex((item) => item.key === active);
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = rtl ? 'ArrowRight' : 'ArrowLeft';
    let next = -1;
    if (event.key === forward) next = (index + 1) % items.length;
    else if (event.key === back) next = (index - 1 + items.length) % items.length;
    const item = items[next];
    if (!item) return;
    event.preventDefault();
    onChange(item.key);
    event.currentTarget.querySelector<HTMLElement>(`[data-key="${item.key}"]`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.key}
          type="button"
          role="tab"
          id={`tab-${item.key}`}
          aria-controls={`tabpanel-${item.key}`}
          aria-selected={item.key === active}
          tabIndex={item.key === active ? 0 : -1}
          className="tab"
          data-key={item.key}
          data-testid={item.testId}
          onClick={() => onChange(item.key)}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
