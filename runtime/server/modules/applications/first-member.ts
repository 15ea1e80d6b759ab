import { ageAt, localDateInMexicoCity, validateCurp, type LoadedProgram } from '../../../../engine/index.ts';
import { schemaAtDataPath } from '../../../../engine/forms/schema-paths.ts';
import type { SessionCitizen } from '../../../db/entities.ts';

type Answers = Record<string, unknown>;

/** Where the CUIS household roster keeps its people; the first one is the applicant. */
const FIRST_MEMBER = 'hogar.integrantes.0';

/** Whether the form's field at `path` takes `value` (a choice among its options, or a free value of its type). */
function fieldTakes(program: LoadedProgram, path: string, value: unknown): boolean {
  const field = schemaAtDataPath(program.definition.form.schema as Answers, path);
  if (!field || value === undefined || value === '') return false;
  if (Array.isArray(field.oneOf)) return (field.oneOf as Array<{ const?: unknown }>).some((o) => o.const === value);
  if (Array.isArray(field.enum)) return field.enum.includes(value);
  return field.type === 'integer' ? Number.isInteger(value) : typeof value === field.type;
}

/**
 * The applicant as the household's first member, from her account: name, relationship, sex and
 * age (from the CURP, today). She types none of it again and may still correct it. Only the fields
 * this program's form has, with values it accepts.
 */
export function applicantAsFirstMember(program: LoadedProgram, citizen: SessionCitizen, now: Date): Answers | null {
  if (!schemaAtDataPath(program.definition.form.schema as Answers, FIRST_MEMBER)) return null;
  const curp = validateCurp(citizen.curp);
  const known: Answers = {
    nombre: [citizen.nombres, citizen.primerApellido, citizen.segundoApellido].filter(Boolean).join(' '),
    parentesco: 'solicitante',
    sexo: citizen.sexo,
    edad: curp.valid ? ageAt(curp.info.birthDate, localDateInMexicoCity(now)) : undefined,
  };
  const member = Object.fromEntries(Object.entries(known).filter(([key, value]) => fieldTakes(program, `${FIRST_MEMBER}.${key}`, value)));
  return Object.keys(member).length > 0 ? member : null;
}

/**
 * The answers with the applicant filled in as member 1 when the roster has no one yet (a new
 * application, or a draft saved before reaching the household step with an empty first person).
 * A first person with anything in it is hers: nothing she typed or cleared is put back.
 */
export function withApplicantAsFirstMember(program: LoadedProgram, citizen: SessionCitizen, answers: Answers, now: Date): Answers {
  const hogar = (answers.hogar ?? {}) as Answers;
  const people = Array.isArray(hogar.integrantes) ? (hogar.integrantes as unknown[]) : [];
  const first = people[0];
  const empty = first === undefined || (first !== null && typeof first === 'object' && Object.keys(first).length === 0);
  if (!empty) return answers;
  const member = applicantAsFirstMember(program, citizen, now);
  if (!member) return answers;
  return { ...answers, hogar: { ...hogar, integrantes: [member, ...people.slice(1)] } };
}
