import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import { validateCurp } from '../../../../engine/curp.ts';
import { api, ApiError, messageOf } from '../api.ts';
import { ErrorAlert, ErrorSummary, Page, type SummaryItem } from '../components/common.tsx';
import { formatDate, formatPhone, sexoLabel } from '../format.ts';
import { useSession } from '../session.tsx';
import { DateParts } from '../components/DateParts.tsx';

type Errors = Record<string, string>;

/** A text field whose hint and error are read with it (MUI links helperText through aria-describedby). */
type FieldProps = Omit<TextFieldProps, 'error'> & { hint?: ReactNode; error?: string };

function Field({ hint, error, ...props }: FieldProps) {
  return (
    <TextField
      {...props}
      error={!!error}
      helperText={
        error || hint ? (
          <>
            {error && <span style={{ display: 'block', fontWeight: 600 }}>{error}</span>}
            {hint && <span style={{ display: 'block', color: '#555055' }}>{hint}</span>}
          </>
        ) : undefined
      }
    />
  );
}

function PasswordField(props: FieldProps) {
  const [show, setShow] = useState(false);
  return (
    <Field
      {...props}
      type={show ? 'text' : 'password'}
      slotProps={{
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton onClick={() => setShow((s) => !s)} aria-label={show ? 'Ocultar contraseña' : 'Mostrar contraseña'} aria-pressed={show} edge="end">
                {show ? <VisibilityOff /> : <Visibility />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}

const PASSWORD_HINT = 'Al menos 10 caracteres. Mejor una frase de tres o cuatro palabras que no tengan que ver contigo; no uses tu CURP ni contraseñas comunes.';

function realDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * The server's length rule (≥ 10 characters, runs of spaces counting once), checked before
 * sending; the server also refuses common, leaked or easy passwords and has the last word.
 */
function passwordProblem(password: string): string | null {
  if ([...password.trim().replace(/\s+/gu, ' ')].length >= 10) return null;
  return 'Usa al menos 10 caracteres (los espacios repetidos cuentan como uno).';
}

/** CURP input validated as the person types, with the engine's Spanish messages. */
function CurpField({ value, onChange, touched, onBlur, serverError, autoFocus }: { value: string; onChange: (v: string) => void; touched: boolean; onBlur: () => void; serverError?: string; autoFocus?: boolean }) {
  const result = useMemo(() => validateCurp(value), [value]);
  const length = [...result.curp].length;
  const showErrors = !result.valid && (touched || length >= 18) && length > 0;
  let status: ReactNode;
  if (serverError) status = serverError;
  else if (showErrors) status = result.errors.map((e) => e.message).join(' ');
  else if (result.valid)
    status = (
      <Box component="span" sx={{ display: 'inline-flex', gap: 0.5, alignItems: 'center', color: 'success.main', fontWeight: 600 }}>
        <CheckCircleOutline fontSize="small" aria-hidden="true" />
        CURP válida: nacimiento {formatDate(result.info.birthDate)}, {sexoLabel(result.info.sex).toLowerCase()}, {result.info.stateLabel}.
      </Box>
    );
  else status = length === 0 ? '18 caracteres; aparece en tu acta de nacimiento o en gob.mx/curp.' : `Llevas ${length} de 18 caracteres.`;
  const invalid = !!serverError || showErrors;
  return (
    <TextField
      id="curp"
      name="curp"
      label="CURP"
      required
      value={value}
      autoFocus={autoFocus}
      onChange={(e) => onChange(e.target.value.toUpperCase())}
      onBlur={onBlur}
      error={invalid}
      autoComplete="off"
      slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'characters', style: { textTransform: 'uppercase', letterSpacing: '0.05em' } }, formHelperText: { 'aria-live': 'polite' } as object }}
      helperText={<span style={invalid ? { fontWeight: 600 } : undefined}>{status}</span>}
    />
  );
}

function summaryOf(errors: Errors, labels: Record<string, string>): SummaryItem[] {
  return Object.entries(errors)
    .filter(([, m]) => m)
    .map(([field, message]) => ({ target: field, message: labels[field] ? `${labels[field]}: ${message}` : message }));
}

const REGISTRO_LABELS: Record<string, string> = {
  curp: 'CURP',
  nombres: 'Nombre(s)',
  primerApellido: 'Primer apellido',
  segundoApellido: 'Segundo apellido',
  fechaNacimiento: 'Fecha de nacimiento',
  sexo: 'Sexo',
  telefono: 'Teléfono celular',
  correo: 'Correo electrónico',
  contrasena: 'Contraseña',
  confirmacion: 'Confirma tu contraseña',
};

export function CrearCuentaPage() {
  const navigate = useNavigate();
  const { refresh } = useSession();
  const [f, setF] = useState({ curp: '', nombres: '', primerApellido: '', segundoApellido: '', fechaNacimiento: '', sexo: '', telefono: '', correo: '', contrasena: '', confirmacion: '' });
  const [curpTouched, setCurpTouched] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<ReactNode>(null);
  const [sending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const set = (k: keyof typeof f) => (v: string) => {
    setF((old) => {
      const next = { ...old, [k]: v };
      // Birth date and sex are written in the CURP: fill them in (they can still be edited).
      if (k === 'curp') {
        const r = validateCurp(v);
        if (r.valid) {
          if (!old.fechaNacimiento) next.fechaNacimiento = r.info.birthDate;
          if (!old.sexo) next.sexo = r.info.sex;
        }
      }
      return next;
    });
    if (errors[k]) setErrors((e) => ({ ...e, [k]: '' }));
  };

  const check = (): Errors => {
    const e: Errors = {};
    const curp = validateCurp(f.curp);
    if (!f.curp.trim()) e.curp = 'Escribe tu CURP.';
    else if (!curp.valid) e.curp = curp.errors.map((x) => x.message).join(' ');
    if (!f.nombres.trim()) e.nombres = 'Escribe tu nombre o nombres.';
    if (!f.primerApellido.trim()) e.primerApellido = 'Escribe tu primer apellido.';
    if (!f.fechaNacimiento) e.fechaNacimiento = 'Escribe tu fecha de nacimiento.';
    else if (!realDate(f.fechaNacimiento)) e.fechaNacimiento = 'Escribe la fecha completa y que exista: día, mes y año (4 dígitos).';
    if (!f.sexo) e.sexo = 'Elige una opción.';
    const tel = f.telefono.replace(/\D/g, '');
    if (!tel) e.telefono = 'Escribe tu número de celular.';
    else if (tel.length !== 10) e.telefono = `El teléfono debe tener 10 dígitos; tiene ${tel.length}.`;
    if (f.correo.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.correo.trim())) e.correo = 'El correo no parece válido; revisa que tenga @ y un dominio, p. ej. nombre@correo.com.';
    if (!f.contrasena) e.contrasena = 'Escribe una contraseña.';
    else if (passwordProblem(f.contrasena)) e.contrasena = passwordProblem(f.contrasena)!;
    if (f.contrasena && f.confirmacion !== f.contrasena) e.confirmacion = 'Las contraseñas no coinciden.';
    return e;
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setCurpTouched(true);
    setGeneral(null);
    const e = check();
    setErrors(e);
    setAttempt((a) => a + 1);
    if (Object.keys(e).length > 0) return;
    setSending(true);
    try {
      await api.registrar({
        curp: validateCurp(f.curp).curp,
        nombres: f.nombres.trim(),
        primerApellido: f.primerApellido.trim(),
        ...(f.segundoApellido.trim() ? { segundoApellido: f.segundoApellido.trim() } : {}),
        fechaNacimiento: f.fechaNacimiento,
        sexo: f.sexo as 'H' | 'M' | 'X',
        telefono: f.telefono.replace(/\D/g, ''),
        ...(f.correo.trim() ? { correo: f.correo.trim() } : {}),
        contrasena: f.contrasena,
      });
      await refresh();
      navigate('/verificar-telefono', { state: { aviso: 'Tu cuenta quedó creada. Te enviamos un código por SMS para confirmar tu teléfono.' } });
    } catch (error) {
      const se: Errors = {};
      if (error instanceof ApiError) {
        switch (error.code) {
          case 'CURP_INVALID': {
            const list = (error.details as { errors?: Array<{ message: string }> } | undefined)?.errors;
            se.curp = list?.length ? list.map((x) => x.message).join(' ') : error.message;
            break;
          }
          case 'CURP_MISMATCH':
          case 'CIVIL_REGISTRY_MISMATCH': {
            // details.campos names the fields that differ; the message says how.
            const campos = ((error.details as { campos?: string[] } | undefined)?.campos ?? []).filter((c) => c in REGISTRO_LABELS);
            if (campos.length === 0) se.curp = error.message;
            else {
              campos.forEach((c, i) => (se[c] = i === 0 ? error.message : 'No coincide; revisa este dato.'));
            }
            break;
          }
          case 'WEAK_PASSWORD':
            se.contrasena = error.message;
            break;
          case 'ACCOUNT_EXISTS':
            setGeneral(
              <>
                {error.message}{' '}
                <Link component={RouterLink} to="/iniciar-sesion">
                  Inicia sesión
                </Link>{' '}
                o{' '}
                <Link component={RouterLink} to="/recuperar-contrasena">
                  recupera tu contraseña
                </Link>
                .
              </>,
            );
            break;
          default:
            for (const fe of error.fieldErrors) {
              const key = fe.path.split('.').pop() ?? '';
              if (key in REGISTRO_LABELS) se[key] = fe.message;
            }
            if (Object.keys(se).length === 0) setGeneral(error.message);
        }
      } else setGeneral(messageOf(error));
      setErrors(se);
      setAttempt((a) => a + 1);
    } finally {
      setSending(false);
    }
  };

  return (
    <Page title="Crear cuenta" lead="Con tu cuenta podrás solicitar los apoyos y consultar cómo van tus solicitudes. Necesitas tu CURP y un teléfono celular donde recibir mensajes (SMS).">
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 720 }}>
        <ErrorSummary title="Revisa estos datos" items={summaryOf(errors, REGISTRO_LABELS)} focusKey={attempt} />
        {general && (
          <Alert severity="error" role="alert" sx={{ mb: 3 }}>
            {general}
          </Alert>
        )}
        <Typography sx={{ mb: 3 }}>Los datos marcados con * son obligatorios.</Typography>
        <Box component="form" noValidate onSubmit={submit}>
          <Stack spacing={3}>
            <CurpField value={f.curp} onChange={set('curp')} touched={curpTouched} onBlur={() => setCurpTouched(true)} serverError={errors.curp || undefined} />
            <Field id="nombres" name="nombres" label="Nombre(s)" required autoComplete="given-name" value={f.nombres} onChange={(e) => set('nombres')(e.target.value)} error={errors.nombres} />
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={3}>
              <Field id="primerApellido" name="primerApellido" label="Primer apellido" required autoComplete="family-name" value={f.primerApellido} onChange={(e) => set('primerApellido')(e.target.value)} error={errors.primerApellido} />
              <Field id="segundoApellido" name="segundoApellido" label="Segundo apellido" value={f.segundoApellido} onChange={(e) => set('segundoApellido')(e.target.value)} error={errors.segundoApellido} hint="Déjalo vacío si no tienes." />
            </Stack>
            <DateParts
              id="fechaNacimiento"
              label="Fecha de nacimiento"
              required
              value={f.fechaNacimiento || undefined}
              onChange={(v) => set('fechaNacimiento')(v ?? '')}
              invalid={!!errors.fechaNacimiento}
              describedBy={errors.fechaNacimiento ? 'fechaNacimiento-error fechaNacimiento-ayuda' : 'fechaNacimiento-ayuda'}
              help={
                <>
                  {errors.fechaNacimiento && (
                    <FormHelperText id="fechaNacimiento-error" sx={{ fontWeight: 600 }}>
                      {errors.fechaNacimiento}
                    </FormHelperText>
                  )}
                  <FormHelperText id="fechaNacimiento-ayuda" error={false} sx={{ color: 'text.secondary' }}>
                    Debe coincidir con la de tu CURP (la llenamos al escribirla).
                  </FormHelperText>
                </>
              }
            />
            <FormControl component="fieldset" error={!!errors.sexo} required>
              <FormLabel component="legend" id="sexo-etiqueta" sx={{ fontWeight: 600 }}>
                Sexo (como aparece en tu CURP)
              </FormLabel>
              <RadioGroup row name="sexo" aria-labelledby="sexo-etiqueta" value={f.sexo} onChange={(e) => set('sexo')(e.target.value)} aria-describedby={errors.sexo ? 'sexo-error' : undefined}>
                <FormControlLabel value="M" control={<Radio id="sexo" />} label="Mujer" />
                <FormControlLabel value="H" control={<Radio />} label="Hombre" />
                <FormControlLabel value="X" control={<Radio />} label="No binario (X)" />
              </RadioGroup>
              {errors.sexo && (
                <FormHelperText id="sexo-error" sx={{ fontWeight: 600 }}>
                  {errors.sexo}
                </FormHelperText>
              )}
            </FormControl>
            <Field
              id="telefono"
              name="telefono"
              type="tel"
              label="Teléfono celular"
              required
              autoComplete="tel-national"
              value={f.telefono}
              onChange={(e) => set('telefono')(e.target.value)}
              error={errors.telefono}
              hint="10 dígitos, sin lada de país. Ahí te enviaremos un código por SMS."
              slotProps={{ htmlInput: { inputMode: 'tel' } }}
            />
            <Field id="correo" name="correo" type="email" label="Correo electrónico" autoComplete="email" value={f.correo} onChange={(e) => set('correo')(e.target.value)} error={errors.correo} hint="Opcional." />
            <PasswordField id="contrasena" name="contrasena" label="Contraseña" required autoComplete="new-password" value={f.contrasena} onChange={(e) => set('contrasena')(e.target.value)} error={errors.contrasena} hint={PASSWORD_HINT} />
            <PasswordField id="confirmacion" name="confirmacion" label="Confirma tu contraseña" required autoComplete="new-password" value={f.confirmacion} onChange={(e) => set('confirmacion')(e.target.value)} error={errors.confirmacion} />
            <Box>
              <Button type="submit" variant="contained" size="large" disabled={sending}>
                {sending ? 'Creando tu cuenta…' : 'Crear cuenta'}
              </Button>
            </Box>
            <Typography>
              ¿Ya tienes cuenta?{' '}
              <Link component={RouterLink} to="/iniciar-sesion">
                Inicia sesión
              </Link>
            </Typography>
          </Stack>
        </Box>
      </Paper>
    </Page>
  );
}

