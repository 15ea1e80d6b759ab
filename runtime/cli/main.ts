import { relative } from 'node:path';
import { Command } from 'commander';
import { runDefinitionTests, validateCurp } from '../../engine/index.ts';
import { runMatchingTests } from '../../engine/matching/testing.ts';
import { ConfigError, ServiceUnreachableError } from '../server/config.ts';
import { findDefinitionFiles, JsonFileError, loadLibrary, loadMatchingFiles, loadProgramFile, type Library } from '../definitions/library.ts';

/** Output goes through one writer so commands stay testable. */
const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);
const shown = (file: string) => relative(process.cwd(), file) || file;

function curpCommand(curps: string[], options: { json?: boolean }): number {
  const results = curps.map((raw) => validateCurp(raw));
  if (options.json) {
    out(JSON.stringify(results.map((r) => ({ curp: r.curp, valid: r.valid, errors: r.errors.map((e) => e.code), birthDate: r.info.birthDate ?? null, sex: r.info.sex ?? null, state: r.info.state ?? null })), null, 2));
  } else {
    for (const r of results) {
      if (r.valid) out(`${r.curp}: válida (nacimiento ${r.info.birthDate}, sexo ${r.info.sex}, entidad ${r.info.stateName})`);
      else out(`${r.curp || '(vacía)'}: inválida — ${r.errors.map((e) => `${e.message} [${e.code}]`).join(' ')}`);
    }
  }
  return results.every((r) => r.valid) ? 0 : 1;
}

interface LibraryOption {
  biblioteca?: string[];
}

async function withLibrary(options: LibraryOption): Promise<Library> {
  const library = await loadLibrary(options.biblioteca ?? []);
  for (const { file, errors } of library.ruleSetErrors) {
    for (const e of errors) err(`${shown(file)}  ${e.pointer || '/'}  ${e.code}  ${e.message}`);
  }
  return library;
}

async function validateCommand(paths: string[], options: LibraryOption): Promise<number> {
  const library = await withLibrary(options);
  const { programs: files, matchingModels } = await findDefinitionFiles(paths);
  if (files.length === 0 && matchingModels.length === 0) {
    err('No se encontró ninguna definición (program.json o matching/modelo.json) en las rutas indicadas.');
    return 1;
  }
  let failed = library.ruleSetErrors.length;
  for (const file of matchingModels) {
    const loaded = await loadMatchingFiles(file);
    if (loaded.ok) out(`✓ ${shown(file)}  modelo de emparejamiento v${loaded.model.version}`);
    else {
      failed++;
      out(`✗ ${shown(file)}: ${loaded.errors.length} error(es)`);
      for (const e of loaded.errors) out(`    ${e.pointer || '/'}  ${e.code}  ${e.message}`);
    }
  }
  for (const file of files) {
    const result = await loadProgramFile(file, library).catch((e: unknown) => (e instanceof JsonFileError ? e : Promise.reject(e)));
    if (result instanceof JsonFileError) {
      failed++;
      out(`✗ ${shown(file)}  ${result.code}  ${result.message}`);
    } else if (!result.ok) {
      failed++;
      out(`✗ ${shown(file)}: ${result.errors.length} error(es)`);
      for (const e of result.errors) out(`    ${e.pointer || '/'}  ${e.code}  ${e.message}`);
    } else {
      out(`✓ ${shown(file)}  ${result.program.definition.name} v${result.program.definition.version}`);
    }
  }
  out(`${files.length + matchingModels.length - failed} válidas, ${failed} con errores.`);
  return failed > 0 ? 1 : 0;
}

/** The matching model's own test table: same output as a program's. */
async function testMatchingModel(file: string): Promise<{ passed: number; failed: number }> {
  const loaded = await loadMatchingFiles(file);
  if (!loaded.ok) {
    out(`✗ ${shown(file)}: el modelo de emparejamiento no es válido`);
    for (const e of loaded.errors) out(`    ${e.pointer || '/'}  ${e.code}  ${e.message}`);
    return { passed: 0, failed: 1 };
  }
  const results = runMatchingTests(loaded.model, loaded.tables);
  out(`Modelo de emparejamiento v${loaded.model.version} (${shown(file)}): ${results.length} casos`);
  for (const r of results) {
    out(`  ${r.passed ? '✓' : '✗'} ${r.name}`);
    for (const f of r.failures) out(`      ${f}`);
  }
  const failed = results.filter((r) => !r.passed).length;
  return { passed: results.length - failed, failed };
}

