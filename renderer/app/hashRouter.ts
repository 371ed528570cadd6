// Keeps the address bar and the store in step, both ways: every screen the store shows gets its own
// history entry (#/slos/api-latency), and Back, Forward, a reload or a pasted link put the store
// where the address says. Hash paths work alike on the web host and on Electron's app:// pages.
// While nobody is signed in the address is left alone, so signing in opens the screen it names.
import type { AppStore } from '../store/index.ts';
import { pathOf, routeFor, type RouteState } from './routes.ts';

/** Where a tab whose session was lost stood, so the next sign-in link opens there (one hour). */
const RETURN_KEY = 'mirqab.returnTo';
const RETURN_TTL_MS = 60 * 60_000;

type RouterWindow = Pick<
  Window,
  'location' | 'history' | 'addEventListener' | 'removeEventListener'
> & {
  localStorage?: Storage;
};

/** Remembers the screen this tab shows, for the tab a new sign-in link opens. */
export function rememberRoute(win: RouterWindow = window): void {
  if (!win.location.hash.startsWith('#/')) return;
  try {
    win.localStorage?.setItem(
      RETURN_KEY,
      JSON.stringify({ hash: win.location.hash, at: Date.now() }),
    );
  } catch {
    // storage can be disabled by policy: the new link then opens on the overview
  }
}

function takeRememberedRoute(win: RouterWindow): string | null {
  try {
    const text = win.localStorage?.getItem(RETURN_KEY);
    win.localStorage?.removeItem(RETURN_KEY);
    const saved = text ? (JSON.parse(text) as { hash?: unknown; at?: unknown }) : null;
    if (typeof saved?.hash !== 'string' || typeof saved.at !== 'number') return null;
    return Date.now() - saved.at < RETURN_TTL_MS && saved.hash.startsWith('#/') ? saved.hash : null;
  } catch {
    return null;
  }
}

/** Puts the store where `route` says; a drill run is opened through its action, which loads it. */
function applyRoute(store: AppStore, route: Partial<RouteState>): void {
  const id = route.drillRunOpenId;
  if (id !== undefined && id !== null && id !== store.getState().drillRunOpenId)
    store.getState().openDrillRun(id);
  store.setState(route);
}

export function installHashRouter(store: AppStore, win: RouterWindow = window): () => void {
  if (!win.location.hash.startsWith('#/')) {
    const remembered = takeRememberedRoute(win);
    if (remembered) win.history.replaceState(win.history.state, '', remembered);
  }
  let isApplying = false;
  const hashOf = (state: RouteState) => `#${pathOf(state)}`;

  /** Address → store; an address that names nothing is replaced by the store's own. */
  const followAddress = () => {
    if (!store.getState().session) return;
    const hash = win.location.hash;
    const route = hash.startsWith('#/') ? routeFor(hash.slice(1)) : null;
    if (route) {
      isApplying = true;
      try {
        applyRoute(store, route);
      } finally {
        isApplying = false;
      }
    }
    // Other fragments (the skip link's #main) are the page's own, not an address.
    if (!route && hash && !hash.startsWith('#/')) return;
    const canonical = hashOf(store.getState());
    if (hash !== canonical) win.history.replaceState(win.history.state, '', canonical);
  };

  const unsubscribe = store.subscribe((next, previous) => {
    if (!next.session || isApplying) return;
    if (!previous.session) {
      followAddress();
      return;
    }
    const hash = hashOf(next);
    if (hash !== win.location.hash && hash !== hashOf(previous))
      win.history.pushState(null, '', hash);
  });
  win.addEventListener('popstate', followAddress);
  win.addEventListener('hashchange', followAddress);
  followAddress();
  return () => {
    unsubscribe();
    win.removeEventListener('popstate', followAddress);
    win.removeEventListener('hashchange', followAddress);
  };
}
