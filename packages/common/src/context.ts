import type { EntityManager } from 'typeorm';
import { IdGenerator, randomIds } from './ids';
import { createLogger, type Logger } from './logger';

/** The roles of DOMAIN.md ("Who may do what"). */
export enum Role {
  CITY_ADMIN = 'CITY_ADMIN',
  DISTRICT_ADMIN = 'DISTRICT_ADMIN',
  ASSOCIATION_ADMIN = 'ASSOCIATION_ADMIN',
  ANALYST = 'ANALYST',
  PERSON = 'PERSON',
}

/**
 * Who is asking, as their verified token says: a role and the scope it holds (a district, an
 * organization, the person themselves). Scripts (demo data, command-line imports) run as the
 * system, which is not a role a token can carry.
 */
export interface Viewer {
  readonly subject: string;
  readonly system: boolean;
  readonly role: Role | null;
  readonly districtCode: string | null;
  readonly organizationId: string | null;
  readonly personId: string | null;
  /**
   * Set when the caller is another subgraph acting for the platform (a token with role `SERVICE`
   * and claim `svc`, e.g. `persons` delivering its outbox): it holds no role, so every rule of
   * `auth/access.ts` refuses it, and only internal operations meant for it accept it.
   */
  readonly service?: string | null;
}

export const SYSTEM_VIEWER: Viewer = Object.freeze({
  subject: 'system',
  system: true,
  role: null,
  districtCode: null,
  organizationId: null,
  personId: null,
});

export interface RequestContextInit<L> {
  /** The platform's id of the request: made by the gateway (or by a subgraph called without one). */
  readonly requestId: string;
  /** The `x-request-id` the client sent the gateway, if any: a label of the client's, never the id. */
  readonly clientRequestId?: string | null;
  readonly viewer: Viewer;
  readonly log: Logger;
  readonly ids?: IdGenerator;
  /** The request's `Authorization` header, forwarded when a service asks another subgraph (see `Peers`). */
  readonly authorization?: string;
  /** Builds this request's DataLoaders on first use (one set per request). */
  readonly createLoaders: (ctx: RequestContext<L>) => L;
}

/**
 * Everything one request carries, passed explicitly as the first argument of every service
 * method: the viewer, the request id for logs, its DataLoaders, and, inside a transaction, the
 * transaction's EntityManager.
 */
export class RequestContext<L = unknown> {
  readonly requestId: string;
  readonly clientRequestId: string | null;
  readonly viewer: Viewer;
  readonly log: Logger;
  readonly ids: IdGenerator;
  readonly manager: EntityManager | undefined;
  readonly authorization: string | undefined;
  private readonly createLoaders: (ctx: RequestContext<L>) => L;
  private loaderSet: L | undefined;

  constructor(init: RequestContextInit<L>, manager?: EntityManager) {
    this.requestId = init.requestId;
    this.clientRequestId = init.clientRequestId ?? null;
    this.viewer = init.viewer;
    this.log = init.log;
    this.ids = init.ids ?? randomIds;
    this.authorization = init.authorization;
    this.createLoaders = init.createLoaders;
    this.manager = manager;
  }

  get loaders(): L {
    this.loaderSet ??= this.createLoaders(this);
    return this.loaderSet;
  }

  /** The same request bound to a transaction; it gets its own loaders, which read inside it. */
  withManager(manager: EntityManager): RequestContext<L> {
    return new RequestContext<L>(
      {
        requestId: this.requestId,
        clientRequestId: this.clientRequestId,
        viewer: this.viewer,
        log: this.log,
        ids: this.ids,
        authorization: this.authorization,
        createLoaders: this.createLoaders,
      },
      manager,
    );
  }
}

/** A context for work outside a request (demo data, command-line imports, tests): the system viewer. */
export function systemContext<L = never>(opts: { log?: Logger; ids?: IdGenerator; createLoaders?: (ctx: RequestContext<L>) => L } = {}): RequestContext<L> {
  return new RequestContext<L>({
    requestId: 'system',
    viewer: SYSTEM_VIEWER,
    log: opts.log ?? createLogger('system', process.env.LOG_LEVEL ?? 'warn'),
    ids: opts.ids,
    createLoaders:
      opts.createLoaders ??
      (() => {
        throw new Error('This system context has no loaders');
      }),
  });
}
