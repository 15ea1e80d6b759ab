/** Pieces shared by the officials' pages. */
import { useId, type FormEvent, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';

/** "Label: value" pairs as a description list, two columns on wide screens. */
export function DataList({ items, columns = 1 }: { items: Array<[string, ReactNode]>; columns?: 1 | 2 }) {
  return (
    <Box
      component="dl"
      sx={{
        m: 0,
        display: 'grid',
        // On phones the label column takes at most ~40% so that values (chips, folios) keep their room.
        gridTemplateColumns: {
          xs: 'minmax(0, 40%) minmax(0, 1fr)',
          sm: 'max-content minmax(0, 1fr)',
          md: columns === 2 ? 'max-content minmax(0, 1fr) max-content minmax(0, 1fr)' : 'max-content minmax(0, 1fr)',
        },
        columnGap: { xs: 2, sm: 3 },
        rowGap: 1,
        alignItems: 'baseline',
      }}
    >
      {items.map(([k, v]) => (
        <Box key={k} sx={{ display: 'contents' }}>
          <Typography component="dt" sx={{ fontWeight: 700 }}>
            {k}
          </Typography>
          <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
            {v === null || v === undefined || v === '' ? '—' : v}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/** A native select (keyboard and screen readers treat it as the browser's own) with a visible label. */
export function SelectField({ options, placeholder, ...props }: TextFieldProps & { options: Array<{ value: string; label: string }>; placeholder?: string }) {
  return (
    <TextField {...props} select slotProps={{ ...props.slotProps, select: { native: true }, inputLabel: { shrink: true } }}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

/**
 * A dialog with a form: MUI keeps the focus inside and gives it back to the button that opened it.
 * The server's error is shown above the actions and announced.
 */
export function FormDialog({
  open,
  title,
  onClose,
  onSubmit,
  submitLabel,
  busy,
  error,
  children,
  submitColor = 'primary',
  maxWidth = 'sm',
  hideSubmit = false,
  initialFocus,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  submitLabel: string;
  busy?: boolean;
  error?: ReactNode;
  children: ReactNode;
  submitColor?: 'primary' | 'error' | 'success' | 'warning';
  maxWidth?: 'xs' | 'sm' | 'md' | 'lg';
  hideSubmit?: boolean;
  /** id of the field that takes the focus once the dialog is open (else MUI focuses the dialog itself). */
  initialFocus?: string;
}) {
  const id = useId();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'), { noSsr: true });
  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      fullWidth
      fullScreen={phone}
      maxWidth={maxWidth}
      aria-labelledby={`${id}-titulo`}
      slotProps={{ transition: { onEntered: () => (initialFocus ? document.getElementById(initialFocus)?.focus() : undefined) } }}
    >
      <Box
        component="form"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (!busy) onSubmit();
        }}
        sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: '1 1 auto' }}
      >
        <DialogTitle id={`${id}-titulo`} component="h2" sx={{ fontSize: '1.3rem', fontWeight: 700 }}>
          {title}
        </DialogTitle>
        <DialogContent dividers>
          {children}
          {error && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, py: 2, gap: 1, flexWrap: 'wrap' }}>
          <Button onClick={onClose} disabled={busy} variant="outlined">
            {hideSubmit ? 'Cerrar' : 'Cancelar'}
          </Button>
          {!hideSubmit && (
            <Button type="submit" variant="contained" color={submitColor} disabled={busy}>
              {busy ? 'Enviando…' : submitLabel}
            </Button>
          )}
        </DialogActions>
      </Box>
    </Dialog>
  );
}

/** A section with an h2, labelled by it. */
export function Section({ id, title, children, actions }: { id: string; title: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <Box component="section" aria-labelledby={id} sx={{ mb: 4, '& > :first-of-type h2': { scrollMarginTop: { xs: 16, md: 88 } } }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="h2" id={id} sx={{ mr: 'auto' }}>
          {title}
        </Typography>
        {actions}
      </Box>
      {children}
    </Box>
  );
}

/** "Sí" / "No". */
export const siNo = (b: boolean | null | undefined) => (b ? 'Sí' : 'No');
