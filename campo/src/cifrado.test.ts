/** The PIN's key: it opens what it sealed, a wrong PIN opens nothing, and it is slow to guess. */
import { describe, expect, it } from 'vitest';
import { abrir, claveSiEsCorrecto, derivarClave, ITERACIONES, PinIncorrecto, salNueva, sellar, sellarPrueba } from './cifrado.ts';

describe('cifrado con el PIN', () => {
  it('derives the key with PBKDF2 at ≥ 200,000 iterations; the right PIN opens what was sealed', async () => {
    expect(ITERACIONES).toBeGreaterThanOrEqual(200_000);
    const sal = salNueva();
    const clave = await derivarClave('482915', sal);
    const prueba = await sellarPrueba(clave);
    const sellado = await sellar(clave, { curp: 'HELG850304MQTRPD09', nombres: 'María Guadalupe' });
    expect(new TextDecoder().decode(sellado.datos)).not.toContain('HELG850304MQTRPD09');
    const otra = await claveSiEsCorrecto('482915', sal, ITERACIONES, prueba);
    expect(await abrir(otra, sellado)).toEqual({ curp: 'HELG850304MQTRPD09', nombres: 'María Guadalupe' });
  });

  it('a wrong PIN is refused in Spanish and decrypts nothing', async () => {
    const sal = salNueva();
    const clave = await derivarClave('482915', sal);
    const prueba = await sellarPrueba(clave);
    const sellado = await sellar(clave, 'datos de la persona');
    await expect(claveSiEsCorrecto('111111', sal, ITERACIONES, prueba)).rejects.toThrow(PinIncorrecto);
    await expect(claveSiEsCorrecto('111111', sal, ITERACIONES, prueba)).rejects.toThrow('El PIN no es correcto.');
    await expect(abrir(await derivarClave('111111', sal), sellado)).rejects.toThrow(PinIncorrecto);
  });

  it('the same value sealed twice gives two different ciphertexts (a fresh nonce each time)', async () => {
    const clave = await derivarClave('482915', salNueva());
    const [a, b] = [await sellar(clave, 'x'), await sellar(clave, 'x')];
    expect([...a.iv]).not.toEqual([...b.iv]);
  });
});
