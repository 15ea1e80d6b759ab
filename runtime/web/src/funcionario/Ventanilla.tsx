import { isActiveStatus } from '../../../../engine/vocabulary.ts';
/**
 * "Ventanilla" (atención ciudadana): for people without internet or a phone that can do it, an official
 * registers them (the same data as the citizen sign-up; the phone counts as confirmed because the person
 * is present) and then fills in their application with the very form the citizens use
 * (pages/Solicitar.tsx and forms/*), pointed at the /api/ventanilla/... routes through
 * ClienteSolicitudContext. The history of those applications says "capturada en ventanilla".
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import { validateCurp } from '../../../../engine/curp.ts';
import { api, ApiError, ClienteSolicitudContext, messageOf, type ClienteSolicitud, type SolicitudResumen } from '../api.ts';
import { ErrorAlert, ErrorSummary, Loading, Page, StatusChip, visuallyHidden, type SummaryItem } from '../components/common.tsx';
import { DateParts } from '../components/DateParts.tsx';
import { formatDate, formatPhone } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { SolicitarPage } from '../pages/Solicitar.tsx';
import { funcionarioApi } from './api.ts';
import { DataList, Section } from './common.tsx';

const LABELS: Record<string, string> = {
  curp: 'CURP',
  nombres: 'Nombre(s)',
  primerApellido: 'Primer apellido',
  segundoApellido: 'Segundo apellido',
  fechaNacimiento: 'Fecha de nacimiento',
  sexo: 'Sexo',
  telefono: 'Teléfono celular',
  correo: 'Correo electrónico',
  contrasena: 'Contraseña',
  confirmacion: 'Confirma la contraseña',
};

type Errors = Record<string, string>;

function realDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function Campo({
  id,
  error,
  hint,
  ...props
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  type?: string;
  autoComplete?: string;
}) {
  return (
    <TextField
      id={id}
      name={id}
      label={props.label}
      required={props.required}
      type={props.type}
      autoComplete={props.autoComplete ?? 'off'}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
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

/** An empty sign-up, or one started from a CURP: its birth date and sex are written in it (as the citizen's sign-up fills them). */
function registroInicial(curp = '') {
  const r = validateCurp(curp);
  return {
    curp,
    nombres: '',
    primerApellido: '',
    segundoApellido: '',
    fechaNacimiento: r.valid ? r.info.birthDate : '',
    sexo: r.valid ? r.info.sex : '',
    telefono: '',
    correo: '',
    contrasena: '',
    confirmacion: '',
  };
}

