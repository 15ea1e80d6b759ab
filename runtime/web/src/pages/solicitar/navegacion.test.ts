import { describe, expect, it } from 'vitest';
import { INICIO, navegacion, type Accion, type Navegacion } from './navegacion.ts';

const error = (path: string) => ({ path, message: 'Este dato es obligatorio.', code: 'FORM_REQUIRED' });
const run = (actions: Accion[], from: Navegacion = INICIO) => actions.reduce(navegacion, from);

describe('navegación del formulario de solicitud', () => {
  it.each<[string, Accion[], Partial<Navegacion>]>([
    ['avanzar marca el paso más lejano alcanzado', [{ type: 'ir', step: 1 }, { type: 'ir', step: 2 }, { type: 'ir', step: 0 }], { step: 0, reached: 2 }],
    ['ir a otro paso borra el error de guardado y los intentos', [{ type: 'noSeGuardo', message: 'x' }, { type: 'intento' }, { type: 'ir', step: 1 }], { saveError: null, attempt: 0 }],
    ['un borrador reanuda en su paso', [{ type: 'reanudar', posicion: { paso: 3, alcanzado: 4, desdeRevision: false }, formSteps: 5 }], { step: 3, reached: 4, resumed: true, fromReview: false }],
    ['«Volver a revisión» no se ofrece en la revisión misma', [{ type: 'reanudar', posicion: { paso: 6, alcanzado: 6, desdeRevision: true }, formSteps: 5 }], { step: 6, fromReview: false }],
    ['«Cambiar» en la revisión lleva al paso y ofrece volver', [{ type: 'ir', step: 6 }, { type: 'cambiarDesdeRevision', step: 1 }], { step: 1, reached: 6, fromReview: true }],
    ['volver a la revisión deja de ofrecerlo', [{ type: 'cambiarDesdeRevision', step: 1 }, { type: 'volverARevision' }], { fromReview: false }],
    ['cada revisión de un paso cuenta un intento', [{ type: 'pasoRevisado', errors: [error('a')] }, { type: 'pasoRevisado', errors: [] }], { attempt: 2, errors: [] }],
    ['los documentos que faltan se recuerdan', [{ type: 'documentosRevisados', missing: ['curp'] }], { docsMissing: ['curp'], attempt: 1 }],
    ['corregir desde la revisión abre el paso con sus errores', [{ type: 'corregirPaso', step: 2, errors: [error('b')] }], { step: 2, fromReview: true, errors: [error('b')] }],
  ])('%s', (_name, actions, expected) => {
    expect(run(actions)).toMatchObject(expected);
  });

  it('quita el error de una respuesta en cuanto cambia, y deja los demás', () => {
    const state = run([{ type: 'pasoRevisado', errors: [error('nombre'), error('edad')] }]);
    const after = navegacion(state, { type: 'respuestasCambiaron', before: { nombre: '', edad: 3 }, after: { nombre: 'Ana', edad: 3 } });
    expect(after.errors.map((e) => e.path)).toEqual(['edad']);
  });
});
