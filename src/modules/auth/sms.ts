import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from '../access/policy.ts';

/** Sends a short text to a phone. Real providers plug in by configuration (SMS_PROVIDER). */
export interface SmsProvider {
  send(phone: string, text: string): Promise<void>;
}

/**
 * For development and tests: writes the text to the server log (with the phone masked) and keeps the
 * last messages in memory so a test can read the code it was sent.
 */
export class LogSmsProvider implements SmsProvider {
  readonly sent: { phone: string; text: string; at: Date }[] = [];
  constructor(private readonly log: FastifyBaseLogger) {}

  async send(phone: string, text: string) {
    this.sent.push({ phone, text, at: new Date() });
    if (this.sent.length > 100) this.sent.shift();
    this.log.info({ to: maskPhone(phone), text }, 'sms (log provider)');
  }

  lastTo(phone: string): string | undefined {
    return this.sent.findLast((m) => m.phone === phone)?.text;
  }
}
