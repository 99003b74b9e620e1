import {
  assertCanReadAuditLog,
  AuditEvent,
  AuditEventFilter,
  auditFieldName,
  AuditLog,
  checkAuditFilter,
  encodeCursor,
  InputChecker,
  pageRequest,
  Peers,
  RequestContext,
  toAuditEvent,
} from '@tongxin/common';

/** The subgraphs whose logs `auditEvents` merges; the others are asked through `Peers`. */
export const AUDITED_SUBGRAPHS = ['persons', 'organizations', 'activities', 'evaluation'] as const;

const EVENT_FIELDS = 'id occurredAt subgraph subject role viewerScope action entityType entityId outcome detail requestId clientRequestId';

export interface MergedAuditPage {
  readonly edges: { cursor: string; node: AuditEvent }[];
  readonly hasNextPage: boolean;
}

/**
 * The platform's audit log as one list, newest first: this subgraph's own log and those of the
 * other three (each asked, with the caller's token, through its internal `<subgraph>AuditEvents`
 * field; no table is shared). UUIDv7 ids order events across subgraphs by time, so one id is the
 * cursor for all four: each source returns its events older than the cursor, the pages are merged
 * by id, and the first `first` are the page.
 */
export class AuditService {
  constructor(
    private readonly audit: AuditLog,
    private readonly peers: Peers,
  ) {}

  async list(ctx: RequestContext<unknown>, filter: AuditEventFilter | null | undefined, args: { first?: number | null; after?: string | null }): Promise<MergedAuditPage> {
    assertCanReadAuditLog(ctx.viewer);
    const page = pageRequest(args);
    const check = new InputChecker('filter');
    if (filter?.subgraph && !(AUDITED_SUBGRAPHS as readonly string[]).includes(filter.subgraph)) {
      check.fail('subgraph', `must be one of ${AUDITED_SUBGRAPHS.join(', ')}`);
    }
    check.throwIfInvalid();
    const { subgraph, ...rest } = filter ?? {};
    checkAuditFilter(rest);
    const before = (page.after?.[0] as string | undefined) ?? null;
    const sources = subgraph ? [subgraph] : [...AUDITED_SUBGRAPHS];
    const pages = await Promise.all(
      sources.map(async (source) => {
        if (source === this.audit.subgraph) {
          const own = await this.audit.page(ctx, rest, page.first, before);
          return { events: own.events.map((e) => toAuditEvent(source, e)), hasMore: own.hasMore };
        }
        const field = auditFieldName(source);
        const data = await this.peers.query<Record<string, { events: AuditEvent[]; hasMore: boolean }>>(
          ctx,
          source,
          `query($filter: AuditEventFilter, $first: Int!, $before: ID) { ${field}(filter: $filter, first: $first, before: $before) { events { ${EVENT_FIELDS} } hasMore } }`,
          { filter: rest, first: page.first, before },
        );
        const remote = data[field]!;
        return { events: remote.events.map((e) => Object.assign(new AuditEvent(), e, { occurredAt: new Date(e.occurredAt) })), hasMore: remote.hasMore };
      }),
    );
    const merged = pages.flatMap((p) => p.events).sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    const nodes = merged.slice(0, page.first);
    return {
      edges: nodes.map((node) => ({ cursor: encodeCursor([node.id]), node })),
      hasNextPage: merged.length > page.first || pages.some((p) => p.hasMore),
    };
  }
}
