import { ConnectionType, District, districtOf } from '@tongxin/common';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ActivityEntity } from './activity.entity';
import { ActivityKind, ActivityStatus } from './activity.enums';
import { OrganizationRef, organizationRef } from '../organization/organization.ref';

@ObjectType({ simpleResolvers: true, description: 'An activity the new social stratum takes part in (§3, §5, §13, §14).' })
@Directive('@key(fields: "id")')
export class Activity {
  @Field(() => ID)
  id!: string;

  /** The district and organizer that hold its participations: what the read rules check. */
  districtCode!: string;
  organizerId!: string | null;

  @Field({ description: '活动名称' })
  title!: string;

  @Field(() => ActivityKind)
  kind!: ActivityKind;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => OrganizationRef, { nullable: true, description: 'The organization that holds the activity, if one does.' })
  organizer!: OrganizationRef | null;

  @Field(() => District, { description: 'Where it takes place; 温州市 (330300) for a city-wide activity.' })
  district!: District;

  @Field(() => String, { nullable: true, description: '地点' })
  location!: string | null;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date, { nullable: true })
  endsAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Most participations it takes; no limit when null.' })
  capacity!: number | null;

  @Field(() => ActivityStatus)
  status!: ActivityStatus;

  @Field(() => Int, { description: 'Increases with every change.' })
  version!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType()
export class ActivityConnection extends ConnectionType(Activity, 'Activity') {}

export function toActivity(e: ActivityEntity): Activity {
  const a = new Activity();
  a.id = e.id;
  a.districtCode = e.districtCode;
  a.organizerId = e.organizerId;
  a.title = e.title;
  a.kind = e.kind as ActivityKind;
  a.description = e.description;
  a.organizer = e.organizerId ? organizationRef(e.organizerId) : null;
  a.district = districtOf(e.districtCode);
  a.location = e.location;
  a.startsAt = e.startsAt;
  a.endsAt = e.endsAt;
  a.capacity = e.capacity;
  a.status = e.status as ActivityStatus;
  a.version = e.version;
  a.createdAt = e.createdAt;
  a.updatedAt = e.updatedAt;
  return a;
}
