import { isActiveStatus } from '../../../../engine/vocabulary.ts';
/**
 * "Ventanilla" (atención ciudadana): for people without internet or a phone that can do it, an official
 * registers them (the same data as the citizen sign-up; the phone counts as confirmed because the person
 * is present) and then fills in their application with the very form the citizens use
 * (pages/solicitar/ and forms/*), pointed at the /api/ventanilla/... routes through
 * ClienteSolicitudContext. The history of those applications says "capturada en ventanilla".
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import { validateCurp } from '../../../../engine/curp.ts';
import { api, ApiError, ClienteSolicitudContext, type ClienteSolicitud, type SolicitudResumen } from '../api.ts';
import { ErrorAlert, Loading, Page, StatusChip, visuallyHidden } from '../components/common.tsx';
import { formatPhone } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { SolicitarPage } from '../pages/solicitar/SolicitarPage.tsx';
import { funcionarioApi } from './api.ts';
import { DataList, Section } from './common.tsx';
import { Registro } from './ventanilla/Registro.tsx';

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
