import { DateScalar } from '@tongxin/common';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { JointMeetingUnitRole, OrganizationKind, OrganizationLevel } from './organization.enums';
import { Organization } from './organization.type';

/** A new organization; where it lies and under whom are checked against its kind and level by the service. */
@InputType()
export class CreateOrganizationInput {
  @Field({ description: '2 to 100 characters.' })
  name!: string;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field(() => OrganizationLevel)
  level!: OrganizationLevel;

  @Field({ description: '330300 for a city-level body, otherwise one of the 12 county-level units.' })
  districtCode!: string;

  @Field(() => String, { nullable: true, description: '9-digit street or town code in that district: required for STREET and COMMUNITY levels.' })
  streetCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Community name: required for the COMMUNITY level.' })
  community?: string | null;

  @Field(() => ID, { nullable: true, description: 'The body this one belongs to: not of a lower level, and in the same area.' })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => DateScalar, { nullable: true })
  foundedOn?: string | null;

  @Field(() => JointMeetingUnitRole, { nullable: true, description: "A member unit's part in its joint meeting (defaults to MEMBER); only for JOINT_MEETING_MEMBER_UNIT." })
  unitRole?: JointMeetingUnitRole | null;

  @Field(() => String, { nullable: true, description: "A member unit's contact person (联络人), 2 to 50 characters; only for JOINT_MEETING_MEMBER_UNIT." })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: "A member unit's contact phone: 11-digit mobile or landline with area code (0577-88960000); only for JOINT_MEETING_MEMBER_UNIT." })
  contactPhone?: string | null;
}

@InputType({ description: 'Every given condition must hold.' })
export class OrganizationFilter {
  @Field(() => String, { nullable: true })
  districtCode?: string | null;

  @Field(() => OrganizationKind, { nullable: true })
  kind?: OrganizationKind | null;

  @Field(() => OrganizationLevel, { nullable: true })
  level?: OrganizationLevel | null;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the name.' })
  text?: string | null;
}

@ObjectType()
export class OrganizationPayload {
  @Field(() => Organization)
  organization!: Organization;
}
