import { ConnectionType, DateScalar } from '@tongxin/common';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { Organization } from '../organization/organization.type';
import { MembershipEntity } from './membership.entity';
import { MembershipRole } from './membership.enums';
import { PersonRef, personRef } from '../person/person.ref';

@ObjectType({ simpleResolvers: true, description: "A person's place in an organization, from start to end; ended memberships stay as history." })
@Directive('@key(fields: "id")')
export class Membership {
  @Field(() => ID)
  id!: string;

  /**
   * Always a reference from this subgraph, which stores the id but cannot see the register; the
   * persons subgraph resolves it to null when nobody has that id, so the field is nullable and
   * a missing person costs only this field, not the membership or the list holding it.
   */
  @Field(() => PersonRef, {
    nullable: true,
    description: 'The person; null when the person is not (or no longer) in the register.',
  })
  person!: PersonRef;

  @Field(() => MembershipRole)
  role!: MembershipRole;

  @Field(() => DateScalar)
  startDate!: string;

  @Field(() => DateScalar, { nullable: true })
  endDate!: string | null;

  @Field(() => String, { nullable: true })
  endReason!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Start of the term of office (任期) of this role, if it has one.' })
  termStart!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'End of the term of office; the membership itself ends with endDate.' })
  termEnd!: string | null;

  @Field({ description: 'True until the membership is ended.' })
  active!: boolean;

  @Field(() => Int, { description: 'Increases with every change; send it back as expectedVersion.' })
  version!: number;

  @Field(() => Date)
  createdAt!: Date;

  /** Resolved to `organization` through the request's loader, unless it was read with the membership. */
  organizationId!: string;
  preloadedOrganization?: Organization;

  /** Resolved to `previous` and `next` (the role history) through the request's loader. */
  previousId!: string | null;
  nextId!: string | null;
}

@ObjectType()
export class MembershipConnection extends ConnectionType(Membership, 'Membership') {}

export function toMembership(e: MembershipEntity): Membership {
  const m = new Membership();
  m.id = e.id;
  m.person = personRef(e.personId);
  m.organizationId = e.organizationId;
  m.role = e.role as MembershipRole;
  m.startDate = e.startDate;
  m.endDate = e.endDate;
  m.endReason = e.endReason;
  m.active = e.endDate === null;
  m.version = e.version;
  m.createdAt = e.createdAt;
  m.termStart = e.termStart;
  m.termEnd = e.termEnd;
  m.previousId = e.previousId;
  m.nextId = e.nextId;
  return m;
}

/** The membership with its organization read already: `organization` resolves without a loader. */
export function withOrganization(m: Membership, organization: Organization): Membership {
  m.preloadedOrganization = organization;
  return m;
}
