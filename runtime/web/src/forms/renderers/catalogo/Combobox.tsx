/**
 * A text field that offers a list as the person types (WAI-ARIA's «combobox with a list popup»): the input
 * keeps the focus and says which option is active (aria-activedescendant); ↓ and ↑ move through the list,
 * Enter chooses, Escape closes it, and a tap chooses too. Whatever is typed stays typed: the list only
 * offers, and choosing nothing keeps the text. The list is drawn in the page's flow under the input, not
 * over the page: it never covers the next question (a tap there would land on an option), it reads the
 * same at 360 px, and it is light (MUI's Autocomplete would bring its pop-up machinery to every form page).
 */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';

export interface Opcion {
  clave: string;
  texto: string;
  /** A second line under the name (kind, postal code, localidad): what tells two of the same name apart. */
  detalle?: string;
}

export interface ComboboxProps {
  id: string;
  value: string;
  opciones: readonly Opcion[];
  /** The list's name for a screen reader («Localidades que coinciden»). */
  nombreLista: string;
  onEscribir: (texto: string) => void;
  onElegir: (opcion: Opcion) => void;
  required?: boolean;
  invalid?: boolean;
  disabled?: boolean;
  describedBy?: string;
  maxLength?: number;
}

export function Combobox({ id, value, opciones, nombreLista, onEscribir, onElegir, required, invalid, disabled, describedBy, maxLength }: ComboboxProps) {
  const listId = `${useId()}-lista`;
  const [abierta, setAbierta] = useState(false);
  const [marcada, setActiva] = useState(-1);
  const mostrada = abierta && opciones.length > 0 && !disabled;
  // A shorter list (the person typed on) may no longer have the option that was active.
  const activa = marcada < opciones.length ? marcada : -1;
  const optionId = (i: number) => `${listId}-${i}`;

  useEffect(() => {
    if (mostrada && activa >= 0) document.getElementById(optionId(activa))?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activa, mostrada]);

  const elegir = (opcion: Opcion) => {
    setAbierta(false);
    onElegir(opcion);
  };
  const mover = (paso: number) => {
    if (!mostrada) return setAbierta(true);
    setActiva((activa + paso + opciones.length) % opciones.length);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      mover(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter' && mostrada && activa >= 0) {
      // Enter chooses the option shown active; with none, it does what Enter does in a form.
      event.preventDefault();
      elegir(opciones[activa]);
    } else if (event.key === 'Escape' && mostrada) {
      event.preventDefault();
      setAbierta(false);
    }
  };

  return (
    <Box>
      <TextField
        id={id}
        required={required}
        value={value}
        error={invalid}
        disabled={disabled}
        onChange={(e) => {
          // Typing on makes a new list: nothing in it is active until she moves to it.
          setActiva(-1);
          setAbierta(true);
          onEscribir(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setAbierta(false)}
        slotProps={{
          htmlInput: {
            role: 'combobox',
            'aria-autocomplete': 'list',
            'aria-expanded': mostrada,
            'aria-controls': mostrada ? listId : undefined,
            'aria-activedescendant': mostrada && activa >= 0 ? optionId(activa) : undefined,
            'aria-describedby': describedBy,
            autoComplete: 'off',
            maxLength,
          },
        }}
      />
      {mostrada && (
        <Paper
          component="ul"
          role="listbox"
          id={listId}
          aria-label={nombreLista}
          variant="outlined"
          // About five options and a half: the cut one says the list scrolls.
          sx={{ mt: 0.5, mb: 0, p: 0, maxHeight: 280, overflowY: 'auto', listStyle: 'none' }}
        >
          {opciones.map((opcion, i) => (
            <Box
              component="li"
              key={opcion.clave}
              id={optionId(i)}
              role="option"
              aria-selected={i === activa}
              // The input keeps the focus (a tap must not blur it and close the list before the click).
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => elegir(opcion)}
              sx={{ px: 2, py: 1, minHeight: 48, cursor: 'pointer', borderBottom: '1px solid #eee', bgcolor: i === activa ? 'action.selected' : undefined, '&:hover': { bgcolor: 'action.hover' } }}
            >
              <Typography component="span" sx={{ display: 'block', fontWeight: 600 }}>
                {opcion.texto}
              </Typography>
              {opcion.detalle && (
                <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
                  {opcion.detalle}
                </Typography>
              )}
            </Box>
          ))}
        </Paper>
      )}
    </Box>
  );
}
