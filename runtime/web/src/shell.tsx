/**
 * What the two browser apps share around their pages: the theme and focus styles, the router, the
 * session and the header (Layout). The citizen and officials' portal (runtime/web) and the planners'
 * designer (designer/) are separate builds served from one origin, so a link from one to the other
 * must load the other app's page instead of being routed here: `OtraAplicacion` does that.
 */
import { StrictMode, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, useLocation } from 'react-router';
import CssBaseline from '@mui/material/CssBaseline';
import GlobalStyles from '@mui/material/GlobalStyles';
import { ThemeProvider } from '@mui/material/styles';
import { theme } from './theme.ts';
import { SessionProvider } from './session.tsx';
import { Layout } from './components/Layout.tsx';
import { Loading, NavigationFocus } from './components/common.tsx';

const FOCUS_STYLES = {
  'a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, [tabindex]:focus-visible': {
    outline: '3px solid #0b5c9e',
    outlineOffset: '2px',
  },
  // Radios and inputs inside MUI show focus on their wrapper.
  '.Mui-focusVisible': { outline: '3px solid #0b5c9e', outlineOffset: '2px' },
  'h1[tabindex="-1"]:focus, h2[tabindex="-1"]:focus, h3[tabindex="-1"]:focus, h4[tabindex="-1"]:focus': { outline: 'none' },
  body: { overflowWrap: 'break-word' },
};

/** Renders an app's routes (`children`) inside the shared theme, router, session and header. */
export function renderApp(children: ReactNode): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <GlobalStyles styles={FOCUS_STYLES} />
        <BrowserRouter>
          <SessionProvider>
            <Layout>
              <NavigationFocus />
              {children}
            </Layout>
          </SessionProvider>
        </BrowserRouter>
      </ThemeProvider>
    </StrictMode>,
  );
}

/**
 * The element of the routes that belong to the other app: the address is loaded from the server, which
 * answers with that app's page. `replace` keeps the back button on the page the person came from.
 */
export function OtraAplicacion() {
  const { pathname, search, hash } = useLocation();
  useEffect(() => {
    window.location.replace(`${pathname}${search}${hash}`);
  }, [pathname, search, hash]);
  return <Loading label="Abriendo…" />;
}
