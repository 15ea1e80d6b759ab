/**
 * The address's second way, for a person who does not know her postal code (or whose code the catalog
 * lacks): she picks her municipio, then types her localidad and picks it from the municipio's localidades
 * (INEGI, asked once per municipio and fitted here as she types), then types her colonia and picks it
 * from the municipio's colonias (SEPOMEX, asked of the server as she types, those of her localidad
 * first). Choosing fills the same fields as the postal code's list (catalogo/eleccion.ts): the name, its
 * clave and, from the localidad, the ámbito; from the colonia its postal code when it has one. Typing
 * anything else is kept as typed, without a clave: the list offers, it never blocks. Used where a form's
 * uischema marks the localidad `buscarLocalidades` and the colonia `buscarColoniasDelMunicipio`.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Resolve, type ControlProps } from '@jsonforms/core';
import { useJsonForms } from '@jsonforms/react';
import Typography from '@mui/material/Typography';
import type { ColoniaDelMunicipio, LocalidadRef } from '../../../../api/territorio.ts';
import { typeAhead } from '../../../../../engine/territorio/typeahead.ts';
import { request } from '../../api.ts';
import { fieldState, Question, useHelp } from './comun.tsx';
import { Combobox } from './catalogo/Combobox.tsx';
import { alElegirColonia, alElegirLocalidad, avisoDeBusqueda, deOtroMunicipio, detalleDeColonia, detalleDeLocalidad, hermano, ofrecidos, type Buscada, type Cambios } from './catalogo/eleccion.ts';

/** A pause in the typing before the server is asked: one request per word rather than one per key. */
const PAUSA_MS = 250;

const esMunicipio = (clave: string) => /^\d{5}$/.test(clave);
const texto = (value: unknown) => (typeof value === 'string' ? value : '');

/** What a control of the address reads of its siblings, and how it writes the changes of a choice. */
function useDomicilio(props: ControlProps) {
  const answers = useJsonForms().core?.data as unknown;
  const { path, handleChange, rootSchema, uischema } = props;
  const vecino = (campo: string) => Resolve.data(answers, hermano(path, campo)) as unknown;
  const scope = (uischema as { scope?: string }).scope ?? '';
  const { editable, shown } = fieldState(props.config, path, props.enabled);
  return {
    /** The person may change this field now: only then is the catalog asked. */
    busca: editable && shown && props.visible,
    vecino,
    cveMun: texto(vecino('municipio')),
    ambitos: ofrecidos(rootSchema, scope, 'ambito'),
    aplicar: (cambios: Cambios) => cambios.forEach(([campo, valor]) => handleChange(hermano(path, campo), valor)),
  };
}

