import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../index.ts';
import { miniAnswers, miniProgram } from '../../test/helpers/fixtures.ts';

const program = miniProgram();

describe('validateAnswers', () => {
  it('accepts valid answers and never mutates the input, even when it drops hidden data', () => {
    const answers = miniAnswers();
    answers.situacion = { perdio_trabajo: false, fecha_perdida: '2025-12-01' };
    const before = JSON.stringify(answers);
    const result = validateAnswers(program, answers);
    expect(result).toMatchObject({ valid: true, errors: [] });
    expect(result.data.situacion).toEqual({ perdio_trabajo: false });
    expect(JSON.stringify(answers)).toBe(before);
  });

  it('maps errors to fields with Spanish messages that name the field', () => {
    const answers = miniAnswers();
    answers.domicilio.calle = 'A';
    answers.hogar.integrantes[0].edad = 130;
    delete answers.domicilio.municipio;
    const { valid, errors } = validateAnswers(program, answers);
    expect(valid).toBe(false);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'domicilio.calle', pointer: '/domicilio/calle', code: 'FORM_MIN_LENGTH', message: 'Calle: Debe tener al menos 2 caracteres.' },
        { path: 'hogar.integrantes.0.edad', pointer: '/hogar/integrantes/0/edad', code: 'FORM_MAXIMUM', message: 'Edad: Debe ser menor o igual a 120.' },
        { path: 'domicilio.municipio', pointer: '/domicilio/municipio', code: 'FORM_REQUIRED', message: 'Municipio: Este dato es obligatorio.' },
      ]),
    );
  });

  it('reports a labelled choice once, not once per option', () => {
    const answers = miniAnswers();
    answers.domicilio.municipio = '99999';
    const { errors } = validateAnswers(program, answers);
    expect(errors).toEqual([expect.objectContaining({ path: 'domicilio.municipio', code: 'FORM_ONE_OF' })]);
  });

  it('refuses answers that are not an object', () => {
    for (const answers of [null, [], 'x', 3]) {
      expect(validateAnswers(program, answers)).toMatchObject({ valid: false, errors: [{ code: 'FORM_TYPE' }] });
    }
  });

  describe('hidden fields', () => {
    it('drops the data of a field hidden by a SHOW rule whose condition fails, before validation', () => {
      const answers = miniAnswers();
      answers.situacion = { perdio_trabajo: false, fecha_perdida: 'no es fecha' };
      const result = validateAnswers(program, answers);
      expect(result.valid).toBe(true);
      expect(result.data.situacion).toEqual({ perdio_trabajo: false });
    });

    it('a hidden required field is not required', () => {
      const answers = miniAnswers();
      answers.situacion = { perdio_trabajo: false };
      expect(validateAnswers(program, answers).valid).toBe(true);
    });

    it('a visible field is validated and required as usual', () => {
      const answers = miniAnswers();
      answers.situacion = { perdio_trabajo: true, fecha_perdida: '2025-13-40' };
      expect(validateAnswers(program, answers).errors).toEqual([expect.objectContaining({ path: 'situacion.fecha_perdida', code: 'FORM_FORMAT' })]);
      answers.situacion = { perdio_trabajo: true };
      expect(validateAnswers(program, answers).errors).toEqual([expect.objectContaining({ path: 'situacion.fecha_perdida', code: 'FORM_REQUIRED' })]);
    });

    it('applies rules inside a repeating group to each item separately', () => {
      const answers = miniAnswers();
      answers.hogar.integrantes = [
        { nombre: 'Laura', edad: 36, discapacidad: 'ninguna', grado: 'severa' },
        { nombre: 'Pedro', edad: 70, discapacidad: 'caminar', grado: 'moderada' },
        { nombre: 'Ana', edad: 9, discapacidad: 'ver' },
      ];
      const result = validateAnswers(program, answers);
      expect(result.data.hogar).toEqual({
        integrantes: [
          { nombre: 'Laura', edad: 36, discapacidad: 'ninguna' },
          { nombre: 'Pedro', edad: 70, discapacidad: 'caminar', grado: 'moderada' },
          { nombre: 'Ana', edad: 9, discapacidad: 'ver' },
        ],
      });
      expect(result.errors.map((e) => e.path)).toEqual(['hogar.integrantes.2.grado']);
    });
  });

  it('validates one step at a time, ignoring the steps not reached yet', () => {
    const answers = { domicilio: { municipio: '22014', calle: 'Av. Zaragoza 5' } };
    expect(validateAnswers(program, answers, { step: 0 })).toMatchObject({ valid: true, errors: [] });
    const second = validateAnswers(program, answers, { step: 1 });
    expect(second.valid).toBe(false);
    expect(second.errors.map((e) => e.path)).toEqual(['hogar']);
    expect(validateAnswers(program, answers).errors.map((e) => e.path).sort()).toEqual(['hogar', 'situacion']);
  });
});
