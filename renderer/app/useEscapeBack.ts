// Escape steps a page up one level (detail → list), unless a dialog or the palette has it: dialogs
// stop their own Escape, and the palette is a dialog too.
import { useEffect } from 'react';
import type { AppState } from '../store/appState.ts';
import { useAppStoreApi } from '../store/index.ts';

/** `back` returns the step to take in this state, or null when the page is already at its top. */
export function useEscapeBack(back: (state: AppState) => (() => void) | null): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const state = store.getState();
      if (!state.paletteOpen) back(state)?.();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, back]);
}
