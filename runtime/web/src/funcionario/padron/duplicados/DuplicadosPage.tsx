/**
 * «Posibles duplicados» (role padron-revisor): the pairs of people the matcher could not decide, the
 * most likely first, filtered by origin, program and municipio. Each decision stays on its card with
 * what happened; the list is read again when the filters change.
 */
import { useCallback, useState } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { ErrorAlert, Loading, Page } from '../../../components/common.tsx';
import { formatNumber } from '../../../format.ts';
import { useLoad } from '../../../hooks.ts';
import { SelectField } from '../../common.tsx';
import { padronApi, type FiltroDuplicados, type ListaDuplicados } from '../api.ts';
import { BusquedaEnPadron } from './BusquedaEnPadron.tsx';
import { ParDuplicado } from './ParDuplicado.tsx';

function Filtros({ lista, filtro, onFiltro }: { lista: ListaDuplicados; filtro: FiltroDuplicados; onFiltro: (f: FiltroDuplicados) => void }) {
  const { origenes, programas, municipios } = lista.opciones;
  const set = (key: keyof FiltroDuplicados) => (e: { target: { value: string } }) => onFiltro({ ...filtro, [key]: e.target.value || undefined });
  return (
    <Box component="form" aria-label="Filtros" onSubmit={(e) => e.preventDefault()} sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' }, mb: 3 }}>
      <SelectField id="dup-origen" label="Origen" value={filtro.origen ?? ''} onChange={set('origen')} placeholder="Todos" options={origenes.map((o) => ({ value: o.id, label: o.nombre }))} />
      <SelectField id="dup-programa" label="Programa" value={filtro.programa ?? ''} onChange={set('programa')} placeholder="Todos" options={programas.map((p) => ({ value: p.clave, label: p.nombre }))} />
      <SelectField id="dup-municipio" label="Municipio" value={filtro.municipio ?? ''} onChange={set('municipio')} placeholder="Todos" options={municipios.map((m) => ({ value: m.clave, label: m.nombre }))} />
    </Box>
  );
}

function porDecidir(n: number): string {
  if (n <= 0) return 'No hay pares por decidir con estos filtros.';
  return n === 1 ? '1 par por decidir.' : `${formatNumber(n)} pares por decidir.`;
}

export function DuplicadosPage() {
  const [filtro, setFiltro] = useState<FiltroDuplicados>({});
  const { data: lista, error, reload } = useLoad(() => padronApi.duplicados(filtro), [filtro.origen, filtro.programa, filtro.municipio]);
  const [decididos, setDecididos] = useState(0);
  // The list read again (a search found pairs): its total already leaves out the ones decided here.
  const leerDeNuevo = useCallback(() => {
    setDecididos(0);
    reload();
  }, [reload]);
  return (
    <Page title="Posibles duplicados" lead="Personas del Padrón Estatal que pueden ser la misma. Compara sus datos y decide: si son la misma, se fusionan (se puede separar después); si son distintas, el par no se vuelve a proponer.">
      <ErrorAlert message={error} />
      {!lista && !error && <Loading />}
      {lista && (
        <>
          <BusquedaEnPadron busqueda={lista.busqueda} onCambio={leerDeNuevo} />
          <Filtros
            lista={lista}
            filtro={filtro}
            onFiltro={(f) => {
              setDecididos(0);
              setFiltro(f);
            }}
          />
          <Typography role="status" sx={{ mb: 2 }}>
            {porDecidir(lista.total - decididos)}
            {lista.total > lista.pares.length ? ` Se muestran los ${formatNumber(lista.pares.length)} más probables.` : ''}
          </Typography>
          {lista.pares.map((par) => (
            <ParDuplicado key={par.id} par={par} onDecidido={() => setDecididos((n) => n + 1)} />
          ))}
        </>
      )}
    </Page>
  );
}
