import { useEffect, useRef, type ReactNode } from 'react';
import { Link as RouterLink, Navigate, useLocation } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme, type SxProps, type Theme } from '@mui/material/styles';
import { estadoColor } from '../format.ts';
import { useSession } from '../session.tsx';

/** Set when the address changes inside the app; the next page to mount takes the focus to its h1. */
let focusNextHeading = false;

/**
 * Watches navigation: after the first address, each new one makes the next page announce itself
 * (focus on its h1), as a full page load would for screen readers. On the first load the focus stays
 * at the top of the document, so the first Tab reaches the skip link.
 */
export function NavigationFocus() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else focusNextHeading = true;
  }, [location.key]);
  return null;
}

/** Hidden on screen, read by screen readers. */
export const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  padding: 0,
  margin: '-1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

/** A page: sets the document title and, after navigating inside the app, takes the focus to its h1. */
export function Page({ title, children, heading, lead }: { title: string; heading?: ReactNode; lead?: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · SIPROS`;
  }, [title]);
  useEffect(() => {
    if (focusNextHeading) {
      focusNextHeading = false;
      ref.current?.focus();
    }
  }, []);
  return (
    <Box>
      <Typography ref={ref} variant="h1" component="h1" tabIndex={-1} sx={{ mb: lead ? 1 : 3, '&:focus': { outline: 'none' } }}>
        {heading ?? title}
      </Typography>
      {lead && (
        <Typography color="text.secondary" sx={{ mb: 3, maxWidth: '70ch' }}>
          {lead}
        </Typography>
      )}
      {children}
    </Box>
  );
}

/**
 * A folio, never broken across lines: a person copies it or reads it out whole, and on a phone a
 * folio split at its slashes or hyphens looks like two numbers.
 */
export function Folio({ folio, sx }: { folio: string; sx?: SxProps<Theme> }) {
  return (
    <Box component="span" data-folio-texto sx={[{ whiteSpace: 'nowrap' }, ...(Array.isArray(sx) ? sx : [sx])]}>
      {folio}
    </Box>
  );
}

export function Loading({ label = 'Cargando…' }: { label?: string }) {
  return (
    <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 2, py: 4 }}>
      <CircularProgress size={28} aria-hidden="true" />
      <Typography>{label}</Typography>
    </Box>
  );
}

/** A server or network error, in the server's words. */
export function ErrorAlert({ message, title, children }: { message: string | null | undefined; title?: string; children?: ReactNode }) {
  if (!message) return null;
  return (
    <Alert severity="error" role="alert" sx={{ mb: 2 }}>
      {title && <AlertTitle>{title}</AlertTitle>}
      {message}
      {children}
    </Alert>
  );
}

export interface SummaryItem {
  /** id of the input to focus. */
  target?: string;
  message: string;
  onSelect?: () => void;
}

/**
 * The list of problems at the top of a form, each a link to its field. Takes the focus when shown so
 * keyboard and screen-reader users land on it.
 */
export function ErrorSummary({ title, items, focusKey }: { title: string; items: SummaryItem[]; focusKey?: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusKey]);
  if (items.length === 0) return null;
  return (
    <Alert
      severity="error"
      ref={ref}
      tabIndex={-1}
      aria-labelledby="resumen-errores-titulo"
      sx={{ mb: 3, '&:focus-visible': { outline: '3px solid #0b5c9e' }, '& .MuiAlert-icon': { display: { xs: 'none', sm: 'flex' } } }}
    >
      <AlertTitle id="resumen-errores-titulo" component="h2" sx={{ fontSize: '1.1rem', fontWeight: 700 }}>
        {title}
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.25, '& li': { mb: 0.75 } }}>
        {items.map((item, i) => (
          <li key={i}>
            {item.target || item.onSelect ? (
              <Link
                href={item.target ? `#${item.target}` : '#'}
                color="inherit"
                sx={{ display: 'block', minHeight: 24, lineHeight: 1.5, fontWeight: 600 }}
                onClick={(e) => {
                  e.preventDefault();
                  item.onSelect?.();
                  if (item.target) {
                    // After a step change the field appears on the next render.
                    setTimeout(() => {
                      const el = document.getElementById(item.target!);
                      el?.focus();
                      el?.scrollIntoView({ block: 'center' });
                    }, 50);
                  }
                }}
              >
                {item.message}
              </Link>
            ) : (
              item.message
            )}
          </li>
        ))}
      </Box>
    </Alert>
  );
}

export function StatusChip({ estado }: { estado: string }) {
  return <Chip label={estado} color={estadoColor(estado)} size="small" sx={{ fontWeight: 700 }} />;
}

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/** A table on wide screens; on phones each row becomes a card listing "header: value". */
export function ResponsiveTable<T>({ caption, columns, rows, rowKey }: { caption: string; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string }) {
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'), { noSsr: true });
  if (!wide) {
    // Each row a card: the first column as its title, the others as "header: value" pairs.
    const [first, ...rest] = columns;
    return (
      <Box component="ul" aria-label={caption} sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 2 }}>
        {rows.map((row) => (
          <Paper component="li" key={rowKey(row)} variant="outlined" sx={{ p: 2 }}>
            <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 1.5, rowGap: 1, alignItems: 'baseline' }}>
              <Box sx={{ gridColumn: '1 / -1', mb: 0.5 }}>
                <Box component="dt" sx={visuallyHidden}>
                  {first.header}
                </Box>
                <Box component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                  {first.cell(row)}
                </Box>
              </Box>
              {rest.map((c) => (
                <Box key={c.header} sx={{ display: 'contents' }}>
                  <Typography component="dt" sx={{ fontWeight: 700 }}>
                    {c.header}
                  </Typography>
                  <Box component="dd" sx={{ m: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
                    {c.cell(row)}
                  </Box>
                </Box>
              ))}
            </Box>
          </Paper>
        ))}
      </Box>
    );
  }
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table>
        <caption style={{ captionSide: 'top', textAlign: 'left', padding: '12px 16px', fontWeight: 600, color: '#1d1b1c' }}>{caption}</caption>
        <TableHead>
          <TableRow>
            {columns.map((c) => (
              <TableCell key={c.header} scope="col">
                {c.header}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)}>
              {columns.map((c) => (
                <TableCell key={c.header}>{c.cell(row)}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** Pages for logged-in citizens: others are sent to "Iniciar sesión" and brought back afterwards. */
export function RequireCitizen({ children }: { children: ReactNode }) {
  const { cuenta } = useSession();
  const location = useLocation();
  if (cuenta === undefined) return <Loading label="Revisando tu sesión…" />;
  if (cuenta === null) {
    const siguiente = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/iniciar-sesion?siguiente=${siguiente}`} replace />;
  }
  return <>{children}</>;
}

export function RouterLinkText({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link component={RouterLink} to={to}>
      {children}
    </Link>
  );
}