export function VerificarTelefonoPage() {
  const { cuenta, refresh } = useSession();
  const navigate = useNavigate();
  const [codigo, setCodigo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  if (cuenta?.telefonoVerificado) {
    return (
      <Page title="Teléfono confirmado">
        <Alert severity="success" sx={{ mb: 3 }}>
          Tu teléfono {formatPhone(cuenta.telefono, true)} ya está confirmado.
        </Alert>
        <Button variant="contained" component={RouterLink} to="/apoyos">
          Ver apoyos disponibles
        </Button>
      </Page>
    );
  }

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setInfo(null);
    const clean = codigo.replace(/\D/g, '');
    if (clean.length !== 6) {
      setError('Escribe los 6 dígitos del código que te llegó por SMS.');
      return;
    }
    setSending(true);
    setError(null);
    try {
      await api.verificarTelefono(clean);
      await refresh();
      navigate('/apoyos', { state: { aviso: 'Confirmamos tu teléfono. Ya puedes solicitar apoyos.' } });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setSending(false);
    }
  };

  const resend = async () => {
    setError(null);
    setInfo(null);
    try {
      await api.reenviarCodigo();
      setInfo('Te enviamos un código nuevo. Puede tardar unos minutos en llegar.');
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <Page title="Verificar teléfono" lead={cuenta ? `Escribe el código de 6 dígitos que enviamos por SMS a tu celular ${formatPhone(cuenta.telefono, true)}.` : 'Escribe el código de 6 dígitos que te enviamos por SMS.'}>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 640 }}>
        {info && (
          <Alert severity="info" sx={{ mb: 2 }} role="status">
            {info}
          </Alert>
        )}
        <Box component="form" noValidate onSubmit={submit}>
          <Stack spacing={3}>
            <Field
              id="codigo"
              name="codigo"
              label="Código de verificación"
              required
              value={codigo}
              onChange={(e) => {
                setCodigo(e.target.value);
                setError(null);
              }}
              error={error ?? undefined}
              hint="6 dígitos."
              autoComplete="one-time-code"
              slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 8, style: { letterSpacing: '0.3em', fontSize: '1.3rem' } } }}
            />
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <Button type="submit" variant="contained" size="large" disabled={sending} sx={{ flexShrink: 0 }}>
                {sending ? 'Verificando…' : 'Verificar teléfono'}
              </Button>
              <Button variant="text" onClick={resend}>
                No me llegó: enviar otro código
              </Button>
            </Stack>
          </Stack>
        </Box>
      </Paper>
    </Page>
  );
}

