// A page whose code is fetched ahead of time renders at once, with no fallback in between; one
// opened before its code came suspends as a lazy page does; a failed fetch is tried again.
import { act, render, screen } from '@testing-library/react';
import { Suspense, type ComponentType } from 'react';
import { describe, expect, it } from 'vitest';
import { preloadable } from '../../renderer/app/preloadable.tsx';

const Shown = () => <p data-testid="page">the page</p>;
const inSuspense = (Page: ComponentType) => (
  <Suspense fallback={<p data-testid="fallback">loading</p>}>
    <Page />
  </Suspense>
);

describe('preloadable page', () => {
  it('renders at once once its code is fetched, without a fallback', async () => {
    let loads = 0;
    const { Page, preload } = preloadable(() => {
      loads++;
      return Promise.resolve(Shown);
    });
    await preload();
    render(inSuspense(Page));
    expect(screen.getByTestId('page')).toBeTruthy();
    expect(screen.queryByTestId('fallback')).toBeNull();
    await preload();
    expect(loads).toBe(1);
  });

  it('shows the fallback when opened before its code came, then the page', async () => {
    let arrive: (page: typeof Shown) => void = () => undefined;
    const { Page } = preloadable(() => new Promise((resolve) => (arrive = resolve)));
    render(inSuspense(Page));
    expect(screen.getByTestId('fallback')).toBeTruthy();
    act(() => arrive(Shown));
    expect(await screen.findByTestId('page')).toBeTruthy();
  });

  it('tries a failed fetch again', async () => {
    let loads = 0;
    const { preload } = preloadable(() =>
      ++loads === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(Shown),
    );
    await expect(preload()).rejects.toThrow('offline');
    await expect(preload()).resolves.toBe(Shown);
    expect(loads).toBe(2);
  });
});
