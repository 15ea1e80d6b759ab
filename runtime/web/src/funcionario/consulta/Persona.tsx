/** One person's account, applications and deliveries, as Consulta ciudadana shows them. */
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { ResponsiveTable, StatusChip, visuallyHidden } from '../../components/common.tsx';
import { formatDate, formatDateTime, formatMoney, formatPhone } from '../../format.ts';
import type { ConsultaCiudadana } from '../api.ts';
import { DataList, Section, siNo } from '../common.tsx';
import type { Cambio } from './CambioDialog.tsx';

const ESTADO_CODIGO: Record<string, string> = { vigente: 'vigente', usado: 'ya usado', vencido: 'vencido', agotado: 'sin intentos' };

/** The last SMS code, described (the code itself is never shown). */
function codigoTexto(c: ConsultaCiudadana['cuenta']['codigoValidacion']): string | null {
  if (!c) return null;
  return `${c.proposito === 'telefono' ? 'Confirmar teléfono' : 'Cambiar contraseña'}: enviado el ${formatDateTime(c.enviado)}, ${ESTADO_CODIGO[c.estado] ?? c.estado}${c.estado === 'vigente' ? ` hasta ${formatDateTime(c.vence)}` : ''}.`;
}

function Botones({ onCambio }: { onCambio: (c: Cambio) => void }) {
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ width: { xs: '100%', sm: 'auto' } }}>
      <Button variant="outlined" onClick={() => onCambio('telefono')}>
        Cambiar teléfono
      </Button>
      <Button variant="outlined" onClick={() => onCambio('correo')}>
        Cambiar correo
      </Button>
      <Button variant="outlined" onClick={() => onCambio('contrasena')}>
        Restablecer contraseña
      </Button>
    </Stack>
  );
}

export function CuentaDeLaPersona({ c, onCambio }: { c: ConsultaCiudadana['cuenta']; onCambio: (c: Cambio) => void }) {
  const curp: ReactNode = (
    <Box key="c" component="span" sx={{ fontFamily: 'ui-monospace, monospace' }}>
      {c.curp}
    </Box>
  );
  return (
    <Section id="cuenta-titulo" title={`${c.nombres} ${c.primerApellido} ${c.segundoApellido ?? ''}`.trim()} actions={<Botones onCambio={onCambio} />}>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        <DataList
          columns={2}
          items={[
            ['Usuario (CURP)', curp],
            ['Correo', c.correo],
            ['Teléfono', c.telefono ? formatPhone(c.telefono) : null],
            ['Código de verificación del teléfono', codigoTexto(c.codigoValidacion)],
            ['Teléfono verificado', siNo(c.validado)],
            ['Cuenta', c.estatus === 'activo' ? 'Activa' : c.estatus === 'bloqueado' ? 'Bloqueada' : c.estatus],
            ['Registrada en ventanilla', siNo(c.registradoEnVentanilla)],
          ]}
        />
      </Paper>
    </Section>
  );
}

type Fila = ConsultaCiudadana['solicitudes'][number];

function VerSolicitud({ r }: { r: Fila }) {
  if (!r.folio) return '—';
  return (
    <Button size="small" variant="outlined" component={RouterLink} to={`/funcionario/solicitudes/${r.id}`}>
      Ver solicitud
      <Box component="span" sx={visuallyHidden}>
        {' '}
        {r.folio}
      </Box>
    </Button>
  );
}

export function SolicitudesDeLaPersona({ solicitudes }: { solicitudes: Fila[] }) {
  return (
    <Section id="solicitudes-titulo" title="Solicitudes">
      {solicitudes.length === 0 ? (
        <Typography>Esta persona todavía no ha hecho ninguna solicitud.</Typography>
      ) : (
        <ResponsiveTable
          caption="Solicitudes de la persona"
          rows={solicitudes}
          rowKey={(r) => r.id}
          columns={[
            { header: 'Apoyo', cell: (r) => r.programaNombre },
            { header: 'Folio', cell: (r) => (r.folio ? <Box component="span" sx={{ whiteSpace: 'nowrap' }}>{r.folio}</Box> : 'Borrador') },
            { header: 'Fecha', cell: (r) => (r.fechaSolicitud ? formatDate(r.fechaSolicitud) : '—') },
            { header: 'Estado', cell: (r) => <StatusChip estado={r.estado} /> },
            { header: 'Acciones', cell: (r) => <VerSolicitud r={r} /> },
          ]}
        />
      )}
    </Section>
  );
}

export function EntregasDeLaPersona({ entregas }: { entregas: ConsultaCiudadana['entregas'] }) {
  return (
    <Section id="entregas-titulo" title="Apoyos entregados">
      {entregas.length === 0 ? (
        <Typography>Esta persona todavía no ha recibido ningún apoyo.</Typography>
      ) : (
        <ResponsiveTable
          caption="Apoyos entregados a la persona"
          rows={entregas}
          rowKey={(r) => r.folio}
          columns={[
            { header: 'Apoyo', cell: (r) => r.programaNombre },
            { header: 'Folio', cell: (r) => r.folio },
            { header: 'Fecha', cell: (r) => formatDateTime(r.fecha) },
            { header: 'Entregó', cell: (r) => r.funcionario },
          ]}
        />
      )}
    </Section>
  );
}

/** «Apoyos en el Padrón Estatal»: SIPROS's deliveries and other agencies' supports together, newest first. */
export function PadronDeLaPersona({ apoyos, otraCurp }: { apoyos: ConsultaCiudadana['padron']; otraCurp: ConsultaCiudadana['enPadronConOtraCurp'] }) {
  return (
    <Section id="padron-titulo" title="Apoyos en el Padrón Estatal">
      {otraCurp && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          Puede estar en el padrón con otra CURP: {otraCurp.nombre} ({otraCurp.curps.join(', ')}) se le parece ({otraCurp.decision === 'misma' ? 'el emparejamiento dice que es la misma persona' : 'a revisión'}; puntaje{' '}
          {otraCurp.puntaje.toLocaleString('es-MX', { maximumFractionDigits: 1 })}). La revisión de duplicados del padrón decide si son la misma persona.
        </Alert>
      )}
      {apoyos.length === 0 ? (
        <Typography>Esta persona no tiene apoyos en el Padrón Estatal.</Typography>
      ) : (
        <ResponsiveTable
          caption="Apoyos de la persona en todos los programas y dependencias"
          rows={apoyos}
          rowKey={(r) => `${r.programa}-${r.fecha}-${r.folio ?? ''}-${r.monto ?? ''}-${apoyos.indexOf(r)}`}
          columns={[
            { header: 'Programa', cell: (r) => r.programaNombre },
            { header: 'Dependencia', cell: (r) => r.dependencia },
            { header: 'Fecha', cell: (r) => formatDate(r.fecha) },
            { header: 'Monto', cell: (r) => (r.monto === null ? '—' : formatMoney(r.monto)) },
            { header: 'Origen', cell: (r) => (r.origen === 'sipros' ? `SIPROS, folio ${r.folio}` : 'Padrón cargado por la dependencia') },
          ]}
        />
      )}
    </Section>
  );
}
