import { describe, expect, it } from 'vitest';
import { alta, arbol, cambio, formularioDe, revisar, type Form } from './formulario.ts';

const valido: Form = { usuario: 'ana.rios', nombre: 'Ana Ríos', correo: 'ana@queretaro.gob.mx', roles: ['funcionario'], area: 'sedesoq', estatus: 'activo', contrasena: 'una frase bastante larga' };

describe('formulario de funcionario', () => {
  it.each<[string, Partial<Form>, boolean, string[]]>([
    ['válido', {}, true, []],
    ['usuario con espacio', { usuario: 'ana rios' }, true, ['usuario']],
    ['al editar no se revisa el usuario', { usuario: 'ana rios' }, false, []],
    ['sin roles ni área', { roles: [], area: '' }, true, ['roles', 'area']],
    ['contraseña corta', { contrasena: 'corta' }, true, ['contrasena']],
    ['alta sin contraseña', { contrasena: '' }, true, ['contrasena']],
    ['cambio sin contraseña', { contrasena: '' }, false, []],
    ['correo sin dominio', { correo: 'ana@' }, true, ['correo']],
  ])('%s', (_name, change, nuevo, campos) => {
    expect(Object.keys(revisar({ ...valido, ...change }, nuevo)).sort()).toEqual(campos.sort());
  });

  it('arma el alta y el cambio sin espacios de más, y sin contraseña vacía al editar', () => {
    expect(alta({ ...valido, usuario: ' ana.rios ' }).usuario).toBe('ana.rios');
    expect(cambio({ ...valido, contrasena: '' })).not.toHaveProperty('contrasena');
  });

  it('empieza vacío o con los datos de quien se edita', () => {
    expect(formularioDe(null).estatus).toBe('activo');
    expect(formularioDe({ id: '1', usuario: 'x', nombre: 'X', correo: 'x@y.mx', tipoUsuario: '', roles: [], area: 'a', areaNombre: null, modulo: '', estatus: 'inactivo' }).estatus).toBe('inactivo');
  });

  it('ordena el árbol de áreas con su nivel', () => {
    const areas = [
      { id: 'b', nombre: 'Dirección', tipo: 'direccion' as const, padreId: 'a' },
      { id: 'a', nombre: 'Secretaría', tipo: 'dependencia' as const, padreId: null },
    ];
    expect(arbol(areas).map((a) => [a.id, a.nivel])).toEqual([['a', 0], ['b', 1]]);
  });
});
