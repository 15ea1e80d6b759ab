/**
 * The brigades' field app (a PWA served at /campo): registers people and their applications with no network
 * after a first sync, keeps everything encrypted with the brigadista's PIN, and sends the records when the
 * network returns. Its own build (campo/vite.config.ts); the forms are the citizen portal's.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import CssBaseline from '@mui/material/CssBaseline';
import GlobalStyles from '@mui/material/GlobalStyles';
import { ThemeProvider } from '@mui/material/styles';
import { theme } from '../../runtime/web/src/theme.ts';
import { App } from './App.tsx';

const FOCUS_STYLES = {
  'a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, [tabindex]:focus-visible': { outline: '3px solid #0b5c9e', outlineOffset: '2px' },
  '.Mui-focusVisible': { outline: '3px solid #0b5c9e', outlineOffset: '2px' },
  'h1[tabindex="-1"]:focus, h2[tabindex="-1"]:focus, h3[tabindex="-1"]:focus': { outline: 'none' },
  body: { overflowWrap: 'break-word' },
  // Big touch targets: a brigadista types standing, often in the sun.
  '.MuiButton-root': { minHeight: 48 },
};

// The service worker keeps the app's files: from the second start on, it opens with no network.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/campo/sw.js', { scope: '/campo/' }).catch(() => {
      // Without it the app still works while online; nothing to tell the brigadista now.
    });
  });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <GlobalStyles styles={FOCUS_STYLES} />
      <BrowserRouter basename="/campo">
        <App />
      </BrowserRouter>
    </ThemeProvider>
  </StrictMode>,
);
