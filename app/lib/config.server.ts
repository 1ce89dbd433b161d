/** Settings the app derives from the environment (validated at start-up by server/env.ts). */

/** Cookies are Secure, with the __Host- prefix, when users reach Plenum over HTTPS. */
export const secureCookies = (process.env.PUBLIC_ORIGIN ?? '').startsWith('https://');

export const sessionCookieName = secureCookies ? '__Host-plenum_session' : 'plenum_session';

export const maxUploadBytes = Number(process.env.MAX_UPLOAD_BYTES ?? 2 * 1024 * 1024);

export const maxImportBytes = Number(process.env.MAX_IMPORT_BYTES ?? 20 * 1024 * 1024);
