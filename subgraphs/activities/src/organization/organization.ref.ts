import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** An organization, owned by the organizations subgraph: this subgraph knows only the id. */
@ObjectType('Organization', { simpleResolvers: true })
@Directive('@key(fields: "id")')
export class OrganizationRef {
  @Field(() => ID)
  id!: string;
}

export const organizationRef = (id: string): OrganizationRef => Object.assign(new OrganizationRef(), { id });
