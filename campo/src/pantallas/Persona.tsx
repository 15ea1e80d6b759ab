/**
 * A record's first page: the person's consent (the package's text, read to her), her data (the CURP checked on
 * the device by the engine), the program she applies to and the point of the visit. «Continuar con la
 * solicitud» keeps it (encrypted) and opens the program's form; «Guardar y salir» keeps it as a draft.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ErrorSummary, Loading, Page, type SummaryItem } from '../../../runtime/web/src/components/common.tsx';
import { CurpDeLaPersona } from '../../../runtime/web/src/components/registro/CurpDeLaPersona.tsx';
import { DatosPersonales, VOZ_VENTANILLA } from '../../../runtime/web/src/components/registro/DatosPersonales.tsx';
import { rutasDeCampo } from '../rutas.ts';
import { useCampo } from '../estado.tsx';
import { detalles, programaDe, type Paquete } from '../paquete.ts';
import type { Punto, RegistroLocal } from '../registro.ts';
import { Ubicacion } from './Ubicacion.tsx';
import { usePersona } from './usePersona.ts';

const seccion = { p: { xs: 2, sm: 3 } } as const;

function Consentimiento({ texto, acepta, onAcepta, error }: { texto: string; acepta: boolean; onAcepta: (v: boolean) => void; error?: string }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby="consentimiento-titulo" sx={seccion}>
      <Typography variant="h2" id="consentimiento-titulo" sx={{ fontSize: '1.25rem', mb: 1 }}>
        Consentimiento
      </Typography>
      <Typography sx={{ mb: 1 }}>Lee a la persona este aviso antes de registrar sus datos:</Typography>
      <Typography id="consentimiento-texto" component="blockquote" sx={{ m: 0, mb: 2, p: 2, bgcolor: '#f6f3f4', borderLeft: 4, borderColor: 'primary.main', whiteSpace: 'pre-line' }}>
        {texto}
      </Typography>
      <FormControl error={!!error} required>
        <FormControlLabel
          control={<Checkbox id="consentimiento" checked={acepta} onChange={(e) => onAcepta(e.target.checked)} slotProps={{ input: { 'aria-describedby': `consentimiento-texto${error ? ' consentimiento-error' : ''}` } }} />}
          label="La persona escuchó el aviso y da su consentimiento"
        />
        {error && (
          <FormHelperText id="consentimiento-error" sx={{ fontWeight: 600 }}>
            {error}
          </FormHelperText>
        )}
      </FormControl>
    </Paper>
  );
}

function Programa({ paquete, valor, onValor, error }: { paquete: Paquete; valor: string; onValor: (v: string) => void; error?: string }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby="programa-titulo" sx={seccion}>
      <Typography variant="h2" id="programa-titulo" sx={{ fontSize: '1.25rem', mb: 1 }}>
        Programa
      </Typography>
      <FormControl component="fieldset" error={!!error} required>
        <FormLabel component="legend" id="programa-etiqueta" sx={{ fontWeight: 600 }}>
          ¿A qué programa se registra?
        </FormLabel>
        <RadioGroup name="programa" aria-labelledby="programa-etiqueta" value={valor} onChange={(e) => onValor(e.target.value)} aria-describedby={error ? 'programa-error' : undefined}>
          {detalles(paquete).map((p, i) => (
            <FormControlLabel key={p.id} value={p.id} control={<Radio id={i === 0 ? 'programa' : undefined} />} label={p.nombre} />
          ))}
        </RadioGroup>
        {error && (
          <FormHelperText id="programa-error" sx={{ fontWeight: 600 }}>
            {error}
          </FormHelperText>
        )}
      </FormControl>
    </Paper>
  );
}

function Formulario({ r, paquete }: { r: RegistroLocal; paquete: Paquete }) {
  const { boveda, recargar } = useCampo();
  const navigate = useNavigate();
  const p = usePersona(r.persona);
  const [acepta, setAcepta] = useState(!!r.consentimiento);
  const [programa, setPrograma] = useState(r.programa ?? (paquete.programas.length === 1 ? paquete.programas[0].detalle.id : ''));
  const [punto, setPunto] = useState<Punto | null>(r.ubicacion);
  const [otros, setOtros] = useState<{ consentimiento?: string; programa?: string }>({});
  const [intento, setIntento] = useState(0);
  const guardar = async (completo: boolean) => {
    const version = programaDe(paquete, programa)?.detalle.version ?? null;
    const consentimiento = acepta ? (r.consentimiento ?? { aceptado: true as const, texto: paquete.consentimiento.texto, capturadoEn: new Date().toISOString() }) : null;
    await boveda.cambiar(r.idCliente, (x) => ({ ...x, persona: p.persona, programa: programa || null, version, consentimiento, ubicacion: punto }));
    await recargar();
    navigate(completo ? rutasDeCampo.formulario(r.idCliente, programa) : rutasDeCampo.lista);
  };
  const continuar = async (ev: FormEvent) => {
    ev.preventDefault();
    const e = { ...(acepta ? {} : { consentimiento: 'Sin el consentimiento de la persona no se puede registrar.' }), ...(programa ? {} : { programa: 'Elige el programa.' }) };
    setOtros(e);
    const persona = p.revisar();
    setIntento((n) => n + 1);
    if (Object.keys(e).length || Object.values(persona).some(Boolean)) return;
    await guardar(true);
  };
  const items: SummaryItem[] = [...(otros.consentimiento ? [{ target: 'consentimiento', message: `Consentimiento: ${otros.consentimiento}` }] : []), ...p.items, ...(otros.programa ? [{ target: 'programa', message: `Programa: ${otros.programa}` }] : [])];
  return (
    <Box component="form" noValidate onSubmit={continuar}>
      <ErrorSummary title="Revisa estos datos" items={items} focusKey={intento} />
      <Stack spacing={3}>
        <Consentimiento texto={paquete.consentimiento.texto} acepta={acepta} onAcepta={setAcepta} error={otros.consentimiento} />
        <Paper variant="outlined" component="section" aria-labelledby="persona-titulo" sx={seccion}>
          <Typography variant="h2" id="persona-titulo" sx={{ fontSize: '1.25rem', mb: 2 }}>
            Datos de la persona
          </Typography>
          <Stack spacing={3}>
            <CurpDeLaPersona valor={p.registrando.f.curp} onValor={p.registrando.set('curp')} error={p.registrando.errors.curp} />
            <DatosPersonales r={p.registrando} voz={VOZ_VENTANILLA} />
          </Stack>
        </Paper>
        <Programa paquete={paquete} valor={programa} onValor={setPrograma} error={otros.programa} />
        <Paper variant="outlined" sx={seccion}>
          <Ubicacion punto={punto} onPunto={setPunto} />
        </Paper>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <Button type="submit" variant="contained" size="large">
            Continuar con la solicitud
          </Button>
          <Button variant="outlined" size="large" onClick={() => void guardar(false)}>
            Guardar y salir
          </Button>
        </Stack>
      </Stack>
    </Box>
  );
}

export function PersonaPage() {
  const { id = '' } = useParams();
  const { boveda, paquete } = useCampo();
  const [r, setR] = useState<RegistroLocal | null | undefined>(undefined);
  useEffect(() => {
    void boveda.registro(id).then(setR);
  }, [boveda, id]);
  if (r === undefined || !paquete) return <Loading />;
  if (r === null || r.estado !== 'borrador') {
    return (
      <Page title="Registro">
        <Typography sx={{ mb: 2 }}>{r ? 'Este registro ya está en la lista de envío: no se puede cambiar.' : 'Este registro no está en este dispositivo.'}</Typography>
        <Button variant="contained" component={RouterLink} to={rutasDeCampo.lista}>
          Ver los registros
        </Button>
      </Page>
    );
  }
  return (
    <Page title="Registro de una persona" lead={r.corrigeA ? 'Corrige los datos del registro rechazado y vuelve a enviarlo: se enviará como un registro nuevo.' : 'Todo se guarda cifrado en este dispositivo, aunque no haya señal.'}>
      <Formulario r={r} paquete={paquete} />
    </Page>
  );
}