export function IniciarSesionPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { refresh } = useSession();
  const [curp, setCurp] = useState('');
  const [contrasena, setContrasena] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const siguiente = params.get('siguiente');

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setGeneral(null);
    const e: Errors = {};
    const r = validateCurp(curp);
    if (!curp.trim()) e.curp = 'Escribe tu CURP.';
    else if (!r.valid) e.curp = r.errors.map((x) => x.message).join(' ');
    if (!contrasena) e.contrasena = 'Escribe tu contraseña.';
    setErrors(e);
    setAttempt((a) => a + 1);
    if (Object.keys(e).length) return;
    setSending(true);
    try {
      const s = await api.iniciarSesion(r.curp, contrasena);
      await refresh();
      const destino = siguiente && siguiente.startsWith('/') && !siguiente.startsWith('//') ? siguiente : '/solicitudes';
      navigate(s.telefonoVerificado ? destino : '/verificar-telefono', { replace: true });
    } catch (error) {
      setGeneral(messageOf(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Page title="Iniciar sesión">
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 520 }}>
        {siguiente && !general && Object.keys(errors).length === 0 && (
          <Alert severity="info" sx={{ mb: 3 }}>
            Inicia sesión para continuar.
          </Alert>
        )}
        <ErrorSummary title="Revisa estos datos" items={summaryOf(errors, { curp: 'CURP', contrasena: 'Contraseña' })} focusKey={attempt} />
        <ErrorAlert message={general} />
        <Box component="form" noValidate onSubmit={submit}>
          <Stack spacing={3}>
            <Field id="curp" name="curp" label="CURP" required autoComplete="username" value={curp} onChange={(e) => setCurp(e.target.value.toUpperCase())} error={errors.curp} slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'characters' } }} />
            <PasswordField id="contrasena" name="contrasena" label="Contraseña" required autoComplete="current-password" value={contrasena} onChange={(e) => setContrasena(e.target.value)} error={errors.contrasena} />
            <Box>
              <Button type="submit" variant="contained" size="large" disabled={sending}>
                {sending ? 'Entrando…' : 'Iniciar sesión'}
              </Button>
            </Box>
            <Typography>
              <Link component={RouterLink} to="/recuperar-contrasena">
                ¿Olvidaste tu contraseña?
              </Link>
            </Typography>
            <Typography>
              ¿No tienes cuenta?{' '}
              <Link component={RouterLink} to="/crear-cuenta">
                Crea tu cuenta
              </Link>
            </Typography>
          </Stack>
        </Box>
      </Paper>
    </Page>
  );
}

