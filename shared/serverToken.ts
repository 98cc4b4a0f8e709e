/**
 * The loopback server's per-start secret (see electron/server/requestChecks.ts): printed in the address it listens on
 * as `?token=…`, sent back by the renderer on every API call in this header, and on the event stream in the query.
 */
export const TOKEN_HEADER = 'x-csw-token';
export const TOKEN_PARAM = 'token';
