/**
 * Writes the field app's service worker (sw.js) into the build with the list of every file the build made
 * (scripts, styles, the page, the public icons and manifest) and a version derived from that list.
 *
 * Why not vite-plugin-pwa/Workbox: vite-plugin-pwa 2.0.0 accepts Vite 8, but it needs workbox-build 7.4 as a
 * peer, which brings Babel, Rollup and Terser (a second bundler beside Vite's) to produce a service worker
 * whose whole job here is "keep these files, answer from them". service-worker.js does that in ~80 lines
 * that can be read in one sitting, with no new build tool.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const TEMPLATE = new URL('./service-worker.js', import.meta.url);

export function serviceWorkerPlugin(publicDir: string): Plugin {
  let base = '/';
  return {
    name: 'sipros-campo-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      base = config.base;
    },
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((f) => f !== 'sw.js');
      // The page is kept under the app's address (/campo/): the server answers /campo/index.html itself with a 404.
      // (Named here, not taken from the bundle: Vite's HTML step may emit index.html after this hook.)
      const files = [base, ...[...built, ...readdirSync(publicDir)].filter((f) => f !== 'index.html').sort().map((f) => `${base}${f}`)];
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(TEMPLATE, 'utf8').replace("'__ARCHIVOS__'", JSON.stringify(files)).replace('__VERSION__', version).replace('__BASE__', base);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