export function RecuperarContrasenaPage() {
  const navigate = useNavigate();
  const [paso, setPaso] = useState<'curp' | 'codigo'>('curp');
  const [curp, setCurp] = useState('');
  const [codigo, setCodigo] = useState('');
  const [contrasena, setContrasena] = useState('');
  const [confirmacion, setConfirmacion] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const pedirCodigo = async (ev: FormEvent) => {
    ev.preventDefault();
    setGeneral(null);
    const r = validateCurp(curp);
    const e: Errors = {};
    if (!curp.trim()) e.curp = 'Escribe tu CURP.';
    else if (!r.valid) e.curp = r.errors.map((x) => x.message).join(' ');
    setErrors(e);
    setAttempt((a) => a + 1);
    if (Object.keys(e).length) return;
    setSending(true);
    try {
      await api.olvideContrasena(r.curp);
      setPaso('codigo');
    } catch (error) {
      setGeneral(messageOf(error));
    } finally {
      setSending(false);
    }
  };

  const restablecer = async (ev: FormEvent) => {
    ev.preventDefault();
    setGeneral(null);
    const e: Errors = {};
    if (codigo.replace(/\D/g, '').length !== 6) e.codigo = 'Escribe los 6 dígitos del código que te llegó por SMS.';
    if (!contrasena) e.contrasena = 'Escribe tu nueva contraseña.';
    else if (passwordProblem(contrasena)) e.contrasena = passwordProblem(contrasena)!;
    if (contrasena && confirmacion !== contrasena) e.confirmacion = 'Las contraseñas no coinciden.';
    setErrors(e);
    setAttempt((a) => a + 1);
    if (Object.keys(e).length) return;
    setSending(true);
    try {
      await api.restablecerContrasena(validateCurp(curp).curp, codigo.replace(/\D/g, ''), contrasena);
      navigate('/iniciar-sesion', { state: { aviso: 'Cambiaste tu contraseña. Ya puedes iniciar sesión con ella.' } });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'WEAK_PASSWORD') setErrors({ contrasena: error.message });
      else if (error instanceof ApiError && (error.code === 'CODE_INVALID' || error.code === 'CODE_EXPIRED')) setErrors({ codigo: error.message });
      else setGeneral(messageOf(error));
      setAttempt((a) => a + 1);
    } finally {
      setSending(false);
    }
  };

  const labels = { curp: 'CURP', codigo: 'Código', contrasena: 'Nueva contraseña', confirmacion: 'Confirma tu nueva contraseña' };
  return (
    <Page title="¿Olvidaste tu contraseña?" heading="Recuperar contraseña" lead="Te enviaremos un código por SMS al teléfono de tu cuenta para que elijas una contraseña nueva.">
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 520 }}>
        <ErrorSummary title="Revisa estos datos" items={summaryOf(errors, labels)} focusKey={attempt} />
        <ErrorAlert message={general} />
        {paso === 'curp' ? (
          <Box component="form" noValidate onSubmit={pedirCodigo}>
            <Stack spacing={3}>
              <Field id="curp" name="curp" label="CURP" required autoComplete="username" value={curp} onChange={(e) => setCurp(e.target.value.toUpperCase())} error={errors.curp} />
              <Box>
                <Button type="submit" variant="contained" size="large" disabled={sending}>
                  {sending ? 'Enviando…' : 'Enviarme un código'}
                </Button>
              </Box>
            </Stack>
          </Box>
        ) : (
          <Box component="form" noValidate onSubmit={restablecer}>
            <Alert severity="info" role="status" sx={{ mb: 3 }}>
              Si la CURP {validateCurp(curp).curp} tiene una cuenta, enviamos un código por SMS a su teléfono. Puede tardar unos minutos.
            </Alert>
            <Stack spacing={3}>
              <Field id="codigo" name="codigo" label="Código de verificación" required value={codigo} onChange={(e) => setCodigo(e.target.value)} error={errors.codigo} autoComplete="one-time-code" slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
              <PasswordField id="contrasena" name="contrasena" label="Nueva contraseña" required autoComplete="new-password" value={contrasena} onChange={(e) => setContrasena(e.target.value)} error={errors.contrasena} hint={PASSWORD_HINT} />
              <PasswordField id="confirmacion" name="confirmacion" label="Confirma tu nueva contraseña" required autoComplete="new-password" value={confirmacion} onChange={(e) => setConfirmacion(e.target.value)} error={errors.confirmacion} />
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <Button type="submit" variant="contained" size="large" disabled={sending}>
                  {sending ? 'Guardando…' : 'Cambiar contraseña'}
                </Button>
                <Button variant="text" onClick={() => setPaso('curp')}>
                  Volver a escribir la CURP
                </Button>
              </Stack>
            </Stack>
          </Box>
        )}
      </Paper>
    </Page>
  );
}
