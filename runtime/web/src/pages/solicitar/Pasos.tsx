/**
 * The list of the form's steps: every step up to the furthest one reached opens by its name; on
 * phones, «Paso n de N» with a progress bar, and the same list behind «Ver todos los pasos».
 */
import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import CheckIcon from '@mui/icons-material/Check';
import { visuallyHidden } from '../../components/common.tsx';

type StepState = 'actual' | 'hecho' | 'abierto' | 'pendiente';

/** How a step looks in the list: the current one filled, the completed ones tinted with a check. */
function stepColors(state: StepState) {
  const now = state === 'actual';
  const done = state === 'hecho';
  return {
    chip: { borderColor: now ? 'primary.main' : 'divider', bgcolor: now ? 'primary.main' : done ? '#f1e6ea' : '#fff', color: now ? '#fff' : 'text.primary', fontWeight: now ? 700 : 500 },
    badge: { bgcolor: now ? '#fff' : done ? 'primary.main' : '#e6e1e3', color: now ? 'primary.main' : done ? '#fff' : 'text.primary' },
  };
}

const STEP_STATUS: Record<StepState, string> = { actual: '(paso actual)', hecho: '(completado)', abierto: '', pendiente: '(todavía no disponible)' };

/** The number (or check), the name, and for screen readers «Paso n:» and the step's state. */
function StepContent({ index, label, state }: { index: number; label: string; state: StepState }) {
  return (
    <>
      <Box
        component="span"
        aria-hidden="true"
        sx={{ width: 24, height: 24, flex: 'none', borderRadius: '50%', display: 'inline-flex', alignItems: 'center', justifyContent: 'center', fontSize: '0.8rem', ...stepColors(state).badge }}
      >
        {state === 'hecho' ? <CheckIcon sx={{ fontSize: 16 }} /> : index + 1}
      </Box>
      <Box component="span" sx={visuallyHidden}>
        Paso {index + 1}:{' '}
      </Box>
      {label}
      {STEP_STATUS[state] && (
        <Box component="span" sx={visuallyHidden}>
          {' '}
          {STEP_STATUS[state]}
        </Box>
      )}
    </>
  );
}

/**
 * One step of the list. The steps already reached are buttons that open them (a native button: Tab,
 * Enter and Space work); the current one is marked aria-current; later ones are plain text.
 */
function StepItem({ index, label, state, onSelect, column }: { index: number; label: string; state: StepState; onSelect: () => void; column: boolean }) {
  const colors = stepColors(state);
  const chip = { display: 'flex', alignItems: 'center', gap: 1, px: 1.5, py: 0.75, borderRadius: 5, border: 1, fontSize: '0.95rem', textAlign: 'left', ...colors.chip } as const;
  const width = column ? '100%' : undefined;
  const content = <StepContent index={index} label={label} state={state} />;
  return (
    <Box component="li" aria-current={state === 'actual' ? 'step' : undefined} sx={{ display: 'flex', width }}>
      {state === 'hecho' || state === 'abierto' ? (
        <ButtonBase
          onClick={onSelect}
          sx={{
            ...chip,
            font: 'inherit',
            width,
            justifyContent: 'flex-start',
            '&:hover': { borderColor: 'primary.main', textDecoration: 'underline' },
            '&.Mui-focusVisible, &:focus-visible': { outline: '3px solid', outlineColor: 'primary.dark', outlineOffset: '2px' },
          }}
        >
          {content}
        </ButtonBase>
      ) : (
        <Box sx={{ ...chip, width, color: state === 'pendiente' ? 'text.secondary' : colors.chip.color }}>{content}</Box>
      )}
    </Box>
  );
}

interface PasosProps {
  labels: string[];
  current: number;
  reached: number;
  onSelect: (step: number) => void;
}

function StepList({ labels, current, reached, onSelect, column }: PasosProps & { column: boolean }) {
  const stateOf = (i: number): StepState => (i === current ? 'actual' : i < reached ? 'hecho' : i === reached ? 'abierto' : 'pendiente');
  return (
    <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: column ? 'column' : 'row', flexWrap: 'wrap', gap: 1 }}>
      {labels.map((label, i) => (
        <StepItem key={`${i}-${label}`} index={i} label={label} state={stateOf(i)} column={column} onSelect={() => onSelect(i)} />
      ))}
    </Box>
  );
}

/** On phones: what comes next, a progress bar, and the list behind «Ver todos los pasos». */
function PasosEnTelefono(props: PasosProps) {
  const { labels, current } = props;
  const [open, setOpen] = useState(false);
  const select = (i: number) => {
    setOpen(false);
    props.onSelect(i);
  };
  return (
    <Box sx={{ mb: 3 }}>
      <Typography sx={{ fontWeight: 600, fontSize: '0.95rem' }}>{current + 1 < labels.length ? `Después: ${labels[current + 1]}` : 'Último paso'}</Typography>
      <LinearProgress variant="determinate" value={((current + 1) / labels.length) * 100} aria-label={`Avance: paso ${current + 1} de ${labels.length}`} sx={{ mt: 1, height: 8, borderRadius: 4 }} />
      <Button size="small" variant="text" aria-expanded={open} aria-controls="lista-de-pasos" onClick={() => setOpen((o) => !o)} sx={{ mt: 1, px: 0.5 }}>
        {open ? 'Ocultar los pasos' : 'Ver todos los pasos'}
      </Button>
      {open && (
        <Box component="nav" id="lista-de-pasos" aria-label="Pasos de la solicitud" sx={{ mt: 1 }}>
          <StepList {...props} onSelect={select} column />
        </Box>
      )}
    </Box>
  );
}

export function Pasos(props: PasosProps) {
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'), { noSsr: true });
  if (!wide) return <PasosEnTelefono {...props} />;
  return (
    <Box component="nav" aria-label="Pasos de la solicitud" sx={{ mb: 4 }}>
      <StepList {...props} column={false} />
    </Box>
  );
}
