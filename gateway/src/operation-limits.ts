import { DEFAULT_OPERATION_LIMITS, Env, envInt, OperationLimits, operationLimitsFromEnv } from '@tongxin/common';

/**
 * What the gateway accepts of one request: the operation limits every subgraph applies too
 * (`OperationLimits` of @tongxin/common: depth, cost, aliases, directives, tokens, document size),
 * and the gateway's own limit on the body. Anything over a limit is refused before it is planned,
 * so it never reaches a subgraph.
 */
export interface GatewayLimits extends OperationLimits {
  /** Largest request body, in bytes; a larger one is answered 413 before it is read to the end. */
  readonly maxBodyBytes: number;
  /** Batched HTTP requests (a JSON array of operations) are refused: each operation comes alone. */
  readonly batching: false;
}

export const DEFAULT_GATEWAY_LIMITS: GatewayLimits = {
  ...DEFAULT_OPERATION_LIMITS,
  // The largest legitimate body is an import of a whole register sheet in one request (all or
  // nothing): 10,000 rows of the 登记表 are about 3.6 MB of variables. 8 MiB takes that with room
  // to spare and bounds what is buffered and parsed (about 40 ms of JSON.parse); the document
  // itself is bounded by maxDocumentBytes and maxTokens. The subgraphs take twice as much
  // (SUBGRAPH_MAX_BODY_BYTES), so anything the gateway accepts reaches them.
  maxBodyBytes: 8 * 1024 * 1024,
  batching: false,
};

/** The limits from GATEWAY_MAX_* variables over the defaults; a bad value throws ConfigError. */
export function gatewayLimitsFromEnv(env: Env): GatewayLimits {
  return {
    ...operationLimitsFromEnv(env),
    maxBodyBytes: envInt(env, 'GATEWAY_MAX_BODY_BYTES', DEFAULT_GATEWAY_LIMITS.maxBodyBytes, 1024, 1024 ** 3),
    batching: false,
  };
}