async function testCommand(paths: string[], options: LibraryOption): Promise<number> {
  const library = await withLibrary(options);
  const { programs: files, matchingModels } = await findDefinitionFiles(paths);
  let passed = 0;
  let failed = library.ruleSetErrors.length;
  for (const model of matchingModels) {
    const r = await testMatchingModel(model);
    passed += r.passed;
    failed += r.failed;
  }
  for (const file of files) {
    const loaded = await loadProgramFile(file, library).catch((e: unknown) => (e instanceof JsonFileError ? e : Promise.reject(e)));
    if (loaded instanceof JsonFileError || !loaded.ok) {
      failed++;
      out(`✗ ${shown(file)}: la definición no es válida; corre «sipros validate» para ver los errores.`);
      continue;
    }
    const results = runDefinitionTests(loaded.program);
    out(`${loaded.program.definition.name} (${shown(file)}): ${results.length} casos`);
    if (results.length === 0) {
      failed++;
      out('  ✗ la definición no tiene casos de prueba (tests.cases).');
    }
    for (const r of results) {
      if (r.passed) passed++;
      else failed++;
      out(`  ${r.passed ? '✓' : '✗'} ${r.name}`);
      for (const f of r.failures) out(`      ${f}`);
    }
  }
  out(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

/**
 * Turns expected failures into a Spanish message without a stack trace: missing files and malformed
 * JSON exit 1; a configuration that does not serve or a database that cannot be reached exit 2, as
 * the server does at start.
 */
async function run(action: () => Promise<number> | number): Promise<void> {
  try {
    process.exitCode = await action();
  } catch (error) {
    if (error instanceof JsonFileError) {
      err(`Error ${error.code}: ${error.message}`);
      process.exitCode = 1;
    } else if (error instanceof ServiceUnreachableError || error instanceof ConfigError) {
      err(error.message);
      process.exitCode = 2;
    } else throw error;
  }
}

const BIBLIOTECA_FLAG = '--biblioteca <carpetas...>';
const BIBLIOTECA_HELP = 'carpetas con fragments/ y rulesets/ propios, además de los de SIPROS';

const program = new Command()
  .name('sipros')
  .description('SIPROS: motor de programas sociales. Revisa CURP y definiciones de programas.')
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error:/, 'Error:')) })
  .showHelpAfterError('(usa --help para ver las opciones)');

program
  .command('curp')
  .description('Valida una o más CURP: una línea por CURP; sale con 1 si alguna es inválida.')
  .argument('<curp...>', 'CURP a validar')
  .option('--json', 'imprime [{curp, valid, errors, birthDate, sex, state}]')
  .action((curps: string[], options: { json?: boolean }) => run(() => curpCommand(curps, options)));

program
  .command('validate')
  .description('Revisa definiciones de programas: cada error con su apuntador JSON; sale con 1 si hay errores.')
  .argument('<rutas...>', 'archivos program.json o carpetas que los contienen')
  .option(BIBLIOTECA_FLAG, BIBLIOTECA_HELP)
  .action((paths: string[], options: LibraryOption) => run(() => validateCommand(paths, options)));

program
  .command('test')
  .description('Corre las tablas de prueba de las definiciones y del modelo de emparejamiento (matching/modelo.json); sale con 1 si algún caso falla.')
  .argument('<rutas...>', 'archivos program.json o matching/modelo.json, o carpetas que los contienen')
  .option(BIBLIOTECA_FLAG, BIBLIOTECA_HELP)
  .action((paths: string[], options: LibraryOption) => run(() => testCommand(paths, options)));

program
  .command('registro-civil')
  .description('Carga el padrón del Registro Civil (CSV: curp,nombres,primer_apellido,segundo_apellido,fecha_nacimiento,sexo,estatus) en la base de datos del servidor (DATABASE_URL o PGLITE_DIR); sale con 1 si alguna fila se rechaza.')
  .argument('<archivo.csv>', 'archivo CSV con encabezado')
  // Imported on use: the other commands need no database code.
  .action((file: string) => run(async () => (await import('../server/modules/accounts/index.ts')).civilRegistryCommand(file, { out, err })));

const padron = program.command('padron').description('Padrón Estatal de Beneficiarios: carga de padrones de las dependencias');
padron
  .command('revisar')
  .description('Vista previa de un padrón (CSV en UTF-8 o Windows-1252): columnas, filas aceptadas y rechazadas por código; no guarda nada')
  .argument('<archivo>', 'el padrón en CSV')
  .option('--json', 'imprime {"filas", "aceptadas", "rechazadas", "porCodigo"}')
  .action((file: string, options: { json?: boolean }) =>
    run(async () => (await import('./padron.command.ts')).padronPreviewCommand(file, options, { out, err })),
  );
padron
  .command('cargar')
  .description('Carga un padrón (CSV o Excel .xlsx) al Padrón Estatal en la base de datos del servidor (DATABASE_URL o PGLITE_DIR): revisa cada fila, liga cada una con su persona y carga las aceptadas; el mismo archivo no se carga dos veces')
  .argument('<archivo>', 'el padrón en CSV o .xlsx')
  .option('--dependencia <clave>', 'la dependencia que lo envía (clave de su área, por ejemplo dif-estatal)')
  .option('--programa <clave>', 'la clave del programa en el catálogo; si no existe, se agrega')
  .option('--mapeo <archivo.json>', 'columnas por campo: {"curp": "NB_CURP", "nombres": "NB_NOMBRE", …}; sin él se usan las de la última carga o las que sugieren los encabezados')
  .option('--revisar', 'solo la vista previa: no guarda nada')
  .option('--json', 'imprime {"filas", "aceptadas", "rechazadas", "porCodigo"}')
  .action((file: string, options: { dependencia?: string; programa?: string; mapeo?: string; revisar?: boolean; json?: boolean }) =>
    run(async () =>
      options.revisar
        ? (await import('./padron.command.ts')).padronPreviewCommand(file, options, { out, err })
        : (await import('./padron-load.command.ts')).padronLoadCommand(file, options, { out, err }),
    ),
  );
