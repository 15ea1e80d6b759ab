/**
 * The personal data of a sign-up (names, birth date, sex, phone, e-mail), one component for the
 * citizen's «Crear cuenta» and the official's Ventanilla. The CURP and the password are each page's
 * own (the citizen's CURP field checks as she types; a password is optional at a ventanilla).
 */
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import { CampoDeTexto } from '../Campos.tsx';
import { DateParts } from '../DateParts.tsx';
import type { Registrando } from './useRegistro.ts';

/** What differs between the two audiences on these fields. */
export interface Voz {
  /** Whether the browser may fill the fields from the person's own data (not on an office computer). */
  autocompletar: boolean;
  segundoApellido: string;
  /** Under the birth date, besides its error. */
  fechaAyuda?: string;
  sexo: string;
  telefono: string;
}

export const VOZ_CIUDADANO: Voz = {
  autocompletar: true,
  segundoApellido: 'Déjalo vacío si no tienes.',
  fechaAyuda: 'Debe coincidir con la de tu CURP (la llenamos al escribirla).',
  sexo: 'Sexo (como aparece en tu CURP)',
  telefono: '10 dígitos, sin lada de país. Ahí te enviaremos un código por SMS.',
};

export const VOZ_VENTANILLA: Voz = {
  autocompletar: false,
  segundoApellido: 'Vacío si no tiene.',
  sexo: 'Sexo (como aparece en la CURP)',
  telefono: '10 dígitos. Ahí recibirá los avisos de su solicitud.',
};

function FechaDeNacimiento({ r, voz }: { r: Registrando; voz: Voz }) {
  const error = r.errors.fechaNacimiento;
  const ids = [error ? 'fechaNacimiento-error' : null, voz.fechaAyuda ? 'fechaNacimiento-ayuda' : null].filter(Boolean).join(' ');
  return (
    <DateParts
      id="fechaNacimiento"
      label="Fecha de nacimiento"
      required
      value={r.f.fechaNacimiento || undefined}
      onChange={(v) => r.set('fechaNacimiento')(v ?? '')}
      invalid={!!error}
      describedBy={ids || undefined}
      help={
        error || voz.fechaAyuda ? (
          <>
            {error && (
              <FormHelperText id="fechaNacimiento-error" sx={{ fontWeight: 600 }}>
                {error}
              </FormHelperText>
            )}
            {voz.fechaAyuda && (
              <FormHelperText id="fechaNacimiento-ayuda" error={false} sx={{ color: 'text.secondary' }}>
                {voz.fechaAyuda}
              </FormHelperText>
            )}
          </>
        ) : undefined
      }
    />
  );
}

function Sexo({ r, voz }: { r: Registrando; voz: Voz }) {
  const error = r.errors.sexo;
  return (
    <FormControl component="fieldset" error={!!error} required>
      <FormLabel component="legend" id="sexo-etiqueta" sx={{ fontWeight: 600 }}>
        {voz.sexo}
      </FormLabel>
      <RadioGroup row name="sexo" aria-labelledby="sexo-etiqueta" value={r.f.sexo} onChange={(e) => r.set('sexo')(e.target.value)} aria-describedby={error ? 'sexo-error' : undefined}>
        <FormControlLabel value="M" control={<Radio id="sexo" />} label="Mujer" />
        <FormControlLabel value="H" control={<Radio />} label="Hombre" />
        <FormControlLabel value="X" control={<Radio />} label="No binario (X)" />
      </RadioGroup>
      {error && (
        <FormHelperText id="sexo-error" sx={{ fontWeight: 600 }}>
          {error}
        </FormHelperText>
      )}
    </FormControl>
  );
}

export function DatosPersonales({ r, voz }: { r: Registrando; voz: Voz }) {
  const { f, errors, set } = r;
  const auto = (value: string) => (voz.autocompletar ? value : 'off');
  const field = (id: 'nombres' | 'primerApellido' | 'segundoApellido' | 'telefono' | 'correo') => ({ id, name: id, value: f[id], onChange: (e: { target: { value: string } }) => set(id)(e.target.value), error: errors[id] });
  return (
    <>
      <CampoDeTexto {...field('nombres')} label="Nombre(s)" required autoComplete={auto('given-name')} />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={3}>
        <CampoDeTexto {...field('primerApellido')} label="Primer apellido" required autoComplete={auto('family-name')} />
        <CampoDeTexto {...field('segundoApellido')} label="Segundo apellido" autoComplete={auto('off')} hint={voz.segundoApellido} />
      </Stack>
      <FechaDeNacimiento r={r} voz={voz} />
      <Sexo r={r} voz={voz} />
      <CampoDeTexto {...field('telefono')} type="tel" label="Teléfono celular" required autoComplete={auto('tel-national')} hint={voz.telefono} slotProps={{ htmlInput: { inputMode: 'tel' } }} />
      <CampoDeTexto {...field('correo')} type="email" label="Correo electrónico" autoComplete={auto('email')} hint="Opcional." />
    </>
  );
}
