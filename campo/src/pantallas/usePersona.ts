/**
 * The person's data of a record, with the sign-up's own rules (runtime/web/src/components/registro): a valid
 * CURP, checked on the device by the engine, fills the birth date and sex; the checks are the ventanilla's.
 * Shaped as the sign-up's state so its DatosPersonales component shows the fields.
 */
import { useState } from 'react';
import { conCambio, PARA_VENTANILLA, revisarRegistro, type Campo, type DatosRegistro, type Errores } from '../../../runtime/web/src/components/registro/registro.ts';
import type { Registrando } from '../../../runtime/web/src/components/registro/useRegistro.ts';
import type { SummaryItem } from '../../../runtime/web/src/components/common.tsx';
import type { Persona } from '../registro.ts';

export function usePersona(inicial: Persona) {
  const [f, setF] = useState<DatosRegistro>({ ...inicial, contrasena: '', confirmacion: '' });
  const [errors, setErrors] = useState<Errores>({});
  const set = (campo: Campo) => (valor: string) => {
    setF((old) => conCambio(old, campo, valor));
    setErrors((e) => (e[campo] ? { ...e, [campo]: '' } : e));
  };
  /** The problems of the data typed so far, shown next to each field; none means it can be kept. */
  const revisar = (): Errores => {
    const e = revisarRegistro(f, PARA_VENTANILLA);
    setErrors(e);
    return e;
  };
  const items: SummaryItem[] = Object.entries(errors)
    .filter(([, m]) => m)
    .map(([k, m]) => ({ target: k, message: `${PARA_VENTANILLA.labels[k as Campo] ?? k}: ${m}` }));
  const persona: Persona = { curp: f.curp.trim().toUpperCase(), nombres: f.nombres, primerApellido: f.primerApellido, segundoApellido: f.segundoApellido, fechaNacimiento: f.fechaNacimiento, sexo: f.sexo, telefono: f.telefono, correo: f.correo };
  const registrando = { f, set, errors, general: null, sending: false, attempt: 0, submit: async () => {}, items } as unknown as Registrando;
  return { registrando, persona, revisar, items };
}