padron
  .command('emparejar')
  .description('Busca a cada persona de un archivo en otro (el padrón), sin base de datos: escribe id_entrante,id_registro,decision,puntaje (misma o revisar; las filas sin pareja no se escriben). La primera columna de cada archivo es el id; las demás llevan los nombres de campo del padrón (curp, primer_apellido, segundo_apellido, nombre, fecha_nacimiento, sexo, cve_mun, localidad, colonia, codigo_postal, calle, telefono)')
  .option('--registro <archivo>', 'el padrón contra el que se busca (CSV o .xlsx)')
  .option('--entrantes <archivo>', 'las personas que se buscan (CSV o .xlsx)')
  .option('--salida <archivo.csv>', 'dónde escribir las parejas')
  .option('--modelo <modelo.json>', 'otro modelo de emparejamiento (por omisión, definitions/matching/modelo.json)')
  .option('--razones', 'agrega la columna «razones»: cada campo comparado con su peso')
  .action((options: { registro?: string; entrantes?: string; salida?: string; modelo?: string; razones?: boolean }) =>
    run(async () => (await import('./padron-match.command.ts')).padronMatchCommand(options, { out, err })),
  );
padron
  .command('entrenar')
  .description('Estima las probabilidades m y u del modelo de emparejamiento con datos (el padrón de la base de datos del servidor, o archivos CSV) y escribe una versión nueva; sale con 1 si no pasa su tabla de pruebas (así no se usa)')
  .option('--salida <modelo.json>', 'dónde escribir el modelo nuevo')
  .option('--registro <archivo>', 'en lugar de la base de datos, un padrón en CSV (primera columna el id, las demás con nombres de campo del padrón)')
  .option('--entrantes <archivo>', 'con --registro, otro archivo de personas que llegaron a ese padrón')
  .option('--modelo <modelo.json>', 'el modelo de partida (por omisión, definitions/matching/modelo.json)')
  .option('--semilla <n>', 'semilla del muestreo al azar (por omisión 1)')
  .option('--muestra <n>', 'pares al azar para estimar u (por omisión 200000)')
  .action((options: { salida?: string; registro?: string; entrantes?: string; modelo?: string; semilla?: string; muestra?: string }) =>
    run(async () => (await import('./padron-train.command.ts')).padronTrainCommand(options, { out, err })),
  );

const catalogos = program.command('catalogos').description('Catálogos de territorio: colonias por código postal (SEPOMEX) y localidades (INEGI)');
for (const [kind, what] of [
  ['sepomex', 'el catálogo de códigos postales de SEPOMEX (el TXT separado por «|» que publica Correos de México)'],
  ['localidades', 'el catálogo de localidades de INEGI (AGEEML, CSV)'],
] as const) {
  catalogos
    .command(kind)
    .description(`Importa ${what} en la base de datos del servidor (DATABASE_URL o PGLITE_DIR) e imprime qué agrega, cambia y quita frente al vigente; sin --aplicar no cambia el catálogo vigente`)
    .argument('<archivo>', 'el archivo del catálogo')
    .option('--aplicar', 'reemplaza el catálogo vigente con este archivo')
    .option('--json', 'imprime la importación como JSON')
    .action((file: string, options: { aplicar?: boolean; json?: boolean }) => run(async () => (await import('../server/modules/territorio/index.ts')).catalogosCommand(kind, file, options, { out, err })));
}

program
  .command('publish')
  .description('Publica una definición como nueva versión inmutable en la base de datos del servidor (DATABASE_URL o PGLITE_DIR); sale con 1 si se rechaza.')
  .argument('<archivo>', 'archivo program.json')
  .action((file: string) => run(async () => (await import('./publish.command.ts')).publishCommand(file, { out, err })));

program
  .command('create-admin')
  .description('Crea una cuenta de administrador en la base de datos del servidor (DATABASE_URL o PGLITE_DIR). La contraseña se pide sin mostrarla, o se toma de la variable de entorno indicada. Sale con 1 si los datos se rechazan y con 2 si la configuración no sirve.')
  .option('--usuario <usuario>', 'usuario para iniciar sesión (3 a 60 caracteres: letras, números, punto, guion)')
  .option('--nombre <nombre>', 'nombre completo')
  .option('--correo <correo>', 'correo electrónico')
  .option('--area <area>', 'id del área (definitions/catalogs/areas.json), p. ej. sedesoq')
  .option('--contrasena-env <VARIABLE>', 'toma la contraseña de esta variable de entorno en lugar de pedirla')
  // Imported on use, like registro-civil: the other commands need no database code.
  .action((options: { usuario?: string; nombre?: string; correo?: string; area?: string; contrasenaEnv?: string }) =>
    run(async () => (await import('../server/modules/admin/index.ts')).createAdminCommand(options, { out, err })),
  );

await program.parseAsync(process.argv);
