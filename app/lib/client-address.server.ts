import type { AppLoadContext } from '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Express's `req.ip`: X-Forwarded-For is honoured only from a trusted proxy (TRUST_PROXY). */
    clientAddress?: string;
  }
}

export function clientAddress(context: AppLoadContext): string {
  return context.clientAddress ?? 'unknown';
}
