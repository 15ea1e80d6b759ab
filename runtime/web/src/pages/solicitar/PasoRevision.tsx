/** «Revisar y enviar»: whether the answers meet the requirements, the answers and documents, and «Enviar». */
import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import SendIcon from '@mui/icons-material/Send';
import { SUPPORT_TYPE_REVIEW_QUESTION } from '../../../../../engine/definition/questions.ts';
import { useClienteSolicitud, type Apoyo } from '../../api.ts';
import { ErrorAlert, ErrorSummary, Loading } from '../../components/common.tsx';
import { AnswersView } from '../../forms/AnswersView.tsx';
import { formatMoney } from '../../format.ts';
import { useSession } from '../../session.tsx';
import type { Envio } from './useEnvio.tsx';
import type { Solicitud } from './useSolicitud.ts';

function Seccion({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Typography variant="h3" id={id} sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </section>
  );
}

function Requisitos({ s }: { s: Solicitud }) {
  const { eleg, elegError, client } = s;
  return (
    <Seccion id="requisitos-titulo" title="Requisitos">
      <ErrorAlert message={elegError} />
      {!eleg && !elegError && client.elegibilidad && <Loading label="Revisando los requisitos…" />}
      {!client.elegibilidad && <Typography>Los requisitos se revisan al enviar la solicitud.</Typography>}
      {eleg?.elegible && (
        <Alert severity="success">
          <AlertTitle>Cumples los requisitos</AlertTitle>
          Con tus respuestas cumples los requisitos del programa. Revisa tus datos y envía tu solicitud.
        </Alert>
      )}
      {eleg && !eleg.elegible && (
        <Alert severity="warning">
          <AlertTitle>Con tus respuestas no cumples estos requisitos</AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {eleg.motivos.map((m) => (
              <li key={m.ruleId}>{m.message}</li>
            ))}
          </Box>
          <Typography sx={{ mt: 1 }}>Si alguna respuesta está equivocada, corrígela con el botón «Cambiar» de su sección.</Typography>
        </Alert>
      )}
    </Seccion>
  );
}

function TusDocumentos({ s }: { s: Solicitud }) {
  const { cargado, docs } = s;
  return (
    <Seccion id="documentos-titulo" title="Tus documentos">
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {(cargado?.programa.documentos ?? [])
          .filter((d) => docs[d.id])
          .map((d) => (
            <li key={d.id}>
              {d.nombre}: «{docs[d.id].nombre}»
            </li>
          ))}
      </Box>
      <Button variant="text" onClick={() => s.act({ type: 'cambiarDesdeRevision', step: s.docStep })} sx={{ mt: 1 }}>
        Cambiar documentos
      </Button>
    </Seccion>
  );
}

const apoyoLabel = (a: Apoyo) => `${a.nombre}${a.monto ? ` (${formatMoney(a.monto)})` : ''}${a.descripcion ? `: ${a.descripcion}` : ''}`;

/** Asked here only when the program has several support types and no form question picks one. */
function TipoDeApoyo({ apoyos, envio }: { apoyos: Apoyo[]; envio: Envio }) {
  const { tipoApoyo, tipoError } = envio;
  return (
    <Seccion id="tipo-apoyo-titulo" title="Tipo de apoyo">
      <FormControl component="fieldset" error={!!tipoError} required>
        <FormLabel component="legend" id="tipo-apoyo-etiqueta" sx={{ fontWeight: 600 }}>
          {SUPPORT_TYPE_REVIEW_QUESTION}
        </FormLabel>
        <RadioGroup name="tipo-apoyo" aria-labelledby="tipo-apoyo-etiqueta" value={tipoApoyo} onChange={(e) => envio.chooseSupportType(e.target.value)} aria-describedby={tipoError ? 'tipo-apoyo-error' : undefined}>
          {apoyos.map((a, i) => (
            <FormControlLabel key={a.id} value={a.id} control={<Radio id={i === 0 ? 'tipo-apoyo' : undefined} />} label={apoyoLabel(a)} />
          ))}
        </RadioGroup>
        {tipoError && (
          <FormHelperText id="tipo-apoyo-error" sx={{ fontWeight: 600 }}>
            {tipoError}
          </FormHelperText>
        )}
      </FormControl>
    </Seccion>
  );
}

function Enviar({ s, envio }: { s: Solicitud; envio: Envio }) {
  const { cuenta } = useSession();
  const palabras = useClienteSolicitud().envio;
  const { submitting, submitError } = envio;
  return (
    <Seccion id="enviar-titulo" title="Enviar">
      {submitError && (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          <AlertTitle>No se pudo enviar tu solicitud</AlertTitle>
          {submitError}
        </Alert>
      )}
      <ErrorSummary title="Para enviar, revisa:" items={envio.submitItems} focusKey={s.nav.attempt} />
      <Typography sx={{ mb: 2 }}>
        {palabras?.explicacion ?? `Al enviar, ${cuenta ? `${cuenta.nombres}, ` : ''}declaras que la información es verdadera. Recibirás un folio y te avisaremos por SMS cada vez que cambie el estado de tu solicitud.`}
      </Typography>
      <Button variant="contained" size="large" color="primary" startIcon={<SendIcon aria-hidden="true" />} onClick={envio.submit} disabled={submitting} aria-disabled={submitting}>
        {submitting ? (palabras?.enCurso ?? 'Enviando…') : (palabras?.boton ?? 'Enviar solicitud')}
      </Button>
    </Seccion>
  );
}

export function PasoRevision({ s, envio }: { s: Solicitud; envio: Envio }) {
  const { cargado, schema } = s;
  if (!cargado || !schema) return null;
  const { programa } = cargado;
  return (
    <Stack spacing={3}>
      <Requisitos s={s} />
      <Seccion id="respuestas-titulo" title="Tus respuestas">
        <AnswersView schema={schema} uischema={programa.formulario.uischema} data={s.data} headingLevel={4} onEditStep={(step) => s.act({ type: 'cambiarDesdeRevision', step })} />
      </Seccion>
      <TusDocumentos s={s} />
      {programa.preguntarTipoApoyo && <TipoDeApoyo apoyos={programa.apoyos} envio={envio} />}
      <Enviar s={s} envio={envio} />
    </Stack>
  );
}
