import { randomUUID } from 'node:crypto';

/** Where an SMS goes out. Implementations throw on failure; the job retries with backoff. */
export interface SmsProvider {
  readonly name: string;
  send(message: { to: string; body: string; id: string }): Promise<{ providerMessageId: string }>;
}

/** The last four digits only: enough to tell which test phone a message is for, not the number. */
export function maskPhone(phone: string): string {
  return phone.length > 4 ? `${'•'.repeat(phone.length - 4)}${phone.slice(-4)}` : phone;
}

/**
 * Default provider: the outbox row and the log are the record; nothing leaves the machine. In
 * development this log line is how a person reads a sign-up code, so the text comes first,
 * whole and readable, in the message itself (README, «Los SMS en desarrollo»).
 */
export class OutboxLogProvider implements SmsProvider {
  readonly name = 'outbox';

  constructor(private readonly log: (msg: string, data: object) => void) {}

  async send(message: { to: string; body: string; id: string }): Promise<{ providerMessageId: string }> {
    const to = maskPhone(message.to);
    this.log(`SMS para ${to} (proveedor outbox, no sale del sistema): «${message.body}»`, { sms: { para: to, id: message.id } });
    return { providerMessageId: `outbox-${randomUUID()}` };
  }
}

/**
 * Posts `{to, body, reference}` as JSON to a gateway URL (with a bearer token when configured);
 * any 2xx answer is success and its `id` field, if any, is the provider's message id.
 */
export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';

  constructor(
    private readonly url: string,
    private readonly token: string | null,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: { to: string; body: string; id: string }): Promise<{ providerMessageId: string }> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify({ to: `+52${message.to}`, body: message.body, reference: message.id }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // Kept in the outbox row's last_error, which officials read: say what happened in Spanish.
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new Error(timedOut ? `La pasarela de SMS no respondió en ${this.timeoutMs / 1000} s.` : `No se pudo conectar con la pasarela de SMS (${(error as Error).message}).`);
    }
    if (!response.ok) {
      // An unread body keeps the connection out of the pool until garbage collection.
      await response.body?.cancel().catch(() => {});
      throw new Error(`La pasarela de SMS respondió ${response.status}.`);
    }
    const data = (await response.json().catch(() => ({}))) as { id?: unknown };
    return { providerMessageId: typeof data.id === 'string' ? data.id : `http-${message.id}` };
  }
}
