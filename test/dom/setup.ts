// jsdom does no layout: give elements a size so the virtualised audit table renders its rows,
// and reset <html> and the DOM between tests.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get: () => 800,
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
  configurable: true,
  get: () => 1200,
});

afterEach(() => {
  cleanup();
  document.documentElement.removeAttribute('dir');
  document.documentElement.removeAttribute('lang');
  document.documentElement.removeAttribute('data-theme');
  // The console keeps its screen in the address: each test starts at the bare address.
  window.history.replaceState(null, '', '/');
  // Unsaved SLO drafts are kept in the tab's session storage: each test starts without any.
  window.sessionStorage.clear();
});
