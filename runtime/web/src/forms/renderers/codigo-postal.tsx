/**
 * The address's postal code, which finds the colonias: once five digits are typed the catalog is asked
 * (GET /api/catalogos/codigos-postales/:cp), and the person picks her colonia from a list; the colonia,
 * the municipio and the localidad are then filled in beside it, with their claves (cve_asentamiento,
 * cve_localidad) and the localidad's ámbito, and stay editable. The colonia shown as chosen is the one the
 * address holds (cve_asentamiento): chosen here, or typed ahead within the municipio (por-municipio.tsx),
 * which fills in its postal code. A code the catalog does not know, or no catalog at all, leaves the
 * fields to be typed, or found by municipio. Used where a form's uischema marks the postal code `buscarColonias`.
 */
import { useEffect, useState } from 'react';
import { Resolve, type ControlProps } from '@jsonforms/core';
import { useJsonForms } from '@jsonforms/react';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CodigoPostal, ColoniaDelCodigo } from '../../../../api/territorio.ts';
import { request } from '../../api.ts';
import { fieldState, Question, useHelp } from './comun.tsx';
import { alElegirLocalidad, hermano as sibling, ofrecidos, type Cambios } from './catalogo/eleccion.ts';

type Lookup = { codigo: string; colonias: ColoniaDelCodigo[] | null } | null;

/** The colonias of a complete postal code (null: not in the catalog), asked once per code typed. */
function useColonias(codigo: string): Lookup {
  const [found, setFound] = useState<Lookup>(null);
  useEffect(() => {
    if (!/^\d{5}$/.test(codigo)) return;
    let alive = true;
    request<CodigoPostal>('GET', `/catalogos/codigos-postales/${codigo}`).then(
      (r) => alive && setFound({ codigo, colonias: r.colonias }),
      () => alive && setFound({ codigo, colonias: null }),
    );
    return () => {
      alive = false;
    };
  }, [codigo]);
  return found?.codigo === codigo ? found : null;
}

export function PostalCodeControl(props: ControlProps) {
  const { data, handleChange, path, label, description, errors, required, enabled, visible, schema, config, rootSchema, uischema } = props;
  const { editable, flagged, shown, id } = fieldState(config, path, enabled);
  const help = useHelp(id, description, errors, flagged);
  const codigo = typeof data === 'string' ? data : '';
  const lookup = useColonias(codigo);
  const answers = useJsonForms().core?.data as unknown;
  if (!visible || !shown) return null;
  const scope = (uischema as { scope?: string }).scope ?? '';
  const offered = ofrecidos(rootSchema, scope, 'municipio');
  const colonias = lookup?.colonias ?? null;
  const cveAsentamiento = Resolve.data(answers, sibling(path, 'cve_asentamiento')) as unknown;
  const elegida = colonias?.find((c) => c.clave === cveAsentamiento)?.clave ?? '';
  const elegir = (clave: string) => {
    const colonia = colonias?.find((c) => c.clave === clave);
    if (!colonia) return;
    handleChange(sibling(path, 'colonia'), colonia.nombre);
    handleChange(sibling(path, 'cve_asentamiento'), colonia.clave);
    // The municipio only when the form offers it (a form of another state lists other municipios).
    if (offered.has(colonia.municipio.clave)) handleChange(sibling(path, 'municipio'), colonia.municipio.clave);
    const localidad: Cambios = colonia.localidad ? alElegirLocalidad(colonia.localidad, ofrecidos(rootSchema, scope, 'ambito')) : [['localidad', undefined], ['cve_localidad', undefined]];
    for (const [campo, valor] of localidad) handleChange(sibling(path, campo), valor);
  };
  return (
    <>
      <Question id={id} label={label} required={required} invalid={help.invalid} flagged={flagged} help={help.node}>
        <TextField
          id={id}
          required={required}
          value={codigo}
          onChange={(e) => {
            handleChange(path, e.target.value === '' ? undefined : e.target.value.trim());
            // The claves belong to the colonia chosen for the code before: a new code leaves none behind.
            handleChange(sibling(path, 'cve_asentamiento'), undefined);
            handleChange(sibling(path, 'cve_localidad'), undefined);
          }}
          error={help.invalid}
          disabled={!editable}
          slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'postal-code', maxLength: typeof schema.maxLength === 'number' ? schema.maxLength : 5, 'aria-describedby': help.describedBy } }}
        />
      </Question>
      <Typography role="status" sx={{ mt: 1 }} color="text.secondary">
        {lookup && colonias === null && `No encontramos el código postal ${lookup.codigo} en el catálogo: elige tu municipio abajo y busca tu localidad y tu colonia, o escríbelas.`}
        {colonias && elegida === '' && `Elige tu colonia: el código ${lookup!.codigo} tiene ${colonias.length === 1 ? 'una' : colonias.length}.`}
        {colonias && elegida !== '' && 'Llenamos tu colonia, municipio y localidad; revísalos abajo.'}
      </Typography>
      {colonias && (
        <Question id={`${id}-colonias`} label="Tu colonia" invalid={false} flagged={false} help={null}>
          <TextField id={`${id}-colonias`} select value={elegida} onChange={(e) => elegir(e.target.value)} disabled={!editable} slotProps={{ select: { native: true } }}>
            <option value="">Elige tu colonia</option>
            {colonias.map((c) => (
              <option key={c.clave} value={c.clave}>
                {`${c.nombre} (${c.tipo}, ${c.municipio.nombre})`}
              </option>
            ))}
          </TextField>
        </Question>
      )}
    </>
  );
}
