import { startTestApp, type TestApp, type TestAppOptions } from './server.ts';

/**
 * Like startTestApp, but without the seed programs unless asked: for tests of the SMS gateway
 * settings, of Redis-backed request limits, and of provider failures.
 */
export function startCustomApp(options: TestAppOptions = {}): Promise<TestApp> {
  return startTestApp({ seed: false, ...options });
}
