import { createTheme } from '@mui/material/styles';
import { esES } from '@mui/material/locale';

/**
 * Colours chosen for contrast: every main colour has at least 6:1 against white (WCAG AA needs 4.5:1),
 * so chips, buttons and links stay readable; focus is a thick outline that is always visible.
 */
export const theme = createTheme(
  {
    palette: {
      primary: { main: '#7a1f3d', dark: '#5a1129', light: '#a34a68', contrastText: '#ffffff' },
      secondary: { main: '#1e5b4f', contrastText: '#ffffff' },
      success: { main: '#1e6b34', contrastText: '#ffffff' },
      warning: { main: '#8a4b00', contrastText: '#ffffff' },
      error: { main: '#b3261e', contrastText: '#ffffff' },
      info: { main: '#0b5c9e', contrastText: '#ffffff' },
      text: { primary: '#1d1b1c', secondary: '#555055' },
      background: { default: '#f6f3f4', paper: '#ffffff' },
    },
    shape: { borderRadius: 8 },
    typography: {
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
      h1: { fontSize: '1.9rem', fontWeight: 700, lineHeight: 1.2 },
      h2: { fontSize: '1.45rem', fontWeight: 700, lineHeight: 1.25 },
      h3: { fontSize: '1.2rem', fontWeight: 700, lineHeight: 1.3 },
      h4: { fontSize: '1.05rem', fontWeight: 700 },
      button: { textTransform: 'none', fontWeight: 600, fontSize: '1rem' },
    },
    components: {
      MuiButtonBase: {
        defaultProps: { disableRipple: false },
        styleOverrides: {
          root: {
            '&.Mui-focusVisible': { outline: '3px solid #0b5c9e', outlineOffset: 2 },
          },
        },
      },
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiLink: { defaultProps: { underline: 'always' } },
      MuiTextField: { defaultProps: { fullWidth: true } },
      MuiFormHelperText: { styleOverrides: { root: { fontSize: '0.875rem', marginLeft: 0, marginRight: 0 } } },
      MuiInputLabel: { styleOverrides: { root: { color: '#4a4548' } } },
      MuiFormLabel: { styleOverrides: { root: { color: '#1d1b1c', '&.Mui-focused': { color: '#1d1b1c' } } } },
      MuiTableCell: { styleOverrides: { head: { fontWeight: 700 } } },
      // A long option (an area's full name) wraps instead of being cut at the edge of a phone's screen.
      MuiMenuItem: { styleOverrides: { root: { whiteSpace: 'normal' } } },
    },
  },
  esES,
);
