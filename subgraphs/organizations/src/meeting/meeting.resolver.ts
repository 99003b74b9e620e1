import type { GraphQLResolveInfo } from 'graphql';
import { Authorization, loadById, PageArgs, RequestContext, toConnection } from '@tongxin/common';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { OrganizationsLoaders } from '../loaders';
import { Organization, toOrganization } from '../organization/organization.type';
import type { OrganizationsServices } from '../services';
import { CreateMeetingInput, MeetingPayload } from './meeting.inputs';
import { loadMeetingPage } from './meeting.loader';
import { Meeting, MeetingConnection, MeetingDecision, toMeeting, toMeetingDecision } from './meeting.type';

type Ctx = RequestContext<OrganizationsLoaders>;

@Resolver(() => Meeting)
export class MeetingResolver {
  constructor(private readonly services: OrganizationsServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'bodies of own district', ANALYST: 'all' } })
  @Query(() => Meeting, {
    nullable: true,
    description: "A meeting of a joint meeting, or null when there is none with this id. City administrators and analysts read all, district administrators those of their district's bodies.",
  })
  async meeting(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<Meeting | null> {
    const entity = await loadById(ctx.loaders.meetingById, id);
    return entity ? toMeeting(entity) : null;
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'bodies of own district' } })
  @Mutation(() => MeetingPayload, { description: 'Records a meeting of a joint meeting: its date, topic, attending member units and decisions.' })
  async createMeeting(@Arg('input') input: CreateMeetingInput, @Ctx() ctx: Ctx): Promise<MeetingPayload> {
    const meeting = toMeeting(await this.services.meetings.create(ctx, input));
    return Object.assign(new MeetingPayload(), { meeting });
  }

  @FieldResolver(() => Organization, { description: 'The joint meeting that met.' })
  async body(@Root() meeting: Meeting, @Ctx() ctx: Ctx): Promise<Organization> {
    const entity = await ctx.loaders.organizationById.load(meeting.bodyId);
    if (!entity) throw new Error(`Meeting ${meeting.id} points to a missing organization ${meeting.bodyId}`);
    return toOrganization(entity);
  }

  @FieldResolver(() => [Organization], { description: 'The member units that attended (出席单位), in id order.' })
  async attendingUnits(@Root() meeting: Meeting, @Ctx() ctx: Ctx): Promise<Organization[]> {
    return (await ctx.loaders.meetingDetails.load(meeting.id)).attendingUnits.map(toOrganization);
  }

  @FieldResolver(() => [MeetingDecision], { description: 'Its decisions (议定事项), in order.' })
  async decisions(@Root() meeting: Meeting, @Ctx() ctx: Ctx): Promise<MeetingDecision[]> {
    const details = await ctx.loaders.meetingDetails.load(meeting.id);
    return details.decisions.map((d) => toMeetingDecision(d, details.units));
  }
}

@Resolver(() => MeetingDecision)
export class MeetingDecisionResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'The member unit that carries it out.' })
  responsibleUnit(@Root() decision: MeetingDecision): Organization | null {
    return decision.responsibleUnitEntity ? toOrganization(decision.responsibleUnitEntity) : null;
  }
}

/** The meetings this subgraph contributes to Organization. */
@Resolver(() => Organization)
export class OrganizationMeetingsResolver {
  constructor(private readonly services: OrganizationsServices) {}

  @FieldResolver(() => MeetingConnection, {
    nullable: true,
    description:
      "A joint meeting's meetings, in the order recorded (empty for other kinds). City administrators and analysts read every body's, a district administrator those of their district; otherwise FORBIDDEN on this field alone.",
  })
  async meetings(@Root() organization: Organization, @Args() page: PageArgs, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): Promise<MeetingConnection> {
    this.services.meetings.assertCanReadMeetingsOf(ctx, organization);
    const result = await loadMeetingPage(ctx.loaders, organization.id, page, info);
    return toConnection(MeetingConnection, result, toMeeting);
  }
}
