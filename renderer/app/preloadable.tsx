// A page whose code loads on first use and can also be fetched ahead of time. Once fetched it
// renders at once: a lazy page that suspends shows its fallback first, and React then holds the
// page back until 300 ms after that fallback appeared, on every first open after a page load.
import { lazy, type ComponentType } from 'react';

export interface PreloadablePage {
  Page: ComponentType;
  /** Fetches the page's code; a failed fetch is tried again on the next call or on opening. */
  preload: () => Promise<ComponentType>;
}

export function preloadable(load: () => Promise<ComponentType>): PreloadablePage {
  let loaded: ComponentType | null = null;
  let loading: Promise<ComponentType> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Page() {
    const Loaded = loaded;
    return Loaded ? <Loaded /> : <Lazy />;
  }
  return { Page, preload };
}
