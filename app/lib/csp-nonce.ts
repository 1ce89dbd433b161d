/**
 * The nonce of this response's Content-Security-Policy (server/app.ts): the inline scripts Remix
 * renders (hydration data, scroll restoration) carry it, and no other inline script runs. Set on
 * the server only; browsers hide a nonce from the page, so on the client it is empty.
 */
import { createContext, useContext } from 'react';

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce?: string;
  }
}

export const NonceContext = createContext<string | undefined>(undefined);

export const useNonce = () => useContext(NonceContext);
