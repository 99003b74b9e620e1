import { randomUUID } from 'node:crypto';

/**
 * Request ids. The gateway makes its own id for every request and returns it to the client in
 * `x-request-id`; what a client sends as `x-request-id` is only a label of the client's, kept apart
 * (`clientRequestId` in logs and audit events), so that no client can choose, reuse or forge the
 * id that ties a request's logs and audit events together. The gateway passes its id to the
 * subgraphs as `x-request-id` and the client's as `x-client-request-id`; a subgraph (private, on
 * loopback) takes the id it is given, and makes its own when it is given none.
 */
export const REQUEST_ID_HEADER = 'x-request-id';
export const CLIENT_REQUEST_ID_HEADER = 'x-client-request-id';

/** The longest id or client label kept (the audit log's `request_id` and `client_request_id` columns). */
export const MAX_REQUEST_ID_LENGTH = 64;

/** Printable ASCII without spaces: a UUID, a trace id. */
const REQUEST_ID = /^[\x21-\x7e]{1,64}$/;

function single(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}

/** A new request id (the gateway's, or a subgraph's own when it was given none). */
export function newRequestId(): string {
  return randomUUID();
}

/** A subgraph's request id: the one the gateway passed, if it is one (printable, at most 64 characters), else its own. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = single(header);
  return given !== undefined && REQUEST_ID.test(given) ? given : newRequestId();
}

/** A client's own request label: trimmed, at most MAX_REQUEST_ID_LENGTH characters, null when none. */
export function clientRequestIdFrom(header: string | string[] | undefined): string | null {
  const given = single(header)?.trim();
  return given ? given.slice(0, MAX_REQUEST_ID_LENGTH) : null;
}
