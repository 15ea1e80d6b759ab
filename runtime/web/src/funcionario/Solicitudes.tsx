/**
 * "Solicitudes": the work queue of the official's area with the seed's columns, filters (Apoyo, Proceso,
 * Estado), search, sort, keyset paging, saved filters, bulk approval and the CSV / Excel reports.
 * The filters live in the address, so the browser's back button, a reload and a shared link keep them.
 * The parts are in cola/ (state: useCola.ts).
 */
import { ErrorAlert, Page } from '../components/common.tsx';
import { useSession } from '../session.tsx';
import { FiltrosDeLaCola } from './cola/Filtros.tsx';
import { Resultados } from './cola/Resultados.tsx';
import { useCola } from './cola/useCola.ts';

export function ColaSolicitudesPage() {
  const { funcionario } = useSession();
  const c = useCola();
  // Whoever sees no personal data in any program searches by folio only (the server says who sees it, per program).
  const datosPersonales = (c.programas ?? []).some((p) => p.datosPersonales);
  return (
    <Page
      title="Solicitudes"
      lead={`Las solicitudes recibidas en los programas de ${funcionario?.areaNombre ?? 'tu área'}. Filtra por apoyo, proceso y estado, o busca por ${datosPersonales ? 'CURP, nombre o folio' : 'folio'}.`}
    >
      <ErrorAlert message={c.programasError} />
      <FiltrosDeLaCola c={c} datosPersonales={datosPersonales} />
      <Resultados c={c} />
    </Page>
  );
}
