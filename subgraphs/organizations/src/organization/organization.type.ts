import { ConnectionType, DateScalar, District, districtOf, Street, streetOf } from '@tongxin/common';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { OrganizationEntity } from './organization.entity';
import { JointMeetingUnitRole, OrganizationKind, OrganizationLevel } from './organization.enums';

@ObjectType({ simpleResolvers: true, description: 'An association (联谊会, 行业协会, 社区小组) or a body of the work structure (联席会议, 领导小组, 协调小组).' })
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID)
  id!: string;

  @Field({ description: '名称' })
  name!: string;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field(() => OrganizationLevel)
  level!: OrganizationLevel;

  @Field(() => District, { description: '温州市 (330300) for city-level bodies, otherwise the county-level unit.' })
  district!: District;

  @Field(() => Street, { nullable: true, description: 'For street- and community-level bodies.' })
  street!: Street | null;

  @Field(() => String, { nullable: true, description: '社区, for community-level bodies.' })
  community!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '成立日期' })
  foundedOn!: string | null;

  @Field(() => JointMeetingUnitRole, { nullable: true, description: "A member unit's part in its joint meeting; null for every other kind." })
  unitRole!: JointMeetingUnitRole | null;

  @Field(() => String, { nullable: true, description: "A member unit's contact person (联络人)." })
  contactName!: string | null;

  /** Resolved to `contactPhone`, whole (decrypted) or masked by the viewer's role. */
  contactPhoneEnc!: string | null;
  contactPhoneMasked!: string | null;

  @Field(() => Int, { description: 'Increases with every change.' })
  version!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  /** Resolved to `parent` through the request's loader. */
  parentId!: string | null;

  /** The district code, for the rules on its memberships (a HeldRecord's district). */
  districtCode!: string;
}

@ObjectType()
export class OrganizationConnection extends ConnectionType(Organization, 'Organization') {}

export function toOrganization(e: OrganizationEntity): Organization {
  const o = new Organization();
  o.id = e.id;
  o.name = e.name;
  o.kind = e.kind as OrganizationKind;
  o.level = e.level as OrganizationLevel;
  o.district = districtOf(e.districtCode);
  o.street = streetOf(e.streetCode);
  o.community = e.community;
  o.description = e.description;
  o.foundedOn = e.foundedOn;
  o.version = e.version;
  o.createdAt = e.createdAt;
  o.updatedAt = e.updatedAt;
  o.parentId = e.parentId;
  o.districtCode = e.districtCode;
  o.unitRole = e.unitRole as JointMeetingUnitRole | null;
  o.contactName = e.contactName;
  o.contactPhoneEnc = e.contactPhoneEnc;
  o.contactPhoneMasked = e.contactPhoneMasked;
  return o;
}