/** A clave chosen in a municipio is dropped when the person picks another municipio (the name she typed stays). */
function useOlvidarAlCambiarMunicipio(cveMun: string, clave: unknown, olvidar: () => void) {
  const antes = useRef(cveMun);
  useEffect(() => {
    if (antes.current === cveMun) return;
    antes.current = cveMun;
    if (deOtroMunicipio(clave, cveMun)) olvidar();
    // Only a change of municipio: the clave changes with every choice, and a choice is always of this municipio.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cveMun]);
}

/** The localidades of a municipio (null: not yet, or none to ask), asked once per municipio. */
function useLocalidades(cveMun: string): LocalidadRef[] | null {
  const [found, setFound] = useState<{ cveMun: string; localidades: LocalidadRef[] } | null>(null);
  useEffect(() => {
    if (!esMunicipio(cveMun)) return;
    let alive = true;
    request<LocalidadRef[]>('GET', `/catalogos/municipios/${cveMun}/localidades`).then(
      (localidades) => alive && setFound({ cveMun, localidades }),
      // No catalog to ask: the field is typed, as a text field.
      () => alive && setFound({ cveMun, localidades: [] }),
    );
    return () => {
      alive = false;
    };
  }, [cveMun]);
  return found?.cveMun === cveMun ? found.localidades : null;
}

/** The municipio's colonias that fit what is typed, asked after a pause in the typing (null: not asked, or not answered yet). */
function useColonias(cveMun: string, escrito: string, cveLocalidad: string, buscar: boolean): ColoniaDelMunicipio[] | null {
  const consulta = buscar && esMunicipio(cveMun) && escrito.trim() !== '' ? `/catalogos/municipios/${cveMun}/colonias?q=${encodeURIComponent(escrito.trim())}${cveLocalidad ? `&localidad=${cveLocalidad}` : ''}` : '';
  const [found, setFound] = useState<{ consulta: string; colonias: ColoniaDelMunicipio[] } | null>(null);
  useEffect(() => {
    if (consulta === '') return;
    let alive = true;
    const timer = setTimeout(() => {
      request<ColoniaDelMunicipio[]>('GET', consulta).then(
        (colonias) => alive && setFound({ consulta, colonias }),
        () => alive && setFound({ consulta, colonias: [] }),
      );
    }, PAUSA_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [consulta]);
  return found !== null && found.consulta === consulta ? found.colonias : null;
}

interface CampoDeCatalogoProps {
  props: ControlProps;
  buscada: Buscada;
  /** A municipio is chosen: there is a catalog to look in. */
  conMunicipio: boolean;
  opciones: Array<{ clave: string; texto: string; detalle: string }>;
  encontradas: number | null;
  elegida: boolean;
  /** The person typed: the text is kept, and the clave of what she had chosen goes. */
  onEscribir: (texto: string) => void;
  onElegir: (clave: string) => void;
}

/** The question, its typed-ahead field and the line that says what the list found. */
function CampoDeCatalogo({ props, buscada, conMunicipio, opciones, encontradas, elegida, onEscribir, onElegir }: CampoDeCatalogoProps) {
  const { data, path, label, description, errors, required, enabled, visible, schema, config } = props;
  const { editable, flagged, shown, id } = fieldState(config, path, enabled);
  const help = useHelp(id, description, errors, flagged);
  if (!visible || !shown) return null;
  const escrito = texto(data);
  const aviso = !conMunicipio && !elegida && editable ? `Elige tu municipio y te ayudamos a encontrar tu ${buscada} en el catálogo; también puedes escribirla.` : avisoDeBusqueda(buscada, escrito, encontradas, elegida);
  return (
    <Question id={id} label={label} required={required} invalid={help.invalid} flagged={flagged} help={help.node}>
      <Combobox
        id={id}
        value={escrito}
        opciones={opciones}
        nombreLista={buscada === 'localidad' ? 'Localidades que coinciden' : 'Colonias que coinciden'}
        onEscribir={onEscribir}
        onElegir={(opcion) => onElegir(opcion.clave)}
        required={required}
        invalid={help.invalid}
        disabled={!editable}
        describedBy={[help.describedBy, `${id}-busqueda`].filter(Boolean).join(' ')}
        maxLength={typeof schema.maxLength === 'number' ? schema.maxLength : undefined}
      />
      <Typography id={`${id}-busqueda`} role="status" variant="body2" color="text.secondary" sx={{ mt: 0.5, minHeight: '1.25em' }}>
        {aviso}
      </Typography>
    </Question>
  );
}

export function LocalidadControl(props: ControlProps) {
  const { data, handleChange, path } = props;
  const { busca, vecino, cveMun, ambitos, aplicar } = useDomicilio(props);
  const clave = vecino('cve_localidad');
  const localidades = useLocalidades(busca ? cveMun : '');
  const escrito = texto(data);
  const elegida = typeof clave === 'string';
  const lista = useMemo(() => (localidades && !elegida ? typeAhead(localidades, escrito, (l) => l.nombre) : []), [localidades, escrito, elegida]);
  useOlvidarAlCambiarMunicipio(cveMun, clave, () => handleChange(hermano(path, 'cve_localidad'), undefined));
  return (
    <CampoDeCatalogo
      props={props}
      buscada="localidad"
      conMunicipio={esMunicipio(cveMun)}
      opciones={lista.map((l) => ({ clave: l.clave, texto: l.nombre, detalle: detalleDeLocalidad(l) }))}
      encontradas={localidades && lista.length}
      elegida={elegida}
      onEscribir={(nuevo) => {
        handleChange(path, nuevo === '' ? undefined : nuevo);
        if (elegida) handleChange(hermano(path, 'cve_localidad'), undefined);
      }}
      onElegir={(elegidaClave) => {
        const localidad = lista.find((l) => l.clave === elegidaClave);
        if (localidad) aplicar(alElegirLocalidad(localidad, ambitos));
      }}
    />
  );
}

export function ColoniaControl(props: ControlProps) {
  const { data, handleChange, path } = props;
  const { busca, vecino, cveMun, ambitos, aplicar } = useDomicilio(props);
  const clave = vecino('cve_asentamiento');
  const cveLocalidad = texto(vecino('cve_localidad'));
  const elegida = typeof clave === 'string';
  const colonias = useColonias(cveMun, texto(data), cveLocalidad, busca && !elegida);
  useOlvidarAlCambiarMunicipio(cveMun, clave, () => handleChange(hermano(path, 'cve_asentamiento'), undefined));
  return (
    <CampoDeCatalogo
      props={props}
      buscada="colonia"
      conMunicipio={esMunicipio(cveMun)}
      opciones={(colonias ?? []).map((c) => ({ clave: c.clave, texto: c.nombre, detalle: detalleDeColonia(c) }))}
      encontradas={colonias && colonias.length}
      elegida={elegida}
      onEscribir={(nuevo) => {
        handleChange(path, nuevo === '' ? undefined : nuevo);
        if (elegida) handleChange(hermano(path, 'cve_asentamiento'), undefined);
      }}
      onElegir={(elegidaClave) => {
        const colonia = colonias?.find((c) => c.clave === elegidaClave);
        if (colonia) aplicar(alElegirColonia(colonia, cveLocalidad !== '', ambitos));
      }}
    />
  );
}
