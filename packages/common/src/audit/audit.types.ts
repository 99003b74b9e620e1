import { Arg, ClassType, Ctx, Directive, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../context';
import { Authorization } from '../auth/authorization';
import { registerLabelledEnum } from '../graphql/enums';
import { AuditEventEntity } from './audit-event.entity';
import { AuditLog, AuditOutcome } from './audit-log';

registerLabelledEnum(AuditOutcome, 'AuditOutcome', 'How an audited action ended.', {
  SUCCEEDED: 'done',
  REFUSED: 'refused: the caller may not do this (FORBIDDEN)',
  FAILED: 'failed: bad input, a conflict, a missing record or an internal error',
});

@ObjectType({ simpleResolvers: true, description: 'One line of the audit log: who did what to which record, when, and how it ended.' })
@Directive('@shareable')
export class AuditEvent {
  @Field(() => ID, { description: 'UUIDv7: the log is ordered by it, newest first.' })
  id!: string;

  @Field(() => Date)
  occurredAt!: Date;

  @Field({ description: 'The subgraph that recorded it: persons, organizations, activities or evaluation.' })
  subgraph!: string;

  @Field({ description: "The token's subject, or system for scripts." })
  subject!: string;

  @Field(() => String, { nullable: true, description: 'The role the token carried (SYSTEM for scripts).' })
  role!: string | null;

  @Field(() => String, { nullable: true, description: 'The scope the token held: district:330302, organization:<id>, person:<id>.' })
  viewerScope!: string | null;

  @Field({ description: 'The mutation or the sensitive read: registerPerson, readIdNumber …' })
  action!: string;

  @Field()
  entityType!: string;

  @Field(() => ID, { nullable: true, description: 'The record acted on; null for a batch or when the input named none.' })
  entityId!: string | null;

  @Field(() => AuditOutcome)
  outcome!: AuditOutcome;

  @Field(() => String, { nullable: true, description: 'Why it was refused or failed, or what a batch held.' })
  detail!: string | null;

  @Field({ description: "The platform's id of the request, made by the gateway and returned to the client in the x-request-id header." })
  requestId!: string;

  @Field(() => String, { nullable: true, description: 'The x-request-id the client sent with the request, if any: its own label, never the id.' })
  clientRequestId!: string | null;
}

@InputType({ description: 'Every given condition must hold.' })
export class AuditEventFilter {
  @Field(() => String, { nullable: true, description: 'Only this subgraph: persons, organizations, activities or evaluation.' })
  subgraph?: string | null;

  @Field(() => String, { nullable: true })
  subject?: string | null;

  @Field(() => String, { nullable: true })
  action?: string | null;

  @Field(() => String, { nullable: true })
  entityType?: string | null;

  @Field(() => ID, { nullable: true })
  entityId?: string | null;

  @Field(() => AuditOutcome, { nullable: true })
  outcome?: AuditOutcome | null;

  @Field(() => Date, { nullable: true, description: 'At or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this time.' })
  before?: Date | null;
}

@ObjectType({ simpleResolvers: true, description: "A page of one subgraph's audit log, newest first (internal: the merged log is Query.auditEvents)." })
@Directive('@shareable')
export class AuditEventPage {
  @Field(() => [AuditEvent])
  events!: AuditEvent[];

  @Field()
  hasMore!: boolean;
}

export function toAuditEvent(subgraph: string, e: AuditEventEntity): AuditEvent {
  return Object.assign(new AuditEvent(), {
    id: e.id,
    occurredAt: e.occurredAt,
    subgraph,
    subject: e.subject,
    role: e.role,
    viewerScope: e.viewerScope,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    outcome: e.outcome as AuditOutcome,
    detail: e.detail,
    requestId: e.requestId,
    clientRequestId: e.clientRequestId,
  });
}

/** The internal field through which the persons subgraph reads another subgraph's log for `auditEvents`. */
export function auditFieldName(subgraph: string): string {
  return `${subgraph}AuditEvents`;
}

/**
 * The resolver of a subgraph's internal `<subgraph>AuditEvents` field: `@inaccessible`, so the
 * gateway's API does not have it; the persons subgraph calls it directly, with the caller's
 * token, to merge the four logs (the field still checks that the caller is a city administrator).
 */
export function auditEventsResolver<S>(subgraph: string, auditOf: (services: S) => AuditLog): ClassType {
  @Resolver()
  class SubgraphAuditResolver {
    constructor(private readonly services: S) {}

    @Authorization({ operation: auditFieldName(subgraph), roles: { CITY_ADMIN: 'all' }, note: "internal (@inaccessible): asked by persons for auditEvents with the caller's own token" })
    @Query(() => AuditEventPage, { name: auditFieldName(subgraph), description: `A page of the ${subgraph} subgraph's audit log, newest first.` })
    @Directive('@inaccessible')
    async events(
      @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
      @Arg('first', () => Int) first: number,
      @Arg('before', () => ID, { nullable: true, description: 'Only events older than this one.' }) before: string | null,
      @Ctx() ctx: RequestContext<unknown>,
    ): Promise<AuditEventPage> {
      const page = await auditOf(this.services).page(ctx, filter, Math.min(Math.max(first, 1), 1000), before);
      return Object.assign(new AuditEventPage(), { events: page.events.map((e) => toAuditEvent(subgraph, e)), hasMore: page.hasMore });
    }
  }
  Object.defineProperty(SubgraphAuditResolver, 'name', { value: `${subgraph[0]!.toUpperCase()}${subgraph.slice(1)}AuditResolver` });
  return SubgraphAuditResolver;
}
