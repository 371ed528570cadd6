// Renderer entry: bundled fonts and styles, then the app around the bridge this shell provides.
import '@fontsource/inter/400.css';
import '@fontsource/inter/500.css';
import '@fontsource/inter/600.css';
import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/500.css';
import '@fontsource/noto-sans-arabic/600.css';
import './styles/theme.css';
import './styles/components.css';
import './styles/layout.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { selectBridge } from './api/bridge.ts';
import { AppRoot } from './app/AppRoot.tsx';
import { localStoragePreferences } from './store/preferences.ts';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

const prefersLight =
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(prefers-color-scheme: light)').matches;

const bridge = selectBridge();

createRoot(container).render(
  <StrictMode>
    <AppRoot
      bridge={bridge}
      connection={'onConnectionChange' in bridge ? bridge : undefined}
      prefs={localStoragePreferences()}
      prefersLight={prefersLight}
    />
  </StrictMode>,
);
