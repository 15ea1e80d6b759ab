import { userInfo } from 'node:os';
import { ConfigError, loadConfig } from '../../config.ts';
import { openDatabase } from '../../../db/orm.ts';
import { AppError } from '../../errors.ts';
import { passwordProblems, weakPasswordMessage } from '../accounts/index.ts';
import { findArea, listAreas, syncAreaCatalog } from './areas.ts';
import { addOfficial, checkIdentity } from './officials.service.ts';
import { ROLE_ADMIN } from './roles.ts';

export interface CommandOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CreateAdminOptions {
  usuario?: string;
  nombre?: string;
  correo?: string;
  area?: string;
  contrasenaEnv?: string;
}

/** Exit codes: 0 created; 1 bad input or refused (user exists, unknown area, weak password); 2 configuration or database unusable. */
export const EXIT = { OK: 0, INPUT: 1, CONFIG: 2 } as const;

/** Why the password could not be read (no terminal and no input, Ctrl+C, mismatched repetition). */
export class PasswordInputError extends Error {}

/**
 * Reads a password from the terminal without showing it (raw mode, no echo), asking twice;
 * from a pipe it takes the first line (for scripts that cannot use --contrasena-env).
 */
export async function promptPassword(stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!stdin.isTTY) {
    let data = '';
    for await (const chunk of stdin) {
      data += String(chunk);
      if (data.includes('\n')) break;
    }
    const line = data.split(/\r?\n/)[0] ?? '';
    if (line === '') throw new PasswordInputError('No se recibió ninguna contraseña por la entrada estándar.');
    return line;
  }
  const first = await hiddenLine('Contraseña del administrador: ', stdin, stderr);
  const second = await hiddenLine('Escríbela de nuevo: ', stdin, stderr);
  if (first !== second) throw new PasswordInputError('Las dos contraseñas no coinciden; vuelve a intentarlo.');
  return first;
}

function hiddenLine(prompt: string, stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new PasswordInputError('Cancelado.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

const MISSING: Array<[keyof CreateAdminOptions, string]> = [
  ['usuario', '--usuario <usuario>'],
  ['nombre', '--nombre "<nombre completo>"'],
  ['correo', '--correo <correo>'],
  ['area', '--area <id del área>'],
];

/**
 * `sipros create-admin`: creates the first administrator (or another one) in the database the
 * server uses (DATABASE_URL, else PGLITE_DIR), with the area catalog loaded first so the area can
 * be checked even before the server ever started on that database. Everything that can be
 * checked without the database is checked first: opening PGlite takes seconds.
 */
export async function createAdminCommand(
  options: CreateAdminOptions,
  { out, err }: CommandOutput,
  env: NodeJS.ProcessEnv = process.env,
  readPassword: () => Promise<string> = () => promptPassword(),
): Promise<number> {
  const missing = MISSING.filter(([key]) => !options[key]?.trim()).map(([, flag]) => flag);
  if (missing.length > 0) {
    err(`Error: faltan opciones: ${missing.join(', ')}.`);
    err('Ejemplo: sipros create-admin --usuario mugalde --nombre "Martha Ugalde" --correo mugalde@queretaro.gob.mx --area sedesoq --contrasena-env SIPROS_ADMIN_CONTRASENA');
    return EXIT.INPUT;
  }
  try {
    checkIdentity({ usuario: options.usuario, correo: options.correo, nombre: options.nombre });
  } catch (error) {
    if (error instanceof AppError) {
      err(`Error: ${error.message}`);
      return EXIT.INPUT;
    }
    throw error;
  }
  let config;
  try {
    config = loadConfig({ ...env, SIPROS_SEED_PROGRAMS: 'false' });
  } catch (error) {
    if (error instanceof ConfigError) {
      err(error.message);
      return EXIT.CONFIG;
    }
    throw error;
  }

  let password: string;
  if (options.contrasenaEnv !== undefined) {
    password = env[options.contrasenaEnv] ?? '';
    if (password === '') {
      err(`Error: la variable de entorno ${options.contrasenaEnv} no existe o está vacía; ponle la contraseña o quita --contrasena-env para escribirla aquí.`);
      return EXIT.INPUT;
    }
  } else {
    try {
      password = await readPassword();
    } catch (error) {
      if (error instanceof PasswordInputError) {
        err(`Error: ${error.message}`);
        return EXIT.INPUT;
      }
      throw error;
    }
  }
  const problems = passwordProblems(password);
  if (problems.length > 0) {
    err(`Error WEAK_PASSWORD: ${weakPasswordMessage(problems)}`);
    return EXIT.INPUT;
  }

  let db;
  try {
    db = await openDatabase(config);
  } catch (error) {
    err(`Error: no se pudo abrir la base de datos (${config.databaseUrl ? 'DATABASE_URL' : `PGLITE_DIR=${config.pgliteDir}`}): ${(error as Error).message}`);
    return EXIT.CONFIG;
  }
  try {
    const now = new Date();
    await syncAreaCatalog(db.sql, now);
    const em = db.orm.em.fork();
    try {
      const official = await addOfficial(
        // The command line is held by no administrator's reach: whoever runs it holds the database.
        { em, sql: db.sql, now, actor: { type: 'sistema', id: `cli:${userInfo().username}` }, scope: null },
        { usuario: options.usuario!, nombre: options.nombre!, correo: options.correo!, area: options.area!.trim(), roles: [ROLE_ADMIN], contrasena: password },
      );
      out(`Administrador «${official.usuario}» creado (${official.nombre}, área ${official.areaNombre ?? official.area}). Ya puede iniciar sesión en /funcionario.`);
      // Administrators are held to their area's subtree: say so when this one is not at the root.
      if ((await findArea(em, official.area))?.padreId) out('Administrará solo esa área y las que dependen de ella; quien administra todo el árbol se crea en la dependencia (la raíz).');
      return EXIT.OK;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      err(`Error ${error.code}: ${error.message}`);
      if (error.code === 'AREA_NOT_FOUND') err(`Áreas disponibles: ${(await listAreas(db.orm.em.fork(), null)).map((a) => a.id).join(', ')}.`);
      return EXIT.INPUT;
    }
  } finally {
    await db.close();
  }
}
