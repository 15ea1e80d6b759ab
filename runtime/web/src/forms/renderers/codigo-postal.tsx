/**
 * The address's postal code, which finds the colonias: once five digits are typed the catalog is asked
 * (GET /api/catalogos/codigos-postales/:cp), and the person picks her colonia from a list; the colonia,
 * the municipio and the localidad are then filled in beside it, with their claves (cve_asentamiento,
 * cve_localidad), and stay editable. A code the catalog does not know, or no catalog at all, leaves the
 * fields to be typed as before. Used where a form's uischema marks the postal code `buscarColonias`.
 */
import { useEffect, useState } from 'react';
import { Resolve, type ControlProps, type JsonSchema } from '@jsonforms/core';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CodigoPostal, ColoniaDelCodigo } from '../../../../api/territorio.ts';
import { request } from '../../api.ts';
import { fieldState, Question, useHelp } from './comun.tsx';

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

/** The path of a sibling field of the postal code («domicilio.codigo_postal» → «domicilio.colonia»). */
const sibling = (path: string, name: string) => path.replace(/[^.]+$/, name);

export function PostalCodeControl(props: ControlProps) {
  const { data, handleChange, path, label, description, errors, required, enabled, visible, schema, config, rootSchema, uischema } = props;
  const { editable, flagged, shown, id } = fieldState(config, path, enabled);
  const help = useHelp(id, description, errors, flagged);
  const codigo = typeof data === 'string' ? data : '';
  const lookup = useColonias(codigo);
  const [elegida, setElegida] = useState('');
  if (!visible || !shown) return null;
  const scope = (uischema as { scope?: string }).scope ?? '';
  const municipio = Resolve.schema(rootSchema, scope.replace(/[^/]+$/, 'municipio'), rootSchema) as JsonSchema | undefined;
  const offered = new Set(((municipio?.oneOf ?? []) as JsonSchema[]).map((o) => String(o.const)));
  const elegir = (clave: string) => {
    setElegida(clave);
    const colonia = lookup?.colonias?.find((c) => c.clave === clave);
    if (!colonia) return;
    handleChange(sibling(path, 'colonia'), colonia.nombre);
    handleChange(sibling(path, 'cve_asentamiento'), colonia.clave);
    // The municipio only when the form offers it (a form of another state lists other municipios).
    if (offered.has(colonia.municipio.clave)) handleChange(sibling(path, 'municipio'), colonia.municipio.clave);
    handleChange(sibling(path, 'localidad'), colonia.localidad?.nombre ?? undefined);
    handleChange(sibling(path, 'cve_localidad'), colonia.localidad?.clave ?? undefined);
  };
  const colonias = lookup?.colonias ?? null;
  return (
    <>
      <Question id={id} label={label} required={required} invalid={help.invalid} flagged={flagged} help={help.node}>
        <TextField
          id={id}
          required={required}
          value={codigo}
          onChange={(e) => {
            setElegida('');
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
        {lookup && colonias === null && `No encontramos el código postal ${lookup.codigo} en el catálogo: escribe tu colonia, municipio y localidad abajo.`}
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