/** The citizen sign-up, in the official's words; the person chooses the password at the counter. */
function Registro({ curpInicial, onRegistrada, onExistente }: { curpInicial?: string; onRegistrada: (curp: string) => void; onExistente: (curp: string) => void }) {
  const [f, setF] = useState(() => registroInicial(curpInicial));
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<ReactNode>(null);
  const [sending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const curpInfo = useMemo(() => validateCurp(f.curp), [f.curp]);

  const set = (k: keyof typeof f) => (v: string) => {
    setF((old) => {
      const next = { ...old, [k]: v };
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
    if (!f.curp.trim()) e.curp = 'Escribe la CURP.';
    else if (!curpInfo.valid) e.curp = curpInfo.errors.map((x) => x.message).join(' ');
    if (!f.nombres.trim()) e.nombres = 'Escribe el nombre o nombres.';
    if (!f.primerApellido.trim()) e.primerApellido = 'Escribe el primer apellido.';
    if (!f.fechaNacimiento) e.fechaNacimiento = 'Escribe la fecha de nacimiento.';
    else if (!realDate(f.fechaNacimiento)) e.fechaNacimiento = 'Escribe la fecha completa y que exista: día, mes y año (4 dígitos).';
    if (!f.sexo) e.sexo = 'Elige una opción.';
    const tel = f.telefono.replace(/\D/g, '');
    if (!tel) e.telefono = 'Escribe el número de celular.';
    else if (tel.length !== 10) e.telefono = `El teléfono debe tener 10 dígitos; tiene ${tel.length}.`;
    if (f.correo.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.correo.trim())) e.correo = 'El correo no parece válido; revisa que tenga @ y un dominio.';
    // The server's length rule for citizens; it also refuses common or easy passwords.
    if (f.contrasena && [...f.contrasena.trim().replace(/\s+/gu, ' ')].length < 10) e.contrasena = 'Usa al menos 10 caracteres (los espacios repetidos cuentan como uno).';
    if (f.contrasena && f.confirmacion !== f.contrasena) e.confirmacion = 'Las contraseñas no coinciden.';
    return e;
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setGeneral(null);
    const e = check();
    setErrors(e);
    setAttempt((a) => a + 1);
    if (Object.keys(e).length > 0) return;
    setSending(true);
    try {
      const r = await funcionarioApi.registrarEnVentanilla({
        curp: curpInfo.curp,
        nombres: f.nombres.trim(),
        primerApellido: f.primerApellido.trim(),
        ...(f.segundoApellido.trim() ? { segundoApellido: f.segundoApellido.trim() } : {}),
        fechaNacimiento: f.fechaNacimiento,
        sexo: f.sexo as 'H' | 'M' | 'X',
        telefono: f.telefono.replace(/\D/g, ''),
        ...(f.correo.trim() ? { correo: f.correo.trim() } : {}),
        ...(f.contrasena ? { contrasena: f.contrasena } : {}),
      });
      onRegistrada(r.curp ?? curpInfo.curp);
    } catch (error) {
      const se: Errors = {};
      if (error instanceof ApiError) {
        if (error.code === 'CURP_INVALID') se.curp = error.message;
        else if (error.code === 'CURP_MISMATCH' || error.code === 'CIVIL_REGISTRY_MISMATCH') {
          const campos = ((error.details as { campos?: string[] } | undefined)?.campos ?? []).filter((c) => c in LABELS);
          if (campos.length === 0) se.curp = error.message;
          else campos.forEach((c, i) => (se[c] = i === 0 ? error.message : 'No coincide; revisa este dato.'));
        } else if (error.code === 'WEAK_PASSWORD') se.contrasena = error.message;
        else if (error.code === 'ACCOUNT_EXISTS')
          setGeneral(
            <>
              {error.message.split(';')[0]}.{' '}
              <Button variant="outlined" size="small" onClick={() => onExistente(curpInfo.curp)} sx={{ ml: 1 }}>
                Capturar su solicitud
              </Button>
            </>,
          );
        else {
          for (const fe of error.fieldErrors) {
            const key = fe.path.split('.').pop() ?? '';
            if (key in LABELS) se[key] = fe.message;
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

  const items: SummaryItem[] = Object.entries(errors)
    .filter(([, m]) => m)
    .map(([k, m]) => ({ target: k, message: `${LABELS[k] ?? k}: ${m}` }));

  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, maxWidth: 780 }}>
      <ErrorSummary title="Revisa estos datos" items={items} focusKey={attempt} />
      {general && (
        <Alert severity="error" role="alert" sx={{ mb: 3 }}>
          {general}
        </Alert>
      )}
      <Typography sx={{ mb: 3 }}>Copia los datos tal como aparecen en la CURP de la persona. Los marcados con * son obligatorios.</Typography>
      <Box component="form" noValidate onSubmit={submit}>
        <Stack spacing={3}>
          <Campo
            id="curp"
            label="CURP"
            required
            value={f.curp}
            onChange={(v) => set('curp')(v.toUpperCase())}
            error={errors.curp}
            hint={curpInfo.valid ? `CURP válida: nacimiento ${formatDate(curpInfo.info.birthDate)}.` : '18 caracteres.'}
          />
          <Campo id="nombres" label="Nombre(s)" required value={f.nombres} onChange={set('nombres')} error={errors.nombres} />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={3}>
            <Campo id="primerApellido" label="Primer apellido" required value={f.primerApellido} onChange={set('primerApellido')} error={errors.primerApellido} />
            <Campo id="segundoApellido" label="Segundo apellido" value={f.segundoApellido} onChange={set('segundoApellido')} error={errors.segundoApellido} hint="Vacío si no tiene." />
          </Stack>
          <DateParts
            id="fechaNacimiento"
            label="Fecha de nacimiento"
            required
            value={f.fechaNacimiento || undefined}
            onChange={(v) => set('fechaNacimiento')(v ?? '')}
            invalid={!!errors.fechaNacimiento}
            describedBy={errors.fechaNacimiento ? 'fechaNacimiento-error' : undefined}
            help={
              errors.fechaNacimiento ? (
                <FormHelperText id="fechaNacimiento-error" sx={{ fontWeight: 600 }}>
                  {errors.fechaNacimiento}
                </FormHelperText>
              ) : undefined
            }
          />
          <FormControl component="fieldset" error={!!errors.sexo} required>
            <FormLabel component="legend" id="sexo-etiqueta" sx={{ fontWeight: 600 }}>
              Sexo (como aparece en la CURP)
            </FormLabel>
            <RadioGroup row name="sexo" aria-labelledby="sexo-etiqueta" value={f.sexo} onChange={(e) => set('sexo')(e.target.value)}>
              <FormControlLabel value="M" control={<Radio id="sexo" />} label="Mujer" />
              <FormControlLabel value="H" control={<Radio />} label="Hombre" />
              <FormControlLabel value="X" control={<Radio />} label="No binario (X)" />
            </RadioGroup>
            {errors.sexo && <FormHelperText sx={{ fontWeight: 600 }}>{errors.sexo}</FormHelperText>}
          </FormControl>
          <Campo
            id="telefono"
            label="Teléfono celular"
            type="tel"
            required
            value={f.telefono}
            onChange={set('telefono')}
            error={errors.telefono}
            hint="10 dígitos. Ahí recibirá los avisos de su solicitud."
          />
          <Campo id="correo" label="Correo electrónico" type="email" value={f.correo} onChange={set('correo')} error={errors.correo} hint="Opcional." />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={3}>
            <Campo
              id="contrasena"
              label="Contraseña (opcional)"
              type="password"
              autoComplete="new-password"
              value={f.contrasena}
              onChange={set('contrasena')}
              error={errors.contrasena}
              hint="La escribe la persona: al menos 10 caracteres, mejor una frase de varias palabras; no se aceptan contraseñas comunes. Si no quiere elegirla ahora, podrá ponerla después con «¿Olvidaste tu contraseña?»."
            />
            <Campo id="confirmacion" label="Confirma la contraseña" type="password" autoComplete="new-password" value={f.confirmacion} onChange={set('confirmacion')} error={errors.confirmacion} />
          </Stack>
          <Box>
            <Button type="submit" variant="contained" size="large" disabled={sending}>
              {sending ? 'Registrando…' : 'Registrar a la persona'}
            </Button>
          </Box>
        </Stack>
      </Box>
    </Paper>
  );
}

/** The person's record, or `sinCuenta` when nobody has signed up with this CURP (the counter then registers them). */
async function buscarPersona(curp: string) {
  try {
    return { sinCuenta: false as const, ...(await funcionarioApi.ciudadano(curp)) };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'CITIZEN_NOT_FOUND') return { sinCuenta: true as const };
    throw error;
  }
}

/** The person found (or just registered) and the open calls to apply to on their behalf. */
function Persona({ curp, nueva, onSinCuenta }: { curp: string; nueva: boolean; onSinCuenta: (curp: string) => void }) {
  const { data: found, error } = useLoad(() => buscarPersona(curp), [curp]);
  // No account: straight to the sign-up with this CURP, instead of a dead end where the clerk types it again.
  useEffect(() => {
    if (found?.sinCuenta) onSinCuenta(curp);
  }, [found, curp, onSinCuenta]);
  const data = found && !found.sinCuenta ? found : null;
  // The open calls of the official's area (the server refuses the others).
  const { data: abiertas, error: abiertasError } = useLoad(async () => {
    const [open, scope] = await Promise.all([api.convocatoriasAbiertas(), funcionarioApi.programas()]);
    return open.filter((p) => scope.some((s) => s.id === p.id));
  }, []);
  if (error) return <ErrorAlert message={error} />;
  if (!data) return <Loading label="Buscando a la persona…" />;
  const c = data.cuenta;
  const activas = new Set(data.solicitudes.filter((s) => s.folio && isActiveStatus(s.estado)).map((s) => s.programa));
  return (
    <>
      {nueva && (
        <Alert severity="success" role="status" sx={{ mb: 3 }}>
          <AlertTitle>Registraste a {c.nombres}</AlertTitle>
          Su cuenta quedó creada con la CURP {c.curp}. Ya puedes capturar su solicitud.
        </Alert>
      )}
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, mb: 3 }}>
        <Typography variant="h2" sx={{ fontSize: '1.25rem', mb: 2 }}>
          {c.nombres} {c.primerApellido} {c.segundoApellido ?? ''}
        </Typography>
        <DataList
          columns={2}
          items={[
            ['CURP', c.curp],
            ['Teléfono', c.telefono ? formatPhone(c.telefono) : null],
            ['Correo', c.correo],
            ['Solicitudes', String(data.solicitudes.filter((s) => s.folio).length)],
          ]}
        />
      </Paper>
      <Section id="convocatorias-titulo" title="Solicitar un apoyo en su nombre">
        <ErrorAlert message={abiertasError} />
        {!abiertas && !abiertasError && <Loading />}
        {abiertas && abiertas.length === 0 && <Typography>No hay convocatorias abiertas.</Typography>}
        {abiertas && abiertas.length > 0 && (
          <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
            {abiertas.map((p) => (
              <Paper component="li" variant="outlined" key={p.id} sx={{ p: 2, display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
                <Box sx={{ mr: 'auto' }}>
                  <Typography component="h3" variant="h4">
                    {p.nombre}
                  </Typography>
                  {activas.has(p.id) && <Typography color="text.secondary">Ya tiene una solicitud activa en este programa.</Typography>}
                </Box>
                {!activas.has(p.id) && (
                  <Button variant="contained" component={RouterLink} to={`/funcionario/ventanilla/${c.curp}/solicitar/${p.id}`}>
                    Capturar solicitud
                    <Box component="span" sx={visuallyHidden}>
                      {' '}
                      de {p.nombre}
                    </Box>
                  </Button>
                )}
              </Paper>
            ))}
          </Box>
        )}
      </Section>
      {data.solicitudes.some((s) => s.folio) && (
        <Section id="solicitudes-persona-titulo" title="Sus solicitudes">
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {data.solicitudes
              .filter((s) => s.folio)
              .map((s) => (
                <li key={s.id}>
                  {s.programaNombre} · {s.folio} · <StatusChip estado={s.estado} />
                </li>
              ))}
          </Box>
        </Section>
      )}
    </>
  );
}

/** After searching a CURP nobody has signed up with: say so and open the sign-up with the CURP and what it tells. */
function RegistroSinCuenta({ curp, onOtra, onPersona }: { curp: string; onOtra: () => void; onPersona: (curp: string, nueva: boolean) => void }) {
  // The clerk goes on typing the name: the CURP, birth date and sex are already there.
  useEffect(() => {
    document.getElementById('nombres')?.focus();
  }, [curp]);
  return (
    <>
      <Button variant="text" onClick={onOtra} sx={{ mb: 2, mt: -1 }}>
        Buscar otra CURP
      </Button>
      <Alert severity="info" role="status" sx={{ mb: 3, maxWidth: 780 }}>
        <AlertTitle>No hay ninguna cuenta con la CURP {curp}</AlertTitle>
        Regístrala ahora con sus datos. Ya escribimos su CURP y, según ella, su fecha de nacimiento y su sexo: revísalos con la persona y completa lo demás.
      </Alert>
      <Section id="registro-titulo" title="Registrar a una persona nueva">
        <Registro key={curp} curpInicial={curp} onRegistrada={(c) => onPersona(c, true)} onExistente={(c) => onPersona(c, false)} />
      </Section>
    </>
  );
}

export function VentanillaPage() {
  const [params, setParams] = useSearchParams();
  const curp = params.get('curp');
  const nueva = params.get('nueva') === '1';
  /** A CURP searched without an account: the sign-up opens with it. */
  const registrar = params.get('registrar');
  const registrarValida = registrar ? validateCurp(registrar) : null;
  const sinCuenta = useCallback((c: string) => setParams({ registrar: c }, { replace: true }), [setParams]);
  const [buscar, setBuscar] = useState('');
  const [buscarError, setBuscarError] = useState<string | null>(null);

  const onBuscar = (e: FormEvent) => {
    e.preventDefault();
    const r = validateCurp(buscar);
    if (!r.valid) {
      setBuscarError(buscar.trim() ? r.errors.map((x) => x.message).join(' ') : 'Escribe la CURP de la persona.');
      document.getElementById('ventanilla-buscar')?.focus();
      return;
    }
    setBuscarError(null);
    setParams({ curp: r.curp });
  };

  return (
    <Page title="Ventanilla" lead="Registra a la persona que acude a la ventanilla y captura su solicitud en su nombre, con el mismo formulario del portal ciudadano.">
      {curp ? (
        <>
          <Button variant="text" onClick={() => setParams({})} sx={{ mb: 2, mt: -1 }}>
            Atender a otra persona
          </Button>
          <Persona curp={curp} nueva={nueva} onSinCuenta={sinCuenta} />
        </>
      ) : registrarValida?.valid ? (
        <RegistroSinCuenta curp={registrarValida.curp} onOtra={() => setParams({})} onPersona={(c, esNueva) => setParams(esNueva ? { curp: c, nueva: '1' } : { curp: c })} />
      ) : (
        <>
          <Paper variant="outlined" component="form" role="search" aria-label="Buscar a la persona por su CURP" noValidate onSubmit={onBuscar} sx={{ p: { xs: 2, sm: 3 }, mb: 4, maxWidth: 780 }}>
            <Typography variant="h2" sx={{ fontSize: '1.25rem', mb: 2 }}>
              ¿Ya tiene cuenta?
            </Typography>
            <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'flex-start' }}>
              <TextField
                id="ventanilla-buscar"
                label="CURP"
                value={buscar}
                onChange={(e) => {
                  setBuscar(e.target.value.toUpperCase());
                  setBuscarError(null);
                }}
                error={!!buscarError}
                helperText={buscarError ?? 'Búscala para capturar su solicitud; si aún no tiene cuenta, pasarás a registrarla con esta CURP.'}
                sx={{ flex: '1 1 260px', maxWidth: 420 }}
                slotProps={{ htmlInput: { spellCheck: false, maxLength: 18 } }}
              />
              <Button type="submit" variant="outlined" size="large" startIcon={<SearchIcon aria-hidden="true" />}>
                Buscar
              </Button>
            </Box>
          </Paper>
          <Section id="registro-titulo" title="Registrar a una persona nueva">
            <Registro onRegistrada={(c) => setParams({ curp: c, nueva: '1' })} onExistente={(c) => setParams({ curp: c })} />
          </Section>
        </>
      )}
    </Page>
  );
}

/** The citizens' form, pointed at the ventanilla routes for this person. */
function clienteVentanilla(curp: string): ClienteSolicitud {
  return {
    programa: api.programa,
    borrador: (programa) => funcionarioApi.borradorVentanilla(curp, programa),
    solicitudes: async () =>
      (await funcionarioApi.ciudadano(curp)).solicitudes.map((s): SolicitudResumen => ({
        id: s.id,
        folio: s.folio,
        programa: { id: s.programa, nombre: s.programaNombre },
        tipoApoyo: null,
        estado: s.estado,
        fecha: s.fechaSolicitud ?? '',
      })),
    guardarBorrador: (programa, respuestas, paso) => funcionarioApi.guardarBorradorVentanilla(curp, programa, respuestas, paso),
    // The person sees whether they qualify before sending, as online (judged by their CURP, not the official's).
    elegibilidad: (programa, respuestas) => funcionarioApi.elegibilidadVentanilla(curp, programa, respuestas),
    subirDocumento: (id, tipo, archivo) => funcionarioApi.subirDocumentoVentanilla(curp, id, tipo, archivo),
    urlDocumento: api.urlDocumento,
    enviar: (id, respuestas, tipoApoyo) => funcionarioApi.enviarVentanilla(curp, id, respuestas, tipoApoyo),
    rutas: {
      borradorGuardado: `/funcionario/ventanilla?curp=${encodeURIComponent(curp)}`,
      enviada: (id) => `/funcionario/ventanilla/${encodeURIComponent(curp)}/enviada/${encodeURIComponent(id)}`,
      solicitud: (id) => `/funcionario/solicitudes/${encodeURIComponent(id)}`,
      apoyos: `/funcionario/ventanilla?curp=${encodeURIComponent(curp)}`,
    },
  };
}

export function VentanillaSolicitarPage() {
  const { curp = '' } = useParams();
  const client = useMemo(() => clienteVentanilla(curp), [curp]);
  return (
    <>
      <Alert severity="info" sx={{ mb: 3 }}>
        Capturas en ventanilla a nombre de la persona con CURP <strong>{curp}</strong>. Lee cada pregunta con ella; la solicitud quedará marcada como «capturada en ventanilla».
      </Alert>
      <ClienteSolicitudContext.Provider value={client}>
        <SolicitarPage />
      </ClienteSolicitudContext.Provider>
    </>
  );
}

export function VentanillaEnviadaPage() {
  const { curp = '', id = '' } = useParams();
  const navigate = useNavigate();
  const { data, error } = useLoad(() => funcionarioApi.solicitud(id), [id]);
  return (
    <Page title="Solicitud capturada" heading="Solicitud capturada">
      <ErrorAlert message={error} />
      {!data && !error && <Loading />}
      {data && (
        <Alert severity="success" sx={{ mb: 3 }}>
          <AlertTitle>Folio {data.folio}</AlertTitle>
          La solicitud de {data.programaNombre} quedó «{data.estado}». Entrega el folio a la persona: con él y su CURP puede dar seguimiento; le avisaremos por SMS cada cambio.
        </Alert>
      )}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <Button variant="contained" component={RouterLink} to={`/funcionario/solicitudes/${id}`}>
          Ver solicitud
        </Button>
        <Button variant="outlined" onClick={() => navigate(`/funcionario/ventanilla?curp=${encodeURIComponent(curp)}`)}>
          Capturar otra solicitud de esta persona
        </Button>
        <Button variant="text" component={RouterLink} to="/funcionario/ventanilla">
          Atender a otra persona
        </Button>
      </Stack>
    </Page>
  );
}
